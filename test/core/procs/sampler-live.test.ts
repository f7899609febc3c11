import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync} from 'node:fs';
import {afterAll, describe, expect, it} from 'vitest';
import {chooseOneCpu, detectPinning, pinnedCommand} from '../../../source/core/procs/pinning.js';
import {ProcessSampler} from '../../../source/core/procs/sampler.js';
import {cellKinds, type TimelineSnapshot} from '../../../source/core/procs/types.js';
import {unlessDisturbed} from '../../helpers/busy-machine.js';

/**
 * The real thing: node children pinned to one core with taskset, sampled from /proc. No timing thresholds:
 * each case waits (bounded) until the sampler shows what it must, and fails loudly if it never does.
 */
const pinning = detectPinning();
const skipReason = !existsSync('/proc/self/schedstat')
	? 'no /proc/<pid>/schedstat (not Linux, or a kernel without schedstats)'
	: pinning.available
		? undefined
		: pinning.reason;
if (skipReason) console.warn(`live sampler tests skipped: ${skipReason}`);

const children: ChildProcess[] = [];
afterAll(() => {
	for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

const burner = 'for (;;) {}';
const sleeper = 'setInterval(() => {}, 1000)';

function spawnPinned(cpu: number, script: string): number {
	const pinned = pinnedCommand(cpu, process.execPath, ['-e', script]);
	if (!pinned.ok) throw new Error(pinned.reason);
	const child = spawn(pinned.command, pinned.args, {stdio: 'ignore'});
	children.push(child);
	if (child.pid === undefined) throw new Error('spawn failed');
	return child.pid;
}

/** Samples (real timer) until `check` passes on a snapshot; rejects with the last snapshot after `timeoutMs`. */
async function waitFor(
	sampler: ProcessSampler,
	check: (snapshot: TimelineSnapshot) => boolean,
	what: string,
	timeoutMs = 20_000,
): Promise<TimelineSnapshot> {
	return new Promise((resolve, reject) => {
		const timeout = setTimeout(() => {
			unsubscribe();
			reject(new Error(`timed out waiting until ${what}; last lanes: ${describeLanes(sampler.snapshot())}`));
		}, timeoutMs);
		const unsubscribe = sampler.subscribe((snapshot) => {
			if (!check(snapshot)) return;
			clearTimeout(timeout);
			unsubscribe();
			resolve(snapshot);
		});
	});
}

const recent = (snapshot: TimelineSnapshot, pid: number, count: number) =>
	[...(snapshot.processes.find((lane) => lane.pid === pid)?.cells.subarray(-count) ?? [])].map(
		(code) => cellKinds[code],
	);
const countOf = (cells: ReadonlyArray<string | undefined>, kind: string) =>
	cells.filter((cell) => cell === kind).length;
const describeLanes = (snapshot: TimelineSnapshot) =>
	snapshot.processes.map((lane) => `${lane.label}=${recent(snapshot, lane.pid, 10).join(',')}`).join(' ');

describe.skipIf(skipReason !== undefined)('ProcessSampler on live processes (Linux, taskset)', () => {
	const cpu = chooseOneCpu()!;

	it('sees a pinned CPU burner mostly running and a pinned idle process sleeping, then the idle one exit', async (context) => {
		await unlessDisturbed(context, async () => {
			const sampler = new ProcessSampler({intervalMs: 100});
			try {
				const busy = spawnPinned(cpu, burner);
				const idle = spawnPinned(cpu, sleeper);
				sampler.watch(busy, 'burner');
				sampler.watch(idle, 'sleeper');
				sampler.start();
				const snapshot = await waitFor(
					sampler,
					(current) => {
						const busyCells = recent(current, busy, 10);
						const idleCells = recent(current, idle, 10);
						return busyCells.length === 10 && countOf(busyCells, 'running') >= 6 && countOf(idleCells, 'sleeping') >= 9;
					},
					'the burner is running in 6 of 10 ticks and the sleeper sleeping in 9 of 10',
				);
				const busyLane = snapshot.processes.find((lane) => lane.pid === busy)!;
				expect(busyLane.latest.lastCpu).toBe(cpu);
				expect(busyLane.latest.state).toBe('R');
				// the core lane gives the pinned core to the burner at least once in the window
				expect([...snapshot.cores[cpu]!.owners.subarray(-10)]).toContain(busy);

				children.find((child) => child.pid === idle)!.kill('SIGKILL');
				const after = await waitFor(
					sampler,
					(current) => recent(current, idle, 1)[0] === 'exited',
					'the killed sleeper shows as exited',
				);
				expect(after.processes.find((lane) => lane.pid === idle)!.exited).toBe(true);
			} finally {
				sampler.close();
			}
		});
	}, 60_000);

	it('shows runnable time when two CPU burners share one core', async (context) => {
		await unlessDisturbed(context, async () => {
			const sampler = new ProcessSampler({intervalMs: 100});
			try {
				const first = spawnPinned(cpu, burner);
				const second = spawnPinned(cpu, burner);
				sampler.watch(first, 'burner-1');
				sampler.watch(second, 'burner-2');
				sampler.start();
				const snapshot = await waitFor(
					sampler,
					(current) => [first, second].some((pid) => recent(current, pid, 20).includes('runnable')),
					'one of the burners shows a runnable (waiting for the CPU) tick',
				);
				const waits = snapshot.processes.map((lane) => lane.latest.waitFraction ?? 0);
				expect(waits.some((wait) => wait > 0)).toBe(true);
				expect(snapshot.processes.every((lane) => lane.latest.involuntary !== undefined)).toBe(true);
			} finally {
				sampler.close();
			}
		});
	}, 60_000);

	it('marks the turns: two burners sharing one core both got CPU time in each 100 ms column', async (context) => {
		await unlessDisturbed(context, async () => {
			const sampler = new ProcessSampler({intervalMs: 100});
			try {
				const first = spawnPinned(cpu, burner);
				const second = spawnPinned(cpu, burner);
				sampler.watch(first, 'burner-1');
				sampler.watch(second, 'burner-2');
				sampler.start();
				const ranIn = (snapshot: TimelineSnapshot, pid: number) => [
					...(snapshot.processes.find((lane) => lane.pid === pid)?.ran.subarray(-5) ?? []),
				];
				const snapshot = await waitFor(
					sampler,
					(current) =>
						[first, second].every(
							(pid) => ranIn(current, pid).length === 5 && ranIn(current, pid).every((ran) => ran === 1),
						),
					'both burners ran during each of 5 columns in a row',
				);
				// Whatever state won each column, the "ran" mark shows both took turns.
				const states = [first, second].flatMap((pid) => recent(snapshot, pid, 5));
				expect(states.every((state) => state === 'running' || state === 'runnable')).toBe(true);
			} finally {
				sampler.close();
			}
		});
	}, 60_000);
});
