import process from 'node:process';
import v8 from 'node:v8';

/**
 * V8's own budget in V8 11 (Node 20), from `node --v8-options`: roughly the bytes of code a function runs.
 * V8 12+ (Node 22, 24, 26) defaults to 13,000,000 and the deferral is not used there (see below).
 */
export const defaultWasmTieringBudget = 1_800_000;

/** Ten times as much: Ink's first layouts stay in Yoga's baseline code; steady use still tiers it up. */
export const startWasmTieringBudget = defaultWasmTieringBudget * 10;

/** The budgets to use while loading and to restore afterwards, or null: leave V8's flag alone. */
export interface TierUpDeferral {
	start: number;
	restore: number;
}

/**
 * Whether to defer the tier-up in this process. V8 cannot report a flag's current value to JavaScript
 * (`v8.setFlagsFromString` only writes), so the value to restore must be known: it is for V8 11 (Node 20),
 * whose default is `defaultWasmTieringBudget` (the unit tests check it against the running binary's
 * `--v8-options`), unless the user set the flag on the command line (then it is theirs: left alone). On
 * V8 12+ the default budget is already 7x Node 20's and the deferral's gain was within noise (first frame
 * and CPU to it, 12 interleaved runs each on Node 22, 24 and 26: docs/performance.md), so it is dropped.
 */
export function tierUpDeferral(
	v8Version: string = process.versions.v8,
	execArgv: readonly string[] = process.execArgv,
): TierUpDeferral | null {
	if (Number.parseInt(v8Version, 10) !== 11) return null;
	if (execArgv.some((flag) => /^--wasm[-_]tiering[-_]budget\b/.test(flag))) return null;
	return {start: startWasmTieringBudget, restore: defaultWasmTieringBudget};
}

/**
 * Runs `load` (which instantiates Yoga's WebAssembly) with a larger tier-up budget for the functions of
 * the modules it instantiates: V8 gives each function its budget when the module is instantiated. With
 * Node 20's default, the first full layout of the dashboard made V8 recompile Yoga's hot functions with its
 * optimizing compiler, about 20-30 ms of CPU on background threads before the first frame (competing with
 * it for a free core). Now that happens a few seconds later, once the budget is spent. Later modules get
 * the default budget again. Elsewhere (`tierUpDeferral`) it just runs `load`.
 */
export async function withDeferredWasmTierUp<T>(
	load: () => Promise<T>,
	deferral: TierUpDeferral | null = tierUpDeferral(),
): Promise<T> {
	if (!deferral) return load();
	v8.setFlagsFromString(`--wasm-tiering-budget=${deferral.start}`);
	try {
		return await load();
	} finally {
		v8.setFlagsFromString(`--wasm-tiering-budget=${deferral.restore}`);
	}
}
