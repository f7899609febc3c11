import type {CpuDisturbance} from '../procs/cpu-disturbance.js';
import {parseSimProgram} from '../ostep/process-run/sim-spec.js';
import type {Instruction} from '../ostep/process-run/types.js';
import type {ExperimentResult} from './experiment.js';
import type {PredictedRun} from './predict.js';
import type {ExperimentPlan, RunResult} from './types.js';

/**
 * Every figure of an experiment, computed once from its measurement with one rounding rule, for every place
 * that shows it: the text output, `--json`, the experiment view (its lines and its chart) and the tour's
 * narration. The rule (README, "socktui experiment"): milliseconds to the whole millisecond, percentages to
 * one decimal, ratios to two decimals, each rounded once from the measured value; a run's times are on its
 * own clock (0 = its first job's start), and a duration shown beside its times is their difference (so
 * makespan = the last end, turnaround = end - start).
 */

/** Milliseconds: a whole number. */
export const roundMs = (value: number): number => Math.round(value);
/** Percentages: one decimal. */
export const roundPct = (value: number): number => Math.round(value * 10) / 10;
/** Ratios (measured / predicted): two decimals. */
export const roundRatio = (value: number): number => Math.round(value * 100) / 100;

/** /proc/stat counts CPU time in ticks of 10 ms (USER_HZ 100): a few of them are rounding, not a result. */
export const procTickMs = 10;
/** The smallest noise a run is credited with: three /proc ticks. */
export const minNoiseMs = 3 * procTickMs;

export interface JobFigures {
	/** `P0`, `P1`... in job order. */
	job: string;
	pid: number;
	program: string;
	startMs: number;
	endMs: number;
	turnaroundMs: number;
	cpuMs: number;
	runnableMs: number;
	blockedMs: number;
	voluntarySwitches: number;
	involuntarySwitches: number;
	/** The job's CPU work by its program: ticks of `c`, plus one to start and one to finish each `i`. */
	expectedCpuMs: number;
	/** When the prediction of this run has the job finish (ms after the run starts). */
	predictedEndMs: number;
}

/** What other programs did to one run, or that nobody knows. */
export type LoadFigures =
	| {state: 'unknown'}
	| {
			state: 'quiet' | 'disturbed';
			/** The CPUs measured: the jobs' one, or every CPU when they ran unpinned. */
			cpus: number[];
			otherMs: number;
			otherPct: number;
			windowMs: number;
	  };

export interface RunFigures {
	kind: RunResult['kind'];
	/** Last job end minus first job start, this run's own clock. */
	makespanMs: number;
	predictedMakespanMs: number;
	predictedModel: string;
	/** makespan / predicted makespan; null when the prediction is 0. */
	ratio: number | null;
	/** Mean of the jobs' ends after the run's start: the tutorial's average turnaround. */
	meanFinishMs: number;
	predictedMeanFinishMs: number;
	meanFinishRatio: number | null;
	/** The jobs' CPU time (utime + stime) summed. */
	cpuMs: number;
	/** cpuMs as a share of the makespan. */
	cpuBusyPct: number;
	/** CPU time per involuntary switch (the slice the kernel gave), when it took the CPU away at all. */
	msPerTakenSwitch: number | null;
	pinnedCpu: number | null;
	jobs: JobFigures[];
	load: LoadFigures;
}

/** The sentence that explains the result, as a code the UI translates, with its figures. */
export type Verdict =
	| {
			code: 'disturbed';
			params: {run: RunResult['kind']; cpus: number[]; otherMs: number; otherPct: number};
	  }
	| {
			code:
				| 'no-clear-difference'
				| 'concurrent-sooner-io'
				| 'concurrent-sooner-no-io'
				| 'concurrent-later-io'
				| 'concurrent-later-no-io';
			params: {
				/** serial makespan - concurrent makespan (positive: concurrent sooner). */
				diffMs: number;
				noiseMs: number;
				/** The same difference by the prediction. */
				predictedDiffMs: number;
				/** Whether the measured outcome (sooner, later, no clear difference) is the predicted one. */
				prediction: 'agrees' | 'disagrees';
			};
	  }
	| {
			code: 'one-run';
			params: {run: RunResult['kind']; ratio: number | null; noiseMs: number; prediction: 'agrees' | 'disagrees'};
	  };

export type VerdictCode = Verdict['code'];

