import type {ExperimentResult} from './experiment.js';
import type {PredictedRun} from './predict.js';
import type {RecordedExperiment} from './recording.js';
import {experimentFigures, roundMs, type RunFigures} from './run-figures.js';

function jsonRun(run: RunFigures) {
	return {
		makespanMs: run.makespanMs,
		cpuMs: run.cpuMs,
		cpuBusyPct: run.cpuBusyPct,
		pinnedCpu: run.pinnedCpu,
		predictedMakespanMs: run.predictedMakespanMs,
		ratio: run.ratio,
		meanFinishMs: run.meanFinishMs,
		load: run.load,
		jobs: run.jobs.map((job) => ({
			job: job.job,
			pid: job.pid,
			program: job.program,
			startMs: job.startMs,
			endMs: job.endMs,
			turnaroundMs: job.turnaroundMs,
			cpuMs: job.cpuMs,
			runnableMs: job.runnableMs,
			blockedMs: job.blockedMs,
			voluntarySwitches: job.voluntarySwitches,
			involuntarySwitches: job.involuntarySwitches,
		})),
	};
}

/**
 * The `--json` object: `serial` / `concurrent` (when run), `predicted`, the noise, the verdict (a code and
 * its figures), the setting, and `recorded` for a loaded run. Every figure is the figures module's.
 */
export function experimentToJson(
	result: ExperimentResult,
	recorded?: Pick<RecordedExperiment, 'savedAt' | 'hostname' | 'node' | 'cpuModel'>,
): Record<string, unknown> {
	const {plan, predicted} = result;
	const figures = experimentFigures(result);
	const predictedRun = (run: PredictedRun) => ({
		makespanMs: roundMs(run.makespanMs),
		model: run.model,
		jobs: run.jobs.map((job) => ({endMs: roundMs(job.endMs)})),
	});
	return {
		...(recorded
			? {
					recorded: {
						savedAt: recorded.savedAt,
						hostname: recorded.hostname,
						node: recorded.node,
						cpuModel: recorded.cpuModel,
					},
				}
			: {}),
		...(figures.serial ? {serial: jsonRun(figures.serial)} : {}),
		...(figures.concurrent ? {concurrent: jsonRun(figures.concurrent)} : {}),
		predicted: {
			serial: predictedRun(predicted.serial),
			concurrent: predictedRun(predicted.concurrent),
			...(predicted.sliced ? {concurrentSliced: predictedRun(predicted.sliced)} : {}),
			kind: predicted.kind,
			...(predicted.ioLength === undefined ? {} : {ioLength: predicted.ioLength}),
			...(predicted.slice ? {sliceMs: predicted.slice.ms, sliceSource: predicted.slice.source} : {}),
		},
		noiseMs: figures.noiseMs,
		verdict: figures.verdict,
		tickMs: plan.tickMs,
		ioMs: plan.ioMs,
		ioKind: plan.ioKind,
		policy: plan.policy,
		pinnedCpu: result.pinnedCpu,
		pinning: result.pinning,
		...(result.server ? {server: result.server} : {}),
	};
}
