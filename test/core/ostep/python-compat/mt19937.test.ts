import {describe, expect, it} from 'vitest';
import {createPythonRandom, seedToKey} from '../../../../source/core/ostep/python-compat/mt19937.js';

const draws = (seed: bigint, count: number) => {
	const random = createPythonRandom(seed);
	return Array.from({length: count}, () => random.random());
};

describe('Python-compatible MT19937', () => {
	it('matches the check values in SIMULATOR.md', () => {
		expect(draws(0n, 3)).toEqual([0.8444218515250481, 0.7579544029403025, 0.420571580830845]);
		expect(draws(1n, 2)).toEqual([0.13436424411240122, 0.8474337369372327]);
		expect(draws(2n ** 32n, 1)).toEqual([0.11299430095636409]);
	});

	it('matches CPython for seeds past 2^53 and 2^64 (values recorded from python3 random.seed)', () => {
		expect(draws(2n ** 53n + 1n, 3)).toEqual([0.35215327374545125, 0.33727547938757196, 0.1182012438310911]);
		expect(draws(2n ** 64n, 3)).toEqual([0.9776462743838505, 0.3711105964481608, 0.49965891230531634]);
	});

	it('drops the sign like Python', () => {
		expect(draws(-5n, 3)).toEqual(draws(5n, 3));
		expect(draws(5n, 1)).toEqual([0.6229016948897019]);
	});

	it('splits seeds into 32-bit words, least significant first', () => {
		expect(seedToKey(0n)).toEqual([0]);
		expect(seedToKey(2n ** 32n)).toEqual([0, 1]);
		expect(seedToKey(-(2n ** 32n + 7n))).toEqual([7, 1]);
	});

	it('keeps the stream going past one 624-word block', () => {
		const values = draws(42n, 1000);
		expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
		expect(new Set(values).size).toBe(1000);
		// python3 -c "import random; random.seed(42); [random.random() for _ in range(999)]; print(random.random())"
		expect(values[999]).toBe(0.8554501933059546);
	});
});
