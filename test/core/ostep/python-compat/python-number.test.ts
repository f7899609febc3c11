import {describe, expect, it} from 'vitest';
import {
	parseOptparseInt,
	parsePythonFloat,
	parsePythonInt,
} from '../../../../source/core/ostep/python-compat/python-number.js';

// Expected values are what python3's optparse._parse_num(text, int) / float(text) return (None = ValueError).
describe('parseOptparseInt (optparse type=int)', () => {
	it.each([
		['5', 5n],
		['010', 8n],
		['-010', -10n],
		[' 5 ', 5n],
		['0_10', 8n],
		['0x_1f', 31n],
		['0X1F', 31n],
		['0o10', 8n],
		['0b', 0n],
		['0b101', 5n],
		['0B11', 3n],
		['1_000', 1000n],
		['-0', 0n],
		['0', 0n],
		['00', 0n],
		['18446744073709551619', 18_446_744_073_709_551_619n],
		['_1', undefined],
		['+0x10', undefined],
		['-0x10', undefined],
		['0x', undefined],
		['08', undefined],
		['1__0', undefined],
		['1_', undefined],
		['', undefined],
		['x', undefined],
		['1.5', undefined],
	])('%j -> %s', (text, expected) => {
		expect(parseOptparseInt(text)).toBe(expected);
	});

	it('base-10 int() accepts a sign and surrounding whitespace', () => {
		expect(parsePythonInt('+3', 10)).toBe(3n);
		expect(parsePythonInt('\t-2\n', 10)).toBe(-2n);
	});
});

describe('parsePythonFloat (float())', () => {
	it.each([
		['inf', Number.POSITIVE_INFINITY],
		['-Infinity', Number.NEGATIVE_INFINITY],
		['1e2', 100],
		['.5', 0.5],
		['5.', 5],
		['1_0.5', 10.5],
		[' 5 ', 5],
		['+.5e-3', 0.0005],
		['33.3', 33.3],
		['0x10', undefined],
		['1__0', undefined],
		['infinit', undefined],
		['_1', undefined],
		['', undefined],
	])('%j -> %s', (text, expected) => {
		expect(parsePythonFloat(text)).toBe(expected);
	});

	it('parses nan', () => {
		expect(parsePythonFloat('NaN')).toBeNaN();
	});
});
