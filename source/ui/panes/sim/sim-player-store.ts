import type {SimSpec} from '../../../core/ostep/process-run/sim-spec.js';
import {LazyState, ReducerStore} from '../../state/reducer-store.js';
import {createPlayer, reducePlayer, type SimIntent, type SimPlayerState} from './sim-player.js';

/**
 * The simulator's player state outside React: program, policy, position, compare and editing. The first
 * program is simulated when the sim view first reads it, not while the dashboard opens on the live view.
 */
export class SimPlayerStore extends ReducerStore<SimPlayerState, SimIntent> {
	constructor(spec?: SimSpec) {
		super(new LazyState(() => createPlayer(spec)), reducePlayer);
	}

	/** True while a `-P` program is being typed: keys are text for it, not shortcuts. */
	get editing(): boolean {
		return this.getSnapshot().editing !== undefined;
	}
}
