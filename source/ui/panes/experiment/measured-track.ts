import type {RunResult} from '../../../core/experiment/types.js';
import {
	initialState,
	type ProcSnapshot,
	type SimState,
	type TraceCell,
	type TraceRow,
} from '../../../core/sched/simulator.js';
import {referenceConfig, type ProcState} from '../../../core/sched/types.js';
import type {SimTrack} from '../sim/sim-player.js';

/** A job counts as running in a column when it had the CPU this part of it (three jobs sharing get a third each). */
const runShare = 0.15;
/** Otherwise it counts as ready when it waited on the run queue this part of the column, else as blocked. */
const readyShare = 0.25;

const titles: Record<RunResult['kind'], string> = {serial: 'Serial, measured', concurrent: 'Concurrent, measured'};

/**
 * A measured run as a simulator track, so the sim pane's chart code draws it: one column per sample (one
 * tick of wall time). In each column a job ran (it had the CPU for 15% of the column or more: jobs sharing
 * the CPU all show as running, and the CPU lane names the one that ran most), was ready (it waited on the
 * run queue for a quarter of the column), was blocked (neither: it waited for its IO), had not started
 * yet (shown as ready: it waits for its turn, as in the simulator's serial run), or was done.
 */
export function measuredTrack(run: RunResult): SimTrack {
	const jobs = run.jobs.length;
	const procs = (states: readonly ProcState[]): ProcSnapshot[] =>
		states.map((state) => ({code: [], pc: 0, state, ioDue: []}));
	// The simulator's own start, except that no job runs before the first sample says so.
	const start: SimState = {
		...initialState({processes: Array.from({length: jobs}, () => [])}, referenceConfig),
		procs: procs(Array.from({length: jobs}, () => 'READY')),
		current: -1,
	};
	const states: SimState[] = [start];
	let previousAt = 0;
	for (const sample of run.samples) {
		const length = Math.max(1, sample.atMs - previousAt);
		previousAt = sample.atMs;
		let ran = -1;
		let most = 0;
		const cells: TraceCell[] = sample.jobs.map((job, index) => {
			if (job === 'not-started') return {state: 'READY'};
			if (job === 'done') return {state: 'DONE'};
			if (job.runMs >= runShare * length) {
				if (job.runMs > most) {
					most = job.runMs;
					ran = index;
				}

				return {state: 'RUNNING', instruction: 'cpu'};
			}

			return {state: job.waitMs >= readyShare * length ? 'READY' : 'BLOCKED'};
		});
		const ios = cells.filter((cell) => cell.state === 'BLOCKED').length;
		const last = states.at(-1)!;
		const row: TraceRow = {t: last.t + 1, ioDone: false, cells, ran, cpu: ran >= 0 ? 'busy' : 'idle', ios};
		states.push({
			...last,
			t: row.t,
			procs: procs(cells.map((cell) => cell.state)),
			current: ran,
			cpuBusy: last.cpuBusy + (ran >= 0 ? 1 : 0),
			ioBusy: last.ioBusy + (ios > 0 ? 1 : 0),
			lastRan: ran >= 0 ? ran : last.lastRan,
			row,
		});
	}

	return {title: titles[run.kind], config: referenceConfig, states, truncated: false};
}
