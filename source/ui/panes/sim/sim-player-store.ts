import type {SimSpec} from '../../../core/sched/sim-spec.js';
import {ReducerStore} from '../../state/reducer-store.js';
import {createPlayer, reducePlayer, type SimIntent, type SimPlayerState} from './sim-player.js';

/** The simulator's player state outside React: program, policy, position, compare and editing. */
export class SimPlayerStore extends ReducerStore<SimPlayerState, SimIntent> {
	constructor(spec?: SimSpec) {
		super(createPlayer(spec), reducePlayer);
	}

	/** True while a `-P` program is being typed: keys are text for it, not shortcuts. */
	get editing(): boolean {
		return this.getSnapshot().editing !== undefined;
	}
}
