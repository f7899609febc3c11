import {schedule, type Schedule} from '../../../core/ostep/scheduler/scheduler.js';

/** The scheduler view's state: the jobs, the quantum, and which run-to-completion policy sits beside RR. */
export interface SchedViewState {
	presetIndex: number;
	quantum: number;
	/** FIFO, or SJF (FIFO over the jobs sorted by length). */
	left: 'FIFO' | 'SJF';
}

export type SchedIntent =
	{type: 'sched-next-preset'} | {type: 'sched-quantum'; direction: 1 | -1} | {type: 'sched-toggle-left'};

export interface SchedPreset {
	name: string;
	lengths: number[];
	/** What to look at, in one sentence. */
	lesson: string;
}

export const schedPresets: readonly SchedPreset[] = [
	{
		name: 'equal jobs',
		lengths: [10, 10, 10],
		lesson: 'RR answers every job within a slice; FIFO finishes them sooner on average.',
	},
	{
		name: 'long job first',
		lengths: [30, 5, 5],
		lesson: 'The convoy: short jobs wait behind a long one under FIFO; SJF and RR let them through.',
	},
	{
		name: 'mixed lengths',
		lengths: [8, 3, 12, 5],
		lesson: 'SJF gives the best average turnaround; RR the best response time.',
	},
];

export const quantumSteps = [1, 2, 3, 5, 10, 20] as const;

export function initialSchedView(): SchedViewState {
	return {presetIndex: 0, quantum: 1, left: 'FIFO'};
}

export function isSchedIntent(value: unknown): value is SchedIntent {
	const type = (value as {type?: unknown} | null)?.type;
	return type === 'sched-next-preset' || type === 'sched-quantum' || type === 'sched-toggle-left';
}

export function reduceSchedView(state: SchedViewState, intent: SchedIntent): SchedViewState {
	switch (intent.type) {
		case 'sched-next-preset': {
			return {...state, presetIndex: (state.presetIndex + 1) % schedPresets.length};
		}

		case 'sched-quantum': {
			const index = quantumSteps.indexOf(state.quantum as (typeof quantumSteps)[number]);
			const next = quantumSteps[Math.min(quantumSteps.length - 1, Math.max(0, index + intent.direction))]!;
			return next === state.quantum ? state : {...state, quantum: next};
		}

		case 'sched-toggle-left': {
			return {...state, left: state.left === 'FIFO' ? 'SJF' : 'FIFO'};
		}
	}
}

/** Both runs of the current jobs, from the scheduler core (the same code as `socktui sched -c`). */
export function schedRuns(state: SchedViewState): {left: Schedule; right: Schedule; preset: SchedPreset} {
	const preset = schedPresets[state.presetIndex]!;
	const jobs = preset.lengths.map((length, job) => ({job, length}));
	return {left: schedule(jobs, state.left, state.quantum), right: schedule(jobs, 'RR', state.quantum), preset};
}
