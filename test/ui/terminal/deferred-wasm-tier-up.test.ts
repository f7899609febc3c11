import {spawnSync} from 'node:child_process';
import process from 'node:process';
import v8 from 'node:v8';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {
	defaultWasmTieringBudget,
	startWasmTieringBudget,
	tierUpDeferral,
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

/** The running V8's default `--wasm-tiering-budget`, from `node --v8-options` of this very binary. */
function runningDefaultBudget(): number {
	const help = spawnSync(process.execPath, ['--v8-options'], {encoding: 'utf8'}).stdout;
	const match = /default: --wasm-tiering-budget=(\d+)/.exec(help);
	if (!match) throw new Error(`no --wasm-tiering-budget default in ${process.execPath} --v8-options`);
	return Number(match[1]);
}

afterEach(() => {
	vi.restoreAllMocks();
});

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

	it('leaves the running V8 with its own default budget (Node 22+: 13,000,000, not Node 20’s 1,800,000)', async () => {
		const set = vi.spyOn(v8, 'setFlagsFromString');
		await withDeferredWasmTierUp(async () => add(2, 3));
		const budgets = set.mock.calls.map(([flags]) => /^--wasm-tiering-budget=(\d+)$/.exec(flags)?.[1]);
		expect(budgets.every((budget) => budget !== undefined)).toBe(true);
		if (budgets.length > 0) expect(Number(budgets.at(-1))).toBe(runningDefaultBudget());
	});

	it('defers only on V8 11 (Node 20), whose default it knows, and never over a budget the user set', () => {
		expect(tierUpDeferral('11.3.244.8-node.38', [])).toEqual({
			start: startWasmTieringBudget,
			restore: defaultWasmTieringBudget,
		});
		expect(tierUpDeferral('12.4.254.21-node.57', [])).toBeNull();
		expect(tierUpDeferral('13.6.233.17-node.63', [])).toBeNull();
		expect(tierUpDeferral('14.6.202.34-node.40', [])).toBeNull();
		expect(tierUpDeferral('11.3.244.8-node.38', ['--wasm-tiering-budget=5000000'])).toBeNull();
		expect(tierUpDeferral('11.3.244.8-node.38', ['--wasm_tiering_budget=5000000'])).toBeNull();
	});

	it('uses the deferral it is given, and none when given none', async () => {
		const set = vi.spyOn(v8, 'setFlagsFromString');
		await withDeferredWasmTierUp(async () => add(1, 2), {start: 2_000_000, restore: runningDefaultBudget()});
		expect(set.mock.calls.map(([flags]) => flags)).toEqual([
			'--wasm-tiering-budget=2000000',
			`--wasm-tiering-budget=${runningDefaultBudget()}`,
		]);
		set.mockClear();
		await withDeferredWasmTierUp(async () => add(1, 2), null);
		expect(set).not.toHaveBeenCalled();
	});
});
