import type {ExperimentResult} from './experiment.js';
import type {PredictedRun} from './predict.js';
import type {JobResult, RunResult} from './types.js';

const round1 = (value: number) => Math.round(value * 10) / 10;
const ms = (value: number) => String(Math.round(value));
const mean = (values: readonly number[]) =>
	values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;

/** The two reasons the CPU is taken from a process, in the tutorial's words, for the switch columns. */
export const switchReasons = {
	voluntary: 'gave up the CPU: it started an IO or waited',
	involuntary: 'CPU taken away: it held the CPU too long',
} as const;

const runTitles: Record<RunResult['kind'], string> = {
	serial: 'Serial: each job runs to its end before the next starts',
	concurrent: 'Concurrent: all jobs at once',
};

function jobRow(job: JobResult, index: number): string[] {
	return [
		`P${index}`,
		String(job.pid),
		job.program,
		ms(job.startMs),
		ms(job.endMs),
		ms(job.turnaroundMs),
		ms(job.cpuMs),
		ms(job.runnableMs),
		ms(job.blockedMs),
		String(job.voluntarySwitches),
		String(job.involuntarySwitches),
	];
}

const jobHeader = [
	'job',
	'PID',
	'program',
	'start',
	'end',
	'turnaround',
	'CPU',
	'runnable',
	'blocked',
	'gave up',
	'taken',
];

