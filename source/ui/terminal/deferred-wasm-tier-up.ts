import v8 from 'node:v8';

/** V8's own budget on Node 20 (V8 11.3, `node --v8-options`): roughly the bytes of code a function runs. */
export const defaultWasmTieringBudget = 1_800_000;

/** Ten times as much: Ink's first layouts stay in Yoga's baseline code; steady use still tiers it up. */
export const startWasmTieringBudget = defaultWasmTieringBudget * 10;

/**
 * Runs `load` (which instantiates Yoga's WebAssembly) with a larger tier-up budget for the functions of
 * the modules it instantiates: V8 gives each function its budget when the module is instantiated. With
 * the default, the first full layout of the dashboard made V8 recompile Yoga's hot functions with its
 * optimizing compiler, about 20 ms of CPU on background threads before the first frame (competing with it
 * for a free core). Now that happens a few seconds later, once the budget is spent. Later modules get the
 * default budget again.
 */
export async function withDeferredWasmTierUp<T>(load: () => Promise<T>): Promise<T> {
	v8.setFlagsFromString(`--wasm-tiering-budget=${startWasmTieringBudget}`);
	try {
		return await load();
	} finally {
		v8.setFlagsFromString(`--wasm-tiering-budget=${defaultWasmTieringBudget}`);
	}
}