export interface ExperimentFigures {
	/** Some job does an IO (`i`): only then can an overlap with IO explain anything. */
	hasIo: boolean;
	runs: RunFigures[];
	serial?: RunFigures;
	concurrent?: RunFigures;
	/** The concurrent run beside the simulator with the kernel's slice as its quantum (programs with IO). */
	concurrentSliced?: {
		predictedMakespanMs: number;
		predictedModel: string;
		ratio: number | null;
		predictedMeanFinishMs: number;
		meanFinishRatio: number | null;
	};
	/** The run's measured noise: see noiseOf. */
	noiseMs: number;
	verdict: Verdict;
}

/** A program's instructions, as `sim -P` reads it: each one is one tick of CPU (`io` starts, `io_done` ends). */
function instructions(program: string): readonly Instruction[] {
	try {
		return parseSimProgram(program).processes[0] ?? [];
	} catch {
		return [];
	}
}

const cpuTicks = (program: string): number => instructions(program).length;
const ioCount = (program: string): number => instructions(program).filter((step) => step === 'io').length;

const mean = (values: readonly number[]) =>
	values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
const ratioOf = (measured: number, predicted: number) => (predicted > 0 ? roundRatio(measured / predicted) : null);

function loadOf(disturbance: CpuDisturbance | null | undefined): LoadFigures {
	if (!disturbance) return {state: 'unknown'};
	return {
		state: disturbance.disturbed ? 'disturbed' : 'quiet',
		cpus: [...disturbance.cpus],
		otherMs: roundMs(disturbance.otherMs),
		otherPct: roundPct(disturbance.otherPct),
		windowMs: roundMs(disturbance.windowMs),
	};
}

function runFigures(run: RunResult, predicted: PredictedRun, plan: ExperimentPlan): RunFigures {
	const cpuMs = run.jobs.reduce((sum, job) => sum + job.cpuMs, 0);
	const taken = run.jobs.reduce((sum, job) => sum + job.involuntarySwitches, 0);
	const ran = run.jobs.reduce((sum, job) => sum + job.runMs, 0);
	const meanFinish = mean(run.jobs.map((job) => job.endMs));
	const predictedMeanFinish = mean(predicted.jobs.map((job) => job.endMs));
	return {
		kind: run.kind,
		makespanMs:
			roundMs(Math.max(...run.jobs.map((job) => job.endMs))) - roundMs(Math.min(...run.jobs.map((job) => job.startMs))),
		predictedMakespanMs: roundMs(predicted.makespanMs),
		predictedModel: predicted.model,
		ratio: ratioOf(run.makespanMs, predicted.makespanMs),
		meanFinishMs: roundMs(meanFinish),
		predictedMeanFinishMs: roundMs(predictedMeanFinish),
		meanFinishRatio: ratioOf(meanFinish, predictedMeanFinish),
		cpuMs: roundMs(cpuMs),
		cpuBusyPct: roundPct(run.makespanMs > 0 ? (100 * cpuMs) / run.makespanMs : 0),
		msPerTakenSwitch: taken > 0 ? Math.round((10 * ran) / taken) / 10 : null,
		pinnedCpu: run.pinnedCpu,
		jobs: run.jobs.map((job, index) => {
			// Times on the run's clock are rounded; a duration is the difference of the rounded times, so the
			// table adds up (turnaround = end - start, blocked = turnaround - CPU - runnable).
			const startMs = roundMs(job.startMs);
			const endMs = roundMs(job.endMs);
			const cpu = roundMs(job.cpuMs);
			const runnableMs = roundMs(job.runnableMs);
			return {
				job: `P${index}`,
				pid: job.pid,
				program: job.program,
				startMs,
				endMs,
				turnaroundMs: endMs - startMs,
				cpuMs: cpu,
				runnableMs,
				blockedMs: Math.max(0, endMs - startMs - cpu - runnableMs),
				voluntarySwitches: job.voluntarySwitches,
				involuntarySwitches: job.involuntarySwitches,
				expectedCpuMs: cpuTicks(job.program) * plan.tickMs,
				predictedEndMs: roundMs(predicted.jobs[index]?.endMs ?? 0),
			};
		}),
		load: loadOf(run.disturbance),
	};
}

/**
 * The run's measured noise (README): the largest of three /proc ticks (30 ms); every job's distance between
 * the CPU time it took and the CPU time its program asks for; in the serial run, where each job runs alone,
 * every job's distance between its turnaround and the prediction of it alone; and the CPU time other
 * programs took on the jobs' CPU during either run. A difference between the runs no larger than this
 * is not a result.
 */
