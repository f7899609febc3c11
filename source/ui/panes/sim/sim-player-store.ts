import type {SimSpec} from '../../../core/sched/sim-spec.js';
import {createPlayer, reducePlayer, type SimIntent, type SimPlayerState} from './sim-player.js';

/**
 * The simulator's player state outside React: program, policy, position, compare and editing survive the
 * pane being unmounted (view switch, help, "terminal too small"). `dispatch` applies an intent at once, so
 * whoever dispatches next (the key path) already sees its effect, e.g. that `e` opened the editor.
 */
export class SimPlayerStore {
	readonly #listeners = new Set<() => void>();
	#state: SimPlayerState;

	constructor(spec?: SimSpec) {
		this.#state = createPlayer(spec);
	}

	getSnapshot = (): SimPlayerState => this.#state;

	subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	};

	dispatch = (intent: SimIntent): void => {
		const next = reducePlayer(this.#state, intent);
		if (next === this.#state) return;
		this.#state = next;
		for (const listener of this.#listeners) listener();
	};

	/** True while a `-P` program is being typed: keys are text for it, not shortcuts. */
	get editing(): boolean {
		return this.#state.editing !== undefined;
	}
}