/** Columns padded to their widest cell; text columns (program) left-aligned, numbers right-aligned. */
function table(rows: string[][], leftColumns: ReadonlySet<number>): string[] {
	const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
	return rows.map((row) =>
		row
			.map((cell, column) => (leftColumns.has(column) ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
			.join('  ')
			.trimEnd(),
	);
}

function runLines(run: RunResult): string[] {
	const lines = [runTitles[run.kind]];
	lines.push(...table([jobHeader, ...run.jobs.map((job, index) => jobRow(job, index))], new Set([0, 2])));
	const taken = run.jobs.reduce((sum, job) => sum + job.involuntarySwitches, 0);
	const ran = run.jobs.reduce((sum, job) => sum + job.runMs, 0);
	const slice = taken > 0 ? `; CPU time per switch taken away ${(ran / taken).toFixed(1)} ms` : '';
	lines.push(`makespan ${ms(run.makespanMs)} ms; CPU busy ${run.cpuBusyPct.toFixed(1)}%${slice}`, '');
	return lines;
}

function ratio(measured: number, predicted: number): string {
	return predicted > 0 ? (measured / predicted).toFixed(2) : '-';
}

function predictionLines(result: ExperimentResult): string[] {
	const {predicted, plan} = result;
	const title =
		predicted.kind === 'sim'
			? `Measured vs predicted (sim: tick ${plan.tickMs} ms, L=${predicted.ioLength}${predicted.ioLength! * plan.tickMs === plan.ioMs ? '' : `, IO ${plan.ioMs} ms rounded to whole ticks`})`
			: `Measured vs predicted (FIFO serial, RR concurrent with a ${predicted.slice!.ms} ms slice: ${predicted.slice!.source})`;
	const rows = [['run', 'model', 'makespan', 'predicted', 'ratio', 'avg finish', 'predicted', 'ratio']];
	const pairs: Array<[string, RunResult | undefined, PredictedRun | undefined]> = [
		['serial', result.serial, predicted.serial],
		['concurrent', result.concurrent, predicted.concurrent],
		['concurrent', result.concurrent, predicted.sliced],
	];
	for (const [kind, run, model] of pairs) {
		if (!run || !model) continue;
		// Finish = end after the run's start: every job is there at 0, so this is the tutorial's turnaround.
		const measuredFinish = mean(run.jobs.map((job) => job.endMs - Math.min(...run.jobs.map((each) => each.startMs))));
		const predictedFinish = mean(model.jobs.map((job) => job.endMs));
		rows.push([
			kind,
			model.model,
			`${ms(run.makespanMs)} ms`,
			`${ms(model.makespanMs)} ms`,
			ratio(run.makespanMs, model.makespanMs),
			`${ms(measuredFinish)} ms`,
			`${ms(predictedFinish)} ms`,
			ratio(measuredFinish, predictedFinish),
		]);
	}

	const lines = [title, ...table(rows, new Set([0, 1]))];
	if (predicted.sliced && result.concurrent)
		lines.push(
			`The sim switches only on IO; Linux also takes the CPU away after each slice (${predicted.slice!.ms} ms: ${predicted.slice!.source}),`,
			'so the jobs reach their IOs together: the second concurrent row is the sim with that slice as its quantum.',
		);
	return lines;
}

/** The whole report as text lines: setting, each run's table, the switch legend, measured vs predicted. */
export function formatExperiment(result: ExperimentResult): string[] {
	const {plan} = result;
	const io =
		plan.ioKind === 'sleep'
			? `IO ${plan.ioMs} ms (a timed sleep)`
			: result.server?.own
				? `IO ${plan.ioMs} ms (a request to the echo server on ${result.server.host}:${result.server.port}, reply held ${plan.ioMs} ms)`
				: result.server
					? `IO = a request to the echo server on ${result.server.host}:${result.server.port} (its own reply delay)`
					: `IO ${plan.ioMs} ms`;
	const lines = [
		`${plan.jobs.length} ${plan.jobs.length === 1 ? 'job' : 'jobs'}: ${plan.jobs.map((job) => job.program).join('  ')}; tick ${plan.tickMs} ms; ${io}`,
		plan.policy === 'fifo'
			? `${result.pinning}; real-time FIFO policy: a job keeps the CPU until it blocks or ends, as in sim`
			: result.pinning,
		'As in sim, an i takes one tick of CPU to start the IO and one when it is done. Times in ms from /proc.',
		'',
	];
	for (const kind of ['serial', 'concurrent'] as const) {
		const run = result[kind];
		if (run) lines.push(...runLines(run));
	}

	lines.push(
		`Switches: gave up = voluntary (${switchReasons.voluntary.split(': ')[1]}); taken = involuntary (${switchReasons.involuntary.split(': ')[1]}).`,
		'',
		...predictionLines(result),
	);
	return lines;
}

function jsonRun(run: RunResult) {
	return {
		makespanMs: round1(run.makespanMs),
		cpuBusyPct: round1(run.cpuBusyPct),
		pinnedCpu: run.pinnedCpu,
		jobs: run.jobs.map((job) => ({
			pid: job.pid,
			program: job.program,
			startMs: round1(job.startMs),
			endMs: round1(job.endMs),
			turnaroundMs: round1(job.turnaroundMs),
			cpuMs: round1(job.cpuMs),
			runnableMs: round1(job.runnableMs),
			blockedMs: round1(job.blockedMs),
			voluntarySwitches: job.voluntarySwitches,
			involuntarySwitches: job.involuntarySwitches,
			runMs: round1(job.runMs),
		})),
	};
}

/** The `--json` object: `serial` / `concurrent` (when run), `predicted`, and the setting. */
export function experimentToJson(result: ExperimentResult): Record<string, unknown> {
	const {plan, predicted} = result;
	const predictedRun = (run: PredictedRun) => ({
		makespanMs: round1(run.makespanMs),
		model: run.model,
		jobs: run.jobs.map((job) => ({endMs: round1(job.endMs)})),
	});
	return {
		...(result.serial ? {serial: jsonRun(result.serial)} : {}),
		...(result.concurrent ? {concurrent: jsonRun(result.concurrent)} : {}),
		predicted: {
			serial: predictedRun(predicted.serial),
			concurrent: predictedRun(predicted.concurrent),
			...(predicted.sliced ? {concurrentSliced: predictedRun(predicted.sliced)} : {}),
			kind: predicted.kind,
			...(predicted.ioLength === undefined ? {} : {ioLength: predicted.ioLength}),
			...(predicted.slice ? {sliceMs: predicted.slice.ms, sliceSource: predicted.slice.source} : {}),
		},
		tickMs: plan.tickMs,
		ioMs: plan.ioMs,
		ioKind: plan.ioKind,
		policy: plan.policy,
		pinnedCpu: result.pinnedCpu,
		pinning: result.pinning,
		...(result.server ? {server: result.server} : {}),
	};
}
