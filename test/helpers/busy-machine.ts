import {readdirSync, readFileSync} from 'node:fs';
import {clockTicksPerSecond} from '../../source/core/procs/clock-ticks.js';
import {startDisturbanceMeter, type CpuDisturbance} from '../../source/core/procs/cpu-disturbance.js';

/**
 * Tests that depend on the kernel scheduler (a pinned burner seen running, FIFO order, a live timeline)
 * can fail only because other processes took the CPU. This measures that with the product's own meter
 * (cpu-disturbance.ts: /proc/stat busy time minus the test's own CPU time) and decides.
 */

/** utime, stime, cutime, cstime of one process in ticks (cutime/cstime: its children it has waited for). */
function processTicks(pid: number | 'self'): {own: number; children: number; ppid: number} | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return {
			ppid: Number(fields[1]),
			own: Number(fields[11]) + Number(fields[12]),
			children: Number(fields[13]) + Number(fields[14]),
		};
	} catch {
		return undefined;
	}
}

/** The pids of this process's living descendants (walks /proc once). */
function descendants(root: number): number[] {
	const parentOf = new Map<number, number>();
	for (const entry of readdirSync('/proc')) {
		const pid = Number(entry);
		if (!Number.isInteger(pid)) continue;
		const ticks = processTicks(pid);
		if (ticks) parentOf.set(pid, ticks.ppid);
	}

	const found: number[] = [];
	let frontier = [root];
	while (frontier.length > 0) {
		const next: number[] = [];
		for (const [pid, ppid] of parentOf) if (frontier.includes(ppid)) next.push(pid);
		found.push(...next);
		frontier = next;
	}

	return found;
}

/** CPU ticks of this process tree: itself, its living descendants, and the children they all waited for. */
function treeTicks(): Map<number, number> {
	const ticks = new Map<number, number>();
	for (const pid of [process.pid, ...descendants(process.pid)]) {
		const figures = processTicks(pid);
		if (figures) ticks.set(pid, figures.own + figures.children);
	}

	return ticks;
}

/** Started before a test: `read()` is the CPU ms the test's process tree used since (the demo's own time). */
export function startTreeCpu(): {read(): number} {
	const before = treeTicks();
	const msPerTick = 1000 / clockTicksPerSecond();
	return {
		read() {
			let ticks = 0;
			for (const [pid, now] of treeTicks()) ticks += Math.max(0, now - (before.get(pid) ?? 0));
			return ticks * msPerTick;
		},
	};
}

/** What to do after one attempt of a scheduler-dependent test. */
export type Verdict = 'pass' | 'fail' | 'retry' | 'skip';

/**
 * Pure: passed -> pass; failed on a quiet machine (or where the load is unknown) -> fail, a real failure;
 * failed while other processes took the CPU -> retry the first time, skip the second (never a silent pass).
 */
export function verdict(passed: boolean, disturbance: CpuDisturbance | undefined, attempt: number): Verdict {
	if (passed) return 'pass';
	if (!disturbance?.disturbed) return 'fail';
	return attempt < 2 ? 'retry' : 'skip';
}

/** The figure, for the skip reason and the log. */
export function describeDisturbance(disturbance: CpuDisturbance): string {
	const cpus = disturbance.cpus.join(',');
	return `other processes took ${Math.round(disturbance.otherMs)} ms of CPU ${cpus} (${disturbance.otherPct.toFixed(0)}% of ${Math.round(disturbance.windowMs)} ms) while the test used ${Math.round(disturbance.demoMs)} ms`;
}

/** The part of vitest's test context this needs. */
interface SkipContext {
	skip(note?: string): never;
	task: {name: string};
}

/**
 * Runs a scheduler-dependent test body, measuring how much CPU other processes took on `cpus` meanwhile.
 * A failure on a disturbed machine is retried once; if the retry fails disturbed too, the test is skipped
 * with the figure as the reason (printed). A failure on a quiet machine fails. Give the test time for two
 * attempts.
 */
export async function unlessDisturbed(
	context: SkipContext,
	body: (attempt: number) => Promise<void>,
	cpus: readonly number[] | 'all' = 'all',
): Promise<void> {
	for (let attempt = 1; ; attempt++) {
		const meter = startDisturbanceMeter(cpus);
		const own = startTreeCpu();
		let failure: unknown;
		let passed = true;
		try {
			await body(attempt);
		} catch (error: unknown) {
			passed = false;
			failure = error;
		}

		const disturbance = meter?.read(own.read());
		const next = verdict(passed, disturbance, attempt);
		if (next === 'pass') return;
		if (next === 'fail') throw failure;
		const figure = describeDisturbance(disturbance!);
		const reason = failure instanceof Error ? failure.message.split('\n')[0]! : String(failure);
		if (next === 'retry') {
			console.warn(`busy machine: "${context.task.name}" failed (${reason}) while ${figure}; retrying once`);
			continue;
		}

		const note = `busy machine: ${figure} (twice; last failure: ${reason})`;
		console.warn(`SKIPPED "${context.task.name}": ${note}`);
		context.skip(note);
	}
}
