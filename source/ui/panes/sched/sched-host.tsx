import {SegmentLines} from '../../components/segment-lines.js';
import {memo, useSyncExternalStore} from 'react';
import type {KeyBinding} from '../../keymap/key-binding.js';
import {useTheme} from '../../theme.js';
import type {HostedPane, HostedPaneProps} from '../../timeline-host.js';
import {buildSchedLines} from './sched-chart.js';
import {initialSchedView, isSchedIntent, reduceSchedView, type SchedIntent, type SchedViewState} from './sched-view.js';

export const schedBindings: ReadonlyArray<KeyBinding<SchedIntent>> = [
	{keys: ['p'], description: 'next job set', scope: 'sched', action: {type: 'sched-next-preset'}},
	{keys: ['+', '='], description: 'longer RR quantum', scope: 'sched', action: {type: 'sched-quantum', direction: 1}},
	{keys: ['-', '_'], description: 'shorter RR quantum', scope: 'sched', action: {type: 'sched-quantum', direction: -1}},
	{keys: ['f'], description: 'FIFO or SJF beside RR', scope: 'sched', action: {type: 'sched-toggle-left'}},
];

/** The scheduler view's state outside React (it survives view switches and "terminal too small"). */
class SchedViewStore {
	readonly #listeners = new Set<() => void>();
	#state: SchedViewState = initialSchedView();

	getSnapshot = (): SchedViewState => this.#state;

	subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	};

	dispatch(intent: SchedIntent): void {
		const next = reduceSchedView(this.#state, intent);
		if (next === this.#state) return;
		this.#state = next;
		for (const listener of this.#listeners) listener();
	}
}

const SchedPane = memo(function SchedPane({
	state,
	width,
	height,
}: {
	state: SchedViewState;
	width: number;
	height: number;
}) {
	const theme = useTheme();
	const lines = buildSchedLines(state, {width, height, ascii: theme.ascii, color: theme.color});
	return <SegmentLines lines={lines} width={width} height={height} color={theme.color} />;
});

/** The timeline area's scheduler view: FIFO (or SJF) and round robin on the same CPU-only jobs. */
export function createSchedHostedPane(store = new SchedViewStore()): HostedPane {
	function SchedHostedPane({width, height}: HostedPaneProps) {
		const state = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
		return <SchedPane state={state} width={width} height={height} />;
	}

	return {
		Component: SchedHostedPane,
		bindings: schedBindings,
		dispatch(intent) {
			if (isSchedIntent(intent)) store.dispatch(intent);
		},
	};
}
