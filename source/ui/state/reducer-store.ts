/** An initial state made on first use: a pane the first frame does not show costs nothing before it. */
export class LazyState<State> {
	readonly create: () => State;

	constructor(create: () => State) {
		this.create = create;
	}
}

/**
 * A pane's state outside React (it survives the pane being unmounted by a view switch, the help overlay or
 * "terminal too small"): `dispatch` applies an intent through a pure reducer at once, so whoever dispatches
 * next (the key path) already sees its effect; listeners hear of real changes only.
 */
export class ReducerStore<State, Intent> {
	readonly #listeners = new Set<() => void>();
	readonly #reduce: (state: State, intent: Intent) => State;
	#state: State | LazyState<State>;

	constructor(initial: State | LazyState<State>, reduce: (state: State, intent: Intent) => State) {
		this.#state = initial;
		this.#reduce = reduce;
	}

	getSnapshot = (): State => {
		if (this.#state instanceof LazyState) this.#state = this.#state.create();
		return this.#state;
	};

	subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	};

	dispatch = (intent: Intent): void => {
		const current = this.getSnapshot();
		const next = this.#reduce(current, intent);
		if (next === current) return;
		this.#state = next;
		for (const listener of this.#listeners) listener();
	};
}
