/**
 * A pane's state outside React (it survives the pane being unmounted by a view switch, the help overlay or
 * "terminal too small"): `dispatch` applies an intent through a pure reducer at once, so whoever dispatches
 * next (the key path) already sees its effect; listeners hear of real changes only.
 */
export class ReducerStore<State, Intent> {
	readonly #listeners = new Set<() => void>();
	readonly #reduce: (state: State, intent: Intent) => State;
	#state: State;

	constructor(initial: State, reduce: (state: State, intent: Intent) => State) {
		this.#state = initial;
		this.#reduce = reduce;
	}

	getSnapshot = (): State => this.#state;

	subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	};

	dispatch = (intent: Intent): void => {
		const next = this.#reduce(this.#state, intent);
		if (next === this.#state) return;
		this.#state = next;
		for (const listener of this.#listeners) listener();
	};
}
