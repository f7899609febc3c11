import type {ExperimentLauncher} from '../../../core/experiment/dashboard-launcher.js';
import type {ExperimentResult} from '../../../core/experiment/experiment.js';
import type {RecordedExperiment} from '../../../core/experiment/recording.js';
import {experimentPresets, type ExperimentPresetName} from '../../../core/experiment/presets.js';
import type {RunResult} from '../../../core/experiment/types.js';

export type ExperimentViewState = {preset: ExperimentPresetName} & (
	| {phase: 'idle'}
	| {phase: 'running'; kind?: RunResult['kind']; pids: number[]; since: number}
	| {
			phase: 'done';
			result: ExperimentResult;
			/** A run loaded from a file (`--load-experiment`): where and when it was recorded. */
			recorded?: Pick<RecordedExperiment, 'savedAt' | 'hostname' | 'node' | 'cpuModel'>;
	  }
	| {phase: 'failed'; message: string}
);

export type ExperimentIntent = {type: 'exp-next-preset'} | {type: 'exp-run'} | {type: 'exp-stop'};

export function isExperimentIntent(value: unknown): value is ExperimentIntent {
	const type = (value as {type?: unknown} | null)?.type;
	return type === 'exp-next-preset' || type === 'exp-run' || type === 'exp-stop';
}

const presetOrder = Object.keys(experimentPresets) as ExperimentPresetName[];

/**
 * The experiment view's state outside React: it survives view switches (the run goes on while you watch
 * its lanes in the live view). One run at a time; `exp-stop` ends every job of it.
 */
export class ExperimentViewStore {
	readonly #listeners = new Set<() => void>();
	readonly #launcher: ExperimentLauncher;
	#state: ExperimentViewState = {preset: 'io', phase: 'idle'};
	#stop: (() => void) | undefined;
	/** A run asked for while another was ending (the tour moving on): it starts when that one has ended. */
	#queued: ExperimentPresetName | undefined;
	/** A recording asked for while a live run was ending. */
	#showAfterStop: RecordedExperiment | undefined;

	constructor(launcher: ExperimentLauncher) {
		this.#launcher = launcher;
		const first = launcher.recordings?.[0];
		if (first) this.showRecorded(first);
	}

	/** The recording of this preset's jobs, if one was loaded. */
	#recordingOf(preset: ExperimentPresetName): RecordedExperiment | undefined {
		const programs = experimentPresets[preset].programs.join(':');
		return this.#launcher.recordings?.find(
			(recorded) => recorded.result.plan.jobs.map((job) => job.program).join(':') === programs,
		);
	}

	get ioNote(): string {
		return this.#launcher.ioNote;
	}

	get io(): ExperimentLauncher['io'] {
		return this.#launcher.io;
	}

	getSnapshot = (): ExperimentViewState => this.#state;

	subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	};

	dispatch(intent: ExperimentIntent): void {
		const state = this.#state;
		switch (intent.type) {
			case 'exp-next-preset': {
				if (state.phase === 'running') return;
				const preset = presetOrder[(presetOrder.indexOf(state.preset) + 1) % presetOrder.length]!;
				this.#set({preset, phase: 'idle'});
				return;
			}

			case 'exp-run': {
				if (state.phase === 'running') return;
				this.#run(state.preset);
				return;
			}

			case 'exp-stop': {
				this.#stop?.();
			}
		}
	}

	/** Shows a recorded run (`--load-experiment FILE`), labelled as recorded, until a live one is run. */
	showRecorded(recorded: RecordedExperiment): void {
		if (this.#state.phase === 'running') return;
		const programs = recorded.result.plan.jobs.map((job) => job.program).join(':');
		const preset =
			presetOrder.find((name) => experimentPresets[name].programs.join(':') === programs) ?? this.#state.preset;
		const {savedAt, hostname, node, cpuModel} = recorded;
		this.#set({preset, phase: 'done', result: recorded.result, recorded: {savedAt, hostname, node, cpuModel}});
	}

	/** Ends a run in progress (the dashboard is closing, or the tour moves on). */
	stop(): void {
		this.#queued = undefined;
		this.#stop?.();
	}

	/**
	 * Runs this preset now, or as soon as the run in progress has ended (which this ends). With a recording
	 * of the preset loaded (`--load-experiment`), shows that instead: the tour on a busy laptop.
	 */
	runPreset(preset: ExperimentPresetName): void {
		const recorded = this.#recordingOf(preset);
		if (recorded) {
			this.#queued = undefined;
			this.#stop?.();
			if (this.#state.phase !== 'running') this.showRecorded(recorded);
			else this.#showAfterStop = recorded;
			return;
		}

		if (this.#state.phase !== 'running') {
			this.#run(preset);
			return;
		}

		this.#queued = preset;
		this.#stop?.();
	}

	#run(preset: ExperimentPresetName): void {
		this.#set({preset, phase: 'running', pids: [], since: Date.now()});
		let started: ReturnType<ExperimentLauncher['start']>;
		try {
			started = this.#launcher.start(preset, (kind, pids) => {
				// The clock on screen counts from this run's start, not the experiment's.
				if (this.#state.phase === 'running') this.#set({...this.#state, kind, pids, since: Date.now()});
			});
		} catch (error: unknown) {
			this.#set({preset, phase: 'failed', message: error instanceof Error ? error.message : String(error)});
			return;
		}

		this.#stop = started.stop;
		started.result
			.then(
				(result) => this.#set({preset, phase: 'done', result}),
				(error: unknown) =>
					this.#set({
						preset,
						phase: 'failed',
						message: (error instanceof Error ? error.message : String(error)).split('\n')[0]!,
					}),
			)
			.finally(() => {
				this.#stop = undefined;
				const queued = this.#queued;
				this.#queued = undefined;
				const recorded = this.#showAfterStop;
				this.#showAfterStop = undefined;
				if (recorded) this.showRecorded(recorded);
				else if (queued) this.#run(queued);
			});
	}

	#set(state: ExperimentViewState): void {
		this.#state = state;
		for (const listener of this.#listeners) listener();
	}
}