export function noiseOf(result: ExperimentResult, runs: readonly RunFigures[]): number {
	const spreads = [minNoiseMs];
	for (const run of runs) {
		for (const job of run.jobs) spreads.push(Math.abs(job.cpuMs - job.expectedCpuMs));
		if (run.load.state !== 'unknown') spreads.push(run.load.otherMs);
	}

	// Serially each job runs alone: its turnaround should be its own length in the prediction.
	const predicted = result.predicted.serial.jobs;
	for (const [index, job] of (result.serial?.jobs ?? []).entries()) {
		const alone = (predicted[index]?.endMs ?? 0) - (index > 0 ? (predicted[index - 1]?.endMs ?? 0) : 0);
		spreads.push(Math.abs(job.turnaroundMs - alone));
	}

	return roundMs(Math.max(...spreads));
}

type Outcome = 'sooner' | 'later' | 'same';

function outcome(diffMs: number, noiseMs: number): Outcome {
	if (Math.abs(diffMs) <= noiseMs) return 'same';
	return diffMs > 0 ? 'sooner' : 'later';
}

/**
 * The verdict, by rule: a disturbed run gives none (it says so); a difference under the noise is "no clear
 * difference"; concurrency is credited with overlapping IO only when some job does IO; and each says
 * whether the prediction foresaw it.
 */
export function verdictOf(
	hasIo: boolean,
	serial: RunFigures | undefined,
	concurrent: RunFigures | undefined,
	noiseMs: number,
): Verdict {
	for (const run of [serial, concurrent]) {
		if (run?.load.state === 'disturbed')
			return {
				code: 'disturbed',
				params: {run: run.kind, cpus: run.load.cpus, otherMs: run.load.otherMs, otherPct: run.load.otherPct},
			};
	}

	if (!serial || !concurrent) {
		const run = (serial ?? concurrent)!;
		const off = Math.abs(run.makespanMs - run.predictedMakespanMs);
		return {
			code: 'one-run',
			params: {run: run.kind, ratio: run.ratio, noiseMs, prediction: off <= noiseMs ? 'agrees' : 'disagrees'},
		};
	}

	const diffMs = serial.makespanMs - concurrent.makespanMs;
	const predictedDiffMs = serial.predictedMakespanMs - concurrent.predictedMakespanMs;
	const measured = outcome(diffMs, noiseMs);
	const prediction = measured === outcome(predictedDiffMs, noiseMs) ? 'agrees' : 'disagrees';
	const params = {diffMs, noiseMs, predictedDiffMs, prediction} as const;
	if (measured === 'same') return {code: 'no-clear-difference', params};
	if (measured === 'sooner') return {code: hasIo ? 'concurrent-sooner-io' : 'concurrent-sooner-no-io', params};
	return {code: hasIo ? 'concurrent-later-io' : 'concurrent-later-no-io', params};
}

/** Every figure of the experiment, once. */
export function experimentFigures(result: ExperimentResult): ExperimentFigures {
	const {plan, predicted} = result;
	const hasIo = plan.jobs.some((job) => ioCount(job.program) > 0);
	const serial = result.serial && runFigures(result.serial, predicted.serial, plan);
	const concurrent = result.concurrent && runFigures(result.concurrent, predicted.concurrent, plan);
	const runs = [serial, concurrent].filter((run): run is RunFigures => run !== undefined);
	const noiseMs = noiseOf(result, runs);
	return {
		hasIo,
		runs,
		...(serial ? {serial} : {}),
		...(concurrent ? {concurrent} : {}),
		...(predicted.sliced && result.concurrent
			? {
					concurrentSliced: {
						predictedMakespanMs: roundMs(predicted.sliced.makespanMs),
						predictedModel: predicted.sliced.model,
						ratio: ratioOf(result.concurrent.makespanMs, predicted.sliced.makespanMs),
						predictedMeanFinishMs: roundMs(mean(predicted.sliced.jobs.map((job) => job.endMs))),
						meanFinishRatio: ratioOf(
							mean(result.concurrent.jobs.map((job) => job.endMs)),
							mean(predicted.sliced.jobs.map((job) => job.endMs)),
						),
					},
				}
			: {}),
		noiseMs,
		verdict: verdictOf(hasIo, serial, concurrent, noiseMs),
	};
}
