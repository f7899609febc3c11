import type {ExperimentLauncher} from '../../../core/experiment/dashboard-launcher.js';
import {SegmentLines} from '../../components/segment-lines.js';
import {useSyncExternalStore} from 'react';
import {useTickingClock} from '../../hooks/use-ticking-clock.js';
import type {KeyBinding} from '../../keymap/key-binding.js';
import {useMessages} from '../../i18n/use-messages.js';
import {useTheme} from '../../theme.js';
import type {HostedPane, HostedPaneProps} from '../../timeline-host.js';
import {buildExperimentLines} from './experiment-lines.js';
import {ExperimentViewStore, isExperimentIntent, type ExperimentIntent} from './experiment-view.js';

export const experimentBindings: ReadonlyArray<KeyBinding<ExperimentIntent>> = [
	{
		keys: ['enter'],
		description: (m) => m.experimentKeys.run,
		scope: 'experiment',
		action: {type: 'exp-run'},
	},
	{
		keys: ['p'],
		description: (m) => m.experimentKeys.otherPreset,
		scope: 'experiment',
		action: {type: 'exp-next-preset'},
	},
	{keys: ['x'], description: (m) => m.experimentKeys.stop, scope: 'experiment', action: {type: 'exp-stop'}},
];

/** The timeline area's experiment view: serial vs concurrent on real processes, with the prediction. */
export function createExperimentHostedPane(
	launcher: ExperimentLauncher,
): HostedPane & {stop(): void; store: ExperimentViewStore} {
	const store = new ExperimentViewStore(launcher);
	function ExperimentHostedPane({width, height}: HostedPaneProps) {
		const theme = useTheme();
		const messages = useMessages();
		const state = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
		const now = useTickingClock(state.phase === 'running', 250);
		const lines = buildExperimentLines(state, {
			width,
			height,
			ascii: theme.ascii,
			color: theme.color,
			now,
			ioNote: store.io ? messages.experiment.ioNote(store.io.ownServer, store.io.ioMs, store.io.tickMs) : store.ioNote,
			messages: messages.experiment,
		});
		return <SegmentLines lines={lines} width={width} height={height} color={theme.color} />;
	}

	return {
		Component: ExperimentHostedPane,
		bindings: experimentBindings,
		dispatch(intent) {
			if (isExperimentIntent(intent)) store.dispatch(intent);
		},
		stop: () => store.stop(),
		store,
	};
}
