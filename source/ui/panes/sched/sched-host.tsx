import {SegmentLines} from '../../components/segment-lines.js';
import {memo, useSyncExternalStore} from 'react';
import type {KeyBinding} from '../../keymap/key-binding.js';
import {useMessages} from '../../i18n/use-messages.js';
import {useTheme} from '../../theme.js';
import {ReducerStore} from '../../state/reducer-store.js';
import type {HostedPane, HostedPaneProps} from '../../timeline-host.js';
import {buildSchedLines} from './sched-chart.js';
import {initialSchedView, isSchedIntent, reduceSchedView, type SchedIntent, type SchedViewState} from './sched-view.js';

export const schedBindings: ReadonlyArray<KeyBinding<SchedIntent>> = [
	{keys: ['p'], description: (m) => m.schedKeys.nextJobSet, scope: 'sched', action: {type: 'sched-next-preset'}},
	{
		keys: ['+', '='],
		description: (m) => m.schedKeys.longerQuantum,
		scope: 'sched',
		action: {type: 'sched-quantum', direction: 1},
	},
	{
		keys: ['-', '_'],
		description: (m) => m.schedKeys.shorterQuantum,
		scope: 'sched',
		action: {type: 'sched-quantum', direction: -1},
	},
	{keys: ['f'], description: (m) => m.schedKeys.leftPolicy, scope: 'sched', action: {type: 'sched-toggle-left'}},
];

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
	const messages = useMessages();
	const lines = buildSchedLines(state, {
		width,
		height,
		ascii: theme.ascii,
		color: theme.color,
		words: messages.sched,
	});
	return <SegmentLines lines={lines} width={width} height={height} color={theme.color} />;
});

/** The timeline area's scheduler view: FIFO (or SJF) and round robin on the same CPU-only jobs. */
export function createSchedHostedPane(
	store = new ReducerStore<SchedViewState, SchedIntent>(initialSchedView(), reduceSchedView),
): HostedPane {
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
