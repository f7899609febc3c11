import {describe, expect, it} from 'vitest';
import {
	defaultWasmTieringBudget,
	startWasmTieringBudget,
	withDeferredWasmTierUp,
} from '../../../source/ui/terminal/deferred-wasm-tier-up.js';

// A tiny module (`add(a, b)`), instantiated inside and after the wrapper: V8 accepts the flag both ways.
const addModule = new Uint8Array([
	0, 97, 115, 109, 1, 0, 0, 0, 1, 7, 1, 96, 2, 127, 127, 1, 127, 3, 2, 1, 0, 7, 7, 1, 3, 97, 100, 100, 0, 0, 10, 9, 1,
	7, 0, 32, 0, 32, 1, 106, 11,
]);

async function add(a: number, b: number): Promise<number> {
	const {instance} = await WebAssembly.instantiate(addModule);
	return (instance.exports['add'] as (a: number, b: number) => number)(a, b);
}

describe('withDeferredWasmTierUp', () => {
	it('gives a larger budget only while loading', () => {
		expect(startWasmTieringBudget).toBeGreaterThan(defaultWasmTieringBudget);
	});

	it('returns what the load returns, and WebAssembly works inside and after it', async () => {
		await expect(withDeferredWasmTierUp(async () => add(2, 3))).resolves.toBe(5);
		await expect(add(20, 22)).resolves.toBe(42);
	});

	it('passes a failed load on', async () => {
		await expect(
			withDeferredWasmTierUp(async () => {
				throw new Error('no chunk');
			}),
		).rejects.toThrow('no chunk');
		await expect(add(1, 1)).resolves.toBe(2);
	});
});
