import type {SimSpec} from '../../../core/ostep/process-run/sim-spec.js';
import {useTheme} from '../../theme.js';
import type {HostedPane, HostedPaneProps, TextCapture} from '../../timeline-host.js';
import {simBindings, simEditingBindings} from './sim-bindings.js';
import {isSimIntent, type SimIntent} from './sim-player.js';
import {SimPlayerStore} from './sim-player-store.js';
import {SimPane} from './sim-pane.js';
import {useSimPlayer} from './use-sim-player.js';

const editing: TextCapture = {
	bindings: simEditingBindings,
	text: (text: string): SimIntent => ({type: 'edit-input', text}),
};

/**
 * Adapts the sim pane to the dashboard's timeline host: the player lives in `store` (made here unless
 * given), keys arrive through `dispatch`; glyphs and colour come from the theme.
 */
export function createSimHostedPane(spec?: SimSpec, store = new SimPlayerStore(spec)): HostedPane {
	function SimHostedPane({width, height, focused}: HostedPaneProps) {
		const theme = useTheme();
		const player = useSimPlayer(store);
		return (
			<SimPane
				player={player}
				width={width}
				height={height}
				ascii={theme.ascii}
				color={theme.color}
				focused={focused}
			/>
		);
	}

	return {
		Component: SimHostedPane,
		bindings: simBindings,
		dispatch(intent) {
			if (isSimIntent(intent)) store.dispatch(intent);
		},
		// While a `-P` program is typed, the dashboard sends text and the editing keys, not shortcuts.
		textInput: {current: () => (store.editing ? editing : undefined), subscribe: store.subscribe},
	};
}
