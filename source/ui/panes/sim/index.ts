// What the dashboard wires: the pane, its player (reducer + hook), its keys and the --sim parser.
export {SimPane, type SimPaneProps} from './sim-pane.js';
export {useSimPlayer} from './use-sim-player.js';
export {SimPlayerStore} from './sim-player-store.js';
export {
	createPlayer,
	reducePlayer,
	isSimIntent,
	isAtEnd,
	lastTick,
	simSpeeds,
	type SimIntent,
	type SimPlayerState,
	type SimTrack,
} from './sim-player.js';
export {simBindings, simEditingBindings} from './sim-bindings.js';
export {simPresets, type SimPreset} from './sim-presets.js';
export {createSimHostedPane} from './sim-host.js';
export {parseSimSpec, type SimSpec} from '../../../core/ostep/process-run/sim-spec.js';
