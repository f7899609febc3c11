import type {KeyBinding} from '../../keymap/key-binding.js';

export type LiveTimelineIntent = {type: 'live-toggle-pause'} | {type: 'live-faster'} | {type: 'live-slower'};

/** The live timeline's keys, as data (scope 'timeline'): dispatched by the dashboard's single listener. */
export const liveTimelineBindings: ReadonlyArray<KeyBinding<LiveTimelineIntent>> = [
	{
		keys: ['space'],
		description: (m) => m.liveKeys.pause,
		scope: 'timeline',
		action: {type: 'live-toggle-pause'},
	},
	{keys: ['+', '='], description: (m) => m.liveKeys.faster, scope: 'timeline', action: {type: 'live-faster'}},
	{keys: ['-', '_'], description: (m) => m.liveKeys.slower, scope: 'timeline', action: {type: 'live-slower'}},
];

/** Sampling periods `+` and `-` step through, in ms. */
export const liveIntervalSteps: readonly number[] = [50, 100, 200, 500, 1000];

export function isLiveTimelineIntent(value: unknown): value is LiveTimelineIntent {
	const type = (value as {type?: unknown} | undefined)?.type;
	return type === 'live-toggle-pause' || type === 'live-faster' || type === 'live-slower';
}

/** The next period for `+` (faster: shorter) or `-` (slower: longer). */
export function stepInterval(current: number, direction: 'faster' | 'slower'): number {
	if (direction === 'faster')
		return [...liveIntervalSteps].reverse().find((step) => step < current) ?? liveIntervalSteps[0]!;
	return liveIntervalSteps.find((step) => step > current) ?? liveIntervalSteps.at(-1)!;
}
