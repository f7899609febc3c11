import {isGoneState} from './state-letters.js';
import type {ProcessLatest, RawProcessSample} from './types.js';

/**
 * Turns two readings of one process, `elapsedNs` apart, into the timeline cell for that tick. Pure.
 *
 * With schedstat the tick splits into time on a CPU (run), time on a run queue waiting for a CPU (wait)
 * and the rest, which the process spent blocked (sleep: IO, a timer, a reply). The cell is the largest of
 * the three, so two CPU burners sharing one core, each running half the time and waiting the other half,
 * show a mix of 'running' and 'runnable'. Without schedstat, runnable cannot be measured: a process that
 * used at least half of the tick is 'running', anything else 'sleeping'. Gone or zombie is 'exited'.
 */
export function classifyTick(
	previous: RawProcessSample | undefined,
	current: RawProcessSample,
	elapsedNs: number,
): ProcessLatest {
	if (!current.present || (current.state !== undefined && isGoneState(current.state))) {
		return {cell: 'exited', state: current.state, cpuPercent: 0};
	}

	const latest: ProcessLatest = {
		cell: 'none',
		state: current.state,
		lastCpu: current.lastCpu,
		voluntary: current.voluntary,
		involuntary: current.involuntary,
		voluntaryDelta: delta(previous?.voluntary, current.voluntary),
		involuntaryDelta: delta(previous?.involuntary, current.involuntary),
	};
	if (current.percentCpu !== undefined) {
		// ps: an average, not this tick; the state letter decides (R is running or runnable: ps cannot tell).
		latest.cpuPercent = current.percentCpu;
		latest.cell = current.state === 'R' ? 'running' : current.state === undefined ? 'none' : 'sleeping';
		return latest;
	}

	const runNs = delta(previous?.runNs, current.runNs) ?? delta(previous?.cpuTimeNs, current.cpuTimeNs);
	if (runNs === undefined || !(elapsedNs > 0)) return latest; // first reading: nothing to compare with yet
	const run = clamp01(runNs / elapsedNs);
	latest.cpuPercent = run * 100;
	const waitNs = delta(previous?.waitNs, current.waitNs);
	if (waitNs === undefined) {
		latest.cell = run >= 0.5 ? 'running' : 'sleeping';
		return latest;
	}

	const wait = clamp01(waitNs / elapsedNs);
	const sleep = Math.max(0, 1 - run - wait);
	latest.waitFraction = wait;
	latest.cell = run >= wait && run >= sleep ? 'running' : wait >= sleep ? 'runnable' : 'sleeping';
	return latest;
}

/** Runtime (ns) a process spent on a CPU during the tick, for the per-core lanes; undefined when unknown. */
export function runDeltaNs(previous: RawProcessSample | undefined, current: RawProcessSample): number | undefined {
	if (!current.present) return undefined;
	return delta(previous?.runNs, current.runNs) ?? delta(previous?.cpuTimeNs, current.cpuTimeNs);
}

function delta(before: number | undefined, after: number | undefined): number | undefined {
	if (before === undefined || after === undefined || !Number.isFinite(before) || !Number.isFinite(after))
		return undefined;
	return Math.max(0, after - before);
}

function clamp01(value: number): number {
	return value < 0 ? 0 : value > 1 ? 1 : value;
}
