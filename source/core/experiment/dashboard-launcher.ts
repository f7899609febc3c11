import process from 'node:process';
import type {DashboardRuntime} from '../dashboard/dashboard-runtime.js';
import {Experiment, type ExperimentResult} from './experiment.js';
import {experimentPresets, type ExperimentPresetName} from './presets.js';
import type {RecordedExperiment} from './recording.js';
import type {ExperimentPlan, RunResult} from './types.js';

/** Runs experiments for the dashboard's experiment view. */
export interface ExperimentLauncher {
	start(
		preset: ExperimentPresetName,
		onJobs: (kind: RunResult['kind'], pids: number[]) => void,
	): {result: Promise<ExperimentResult>; stop: () => void};
	/** Where the IOs go, in words (English; the UI says it from `io` when there is one). */
	readonly ioNote: string;
	/** Where the IOs go, as data for the UI's words. */
	readonly io?: {ownServer: boolean; ioMs: number; tickMs: number};
	/** Ends a run in progress at once (the dashboard is exiting). */
	killNow(): void;
	/** Resolves once the last run started has ended and put back what it changed (the reply delay). */
	ended?(): Promise<void>;
	/**
	 * Recorded runs (`--load-experiment FILE`): the view shows the first at once, and a tour step that asks
	 * for a preset gets the recording of that preset instead of a live run (Enter still runs one live).
	 */
	readonly recordings?: readonly RecordedExperiment[];
}

const tickMs = 100;
const ioMs = 500;

/**
 * The dashboard's experiments use its own echo server: for the run its reply delay is the IO length
 * (every session sees it too, and the log shows the jobs' requests), then it goes back to what it was.
 * With --connect there is no server of ours, so the experiment starts its own. The jobs get lanes in the
 * live timeline (`watch`).
 */
export function createDashboardLauncher(
	runtime: Pick<DashboardRuntime, 'server' | 'target' | 'setReplyDelay' | 'knobs'>,
	watch: (pid: number, label: string) => void,
	recordings: readonly RecordedExperiment[] = [],
): ExperimentLauncher {
	let current: Experiment | undefined;
	let lastEnded: Promise<void> = Promise.resolve();
	const ownServer = runtime.server !== undefined;
	return {
		recordings,
		io: {ownServer, ioMs, tickMs},
		ioNote: ownServer
			? `IO = a request to this dashboard's echo server, whose reply delay is ${ioMs} ms during the run (tick ${tickMs} ms).`
			: `IO = a request to an echo server of the experiment's own, reply held ${ioMs} ms (tick ${tickMs} ms).`,
		start(preset, onJobs) {
			const plan: ExperimentPlan = {
				jobs: experimentPresets[preset].programs.map((program) => ({program})),
				tickMs,
				ioMs,
				ioKind: 'echo',
				policy: 'normal',
				serial: true,
				concurrent: true,
			};
			// The delay last asked for (the server may not have confirmed it yet): the one to put back.
			const delayBefore = runtime.knobs().replyDelayMs;
			const experiment = new Experiment({
				plan,
				pin: true,
				cliPath: process.argv[1] ?? '',
				...(ownServer ? {server: {host: runtime.target.host, port: runtime.target.port}} : {}),
				onJobs(kind, pids) {
					for (const [index, pid] of pids.entries()) watch(pid, `job P${index} ${kind}`);
					onJobs(kind, pids);
				},
			});
			current = experiment;
			if (ownServer) runtime.setReplyDelay(ioMs);
			const result = experiment.run().finally(() => {
				if (current === experiment) current = undefined;
				if (ownServer) runtime.setReplyDelay(delayBefore);
			});
			lastEnded = result.then(
				() => undefined,
				() => undefined,
			);
			return {result, stop: () => experiment.kill()};
		},
		killNow() {
			current?.kill();
		},
		ended: async () => lastEnded,
	};
}
