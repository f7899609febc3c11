import {describe, expect, it} from 'vitest';
import {LazyState, ReducerStore} from '../../../source/ui/state/reducer-store.js';

const add = (state: number, intent: number) => state + intent;

describe('ReducerStore', () => {
	it('reduces intents and tells listeners of real changes only', () => {
		const store = new ReducerStore(1, add);
		let heard = 0;
		store.subscribe(() => heard++);
		store.dispatch(2);
		store.dispatch(0);
		expect(store.getSnapshot()).toBe(3);
		expect(heard).toBe(1);
	});

	it('makes a lazy initial state on first use, once, whether read or dispatched to first', () => {
		let made = 0;
		const lazy = () =>
			new LazyState(() => {
				made++;
				return 10;
			});
		const read = new ReducerStore(lazy(), add);
		expect(made).toBe(0);
		expect(read.getSnapshot()).toBe(10);
		expect(read.getSnapshot()).toBe(10);
		expect(made).toBe(1);

		const dispatched = new ReducerStore(lazy(), add);
		dispatched.dispatch(5);
		expect(dispatched.getSnapshot()).toBe(15);
		expect(made).toBe(2);
	});
});
