import {defaults} from '../defaults.js';
import {compareConfigs, runToEnd} from '../ostep/process-run/run.js';
import {referenceConfig, type Instruction, type SimConfig, type Workload} from '../ostep/process-run/types.js';
import type {KernelSlice} from './kernel-slice.js';
import type {JobPolicy} from './types.js';
import {fifoFinishTimes, roundRobinFinishTimes} from './time-slicing.js';

export interface PredictedRun {
	makespanMs: number;
	/** Per job: when it would finish, ms after the run starts (its turnaround: every job is there at 0). */
	jobs: Array<{endMs: number}>;
	/** The model, in words: `sim SWITCH_ON_END`, `RR slice 1.5 ms`... */
	model: string;
}

export interface Prediction {
	serial: PredictedRun;
	concurrent: PredictedRun;
	/** `sim` for programs with IO; `time-slicing` (FIFO vs RR) when every job only computes. */
	kind: 'sim' | 'time-slicing';
	/** The IO length in ticks the simulator used (io / tick, rounded), for `sim`. */
	ioLength?: number;
	/** The slice assumed for RR (both kinds: `sim` uses it for `sliced`). */
	slice?: KernelSlice;
	/**
	 * Programs with IO: the concurrent run through the same simulator, but also taking the CPU away after
	 * each kernel slice (as Linux does), at sub-tick resolution. The contract's prediction stays `concurrent`.
	 */
	sliced?: PredictedRun;
}

/** Sub-tick steps in a run at most; a finer split is coarsened (and the slice used says so). */
const maxSlicedSteps = 200_000;

/**
 * The workload at `perTick` steps per tick, so a quantum of 1 step is the kernel slice: `cpu` becomes
 * `perTick` cpu steps; `io` keeps its one-tick start (perTick - 1 cpu steps, then the io) and `io_done`
 * its one-tick finish.
 */
function subdivide(workload: Workload, perTick: number): Workload {
	const cpu = (count: number): Instruction[] => Array.from({length: count}, () => 'cpu');
	return {
		processes: workload.processes.map((code) =>
			code.flatMap((instruction): Instruction[] => {
				if (instruction === 'cpu') return cpu(perTick);
				if (instruction === 'io') return [...cpu(perTick - 1), 'io'];
				return ['io_done', ...cpu(perTick - 1)];
			}),
		),
	};
}

function slicedRun(workload: Workload, tickMs: number, ioLength: number, slice: KernelSlice): PredictedRun {
	const instructions = workload.processes.reduce((sum, code) => sum + code.length, 0);
	const ticks = instructions + workload.processes.length * ioLength;
	const perTick = Math.max(1, Math.min(Math.round(tickMs / slice.ms), Math.floor(maxSlicedSteps / Math.max(1, ticks))));
	const config: SimConfig = {...referenceConfig, ioLength: ioLength * perTick, quantum: 1};
	const run = simulate(subdivide(workload, perTick), config, tickMs / perTick, '');
	return {...run, model: `sim SWITCH_ON_IO + slice ${formatMs(tickMs / perTick)} ms`};
}

/** Per pid, the last tick at which it executed an instruction: when it finished. */
function simulate(workload: Workload, config: SimConfig, tickMs: number, model: string): PredictedRun {
	const last = workload.processes.map(() => 0);
	const final = runToEnd(workload, config, {
		maxCells: defaults.simMaxCells,
		onRow(row) {
			if (row.ran >= 0) last[row.ran] = row.t;
		},
	});
	return {makespanMs: final.t * tickMs, jobs: last.map((tick) => ({endMs: tick * tickMs})), model};
}

/**
 * What the models say for the same jobs. With any IO: the process-run simulator (tick = `tickMs`,
 * L = io / tick), serial = SWITCH_ON_END, concurrent = SWITCH_ON_IO. CPU-only jobs: FIFO for serial, round
 * robin with the kernel's slice for concurrent (the CPU taken away because a job held it too long).
 * Under the real-time FIFO policy nothing is sliced: no sliced row, and CPU-only jobs run FIFO either way.
 */
export function predict(
	workload: Workload,
	tickMs: number,
	ioMs: number,
	slice: () => KernelSlice,
	policy: JobPolicy = 'normal',
): Prediction {
	const hasIo = workload.processes.some((code) => code.includes('io'));
	if (hasIo) {
		const ioLength = Math.max(0, Math.round(ioMs / tickMs));
		const configs = compareConfigs({...referenceConfig, ioLength});
		const serial = simulate(workload, configs.serial, tickMs, 'sim SWITCH_ON_END');
		const concurrent = simulate(workload, configs.multiprogrammed, tickMs, 'sim SWITCH_ON_IO');
		if (policy === 'fifo') return {kind: 'sim', ioLength, serial, concurrent};
		const assumed = slice();
		return {
			kind: 'sim',
			ioLength,
			slice: assumed,
			sliced: slicedRun(workload, tickMs, ioLength, assumed),
			serial,
			concurrent,
		};
	}

	const lengths = workload.processes.map((code) => code.length * tickMs);
	const fifo = fifoFinishTimes(lengths);
	const run = (ends: number[], model: string): PredictedRun => ({
		makespanMs: Math.max(0, ...ends),
		jobs: ends.map((endMs) => ({endMs})),
		model,
	});
	if (policy === 'fifo') return {kind: 'time-slicing', serial: run(fifo, 'FIFO'), concurrent: run(fifo, 'FIFO')};
	const assumed = slice();
	// Bounded: a run of more than maxSlicedSteps slices is simulated with longer ones (the label says so).
	const quantum = Math.max(assumed.ms, lengths.reduce((sum, length) => sum + length, 0) / maxSlicedSteps);
	const rr = roundRobinFinishTimes(lengths, quantum);
	return {
		kind: 'time-slicing',
		slice: assumed,
		serial: run(fifo, 'FIFO'),
		concurrent: run(rr, `RR slice ${formatMs(quantum)} ms`),
	};
}

function formatMs(ms: number): string {
	return Number.isInteger(ms) ? String(ms) : ms.toFixed(2).replace(/0$/, '');
}
