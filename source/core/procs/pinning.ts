import {execFile, execFileSync} from 'node:child_process';
import {accessSync, constants, readFileSync} from 'node:fs';
import {delimiter, join} from 'node:path';

/** Why pinning is not possible or did not work: a code for the screen's catalogues, and its parameters. */
export type PinFailure =
	| {code: 'notLinux'; platform: string}
	| {code: 'noTaskset'}
	| {code: 'tasksetBroken'; detail: string}
	| {code: 'cpuNotAllowed'; cpu: number; allowed: string}
	| {code: 'pinFailed'; pid: number; cpu: string; detail: string};

/** The English words of a failure, for a command's one line on stderr (the dashboard translates `failure`). */
export function pinFailureText(failure: PinFailure): string {
	switch (failure.code) {
		case 'notLinux':
			return `pinning to one CPU needs Linux taskset (not available on ${failure.platform}); use the simulator view`;
		case 'noTaskset':
			return 'taskset not found (it is in util-linux); use the simulator view';
		case 'tasksetBroken':
			return `taskset does not work here (${failure.detail}); use the simulator view`;
		case 'cpuNotAllowed':
			return `CPU ${failure.cpu} is not one this process may use (${failure.allowed})`;
		case 'pinFailed':
			return `taskset could not pin PID ${failure.pid} to CPU ${failure.cpu}: ${failure.detail}`;
	}
}

const failed = (failure: PinFailure) => ({reason: pinFailureText(failure), failure});

/** Whether processes can be pinned to one CPU here, and if not, why (`reason` in English, `failure` as a code). */
export type PinningSupport =
	| {available: true; taskset: string; allowedCpus: readonly number[]}
	| {available: false; reason: string; failure: PinFailure};

let cached: PinningSupport | undefined;

/** Looks for a working `taskset` once and caches the answer. */
export function detectPinning(): PinningSupport {
	cached ??= detect(process.platform, process.env.PATH ?? '');
	return cached;
}

/** For tests: forget the cached answer. */
export function resetPinningCache(): void {
	cached = undefined;
}

export function detect(platform: NodeJS.Platform, path: string): PinningSupport {
	if (platform !== 'linux') return {available: false, ...failed({code: 'notLinux', platform})};
	const taskset = findExecutable('taskset', path);
	if (!taskset) return {available: false, ...failed({code: 'noTaskset'})};
	try {
		execFileSync(taskset, ['-p', String(process.pid)], {stdio: 'ignore', timeout: 2000});
	} catch (error) {
		return {
			available: false,
			...failed({code: 'tasksetBroken', detail: (error as Error).message.split('\n')[0] ?? ''}),
		};
	}

	return {available: true, taskset, allowedCpus: allowedCpus()};
}

/** The CPU one-CPU mode uses: the last one this process may run on (CPU 0 tends to take the interrupts). */
export function chooseOneCpu(support: PinningSupport = detectPinning()): number | undefined {
	return support.available ? support.allowedCpus.at(-1) : undefined;
}

/**
 * The command to spawn instead of `command args` so the child (and every thread it starts) runs only on
 * `cpu`: `taskset -c CPU command args...`.
 */
export function pinnedCommand(
	cpu: number,
	command: string,
	args: readonly string[],
	support: PinningSupport = detectPinning(),
): {ok: true; command: string; args: string[]} | {ok: false; reason: string; failure: PinFailure} {
	if (!support.available) return {ok: false, reason: support.reason, failure: support.failure};
	if (!support.allowedCpus.includes(cpu))
		return {ok: false, ...failed({code: 'cpuNotAllowed', cpu, allowed: support.allowedCpus.join(',')})};
	return {ok: true, command: support.taskset, args: ['-c', String(cpu), command, ...args]};
}

/**
 * Pins a running process, all its threads, to `cpu` (`taskset -a -p -c CPU PID`); a CPU list such as
 * `0-3` gives back a wider affinity. Never rejects.
 */
export async function pinProcess(
	pid: number,
	cpu: number | string,
	support: PinningSupport = detectPinning(),
): Promise<{ok: true} | {ok: false; reason: string; failure: PinFailure}> {
	if (!support.available) return {ok: false, reason: support.reason, failure: support.failure};
	return new Promise((resolve) => {
		execFile(
			support.taskset,
			['-a', '-p', '-c', String(cpu), String(pid)],
			{timeout: 5000},
			(error, _stdout, stderr) => {
				if (!error) resolve({ok: true});
				else
					resolve({
						ok: false,
						...failed({
							code: 'pinFailed',
							pid,
							cpu: String(cpu),
							detail: (String(stderr).trim() || error.message).split('\n')[0] ?? '',
						}),
					});
			},
		);
	});
}

/** The CPUs a process may run on now, as the kernel writes them (`0-3,8`); undefined when it is gone. */
export function readAffinity(pid: number): string | undefined {
	try {
		const match = /^Cpus_allowed_list:\s*(\S+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
		return match?.[1];
	} catch {
		return undefined;
	}
}

/** The CPU the dashboard moves to in one-CPU mode: the first allowed one that is not the demo's. */
export function chooseUiCpu(demoCpu: number, support: PinningSupport = detectPinning()): number | undefined {
	return support.available ? support.allowedCpus.find((cpu) => cpu !== demoCpu) : undefined;
}

/** Parses a CPU list such as `0-3,8,10-11`. */
export function parseCpuList(text: string): number[] {
	const cpus: number[] = [];
	for (const part of text.trim().split(',')) {
		const [from, to = from] = part.split('-').map(Number);
		if (
			from === undefined ||
			to === undefined ||
			!Number.isInteger(from) ||
			!Number.isInteger(to) ||
			to < from ||
			to - from > 4096
		)
			continue;
		for (let cpu = from; cpu <= to; cpu++) cpus.push(cpu);
	}

	return cpus;
}

function allowedCpus(): number[] {
	try {
		const match = /^Cpus_allowed_list:\s*(.+)$/m.exec(readFileSync('/proc/self/status', 'latin1'));
		const cpus = match ? parseCpuList(match[1]!) : [];
		if (cpus.length > 0) return cpus;
	} catch {
		// fall through
	}

	return [0];
}

function findExecutable(name: string, path: string): string | undefined {
	for (const directory of path.split(delimiter)) {
		if (!directory) continue;
		const candidate = join(directory, name);
		try {
			accessSync(candidate, constants.X_OK);
			return candidate;
		} catch {
			// next
		}
	}

	return undefined;
}
