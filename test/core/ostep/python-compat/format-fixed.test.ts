import {describe, expect, it} from 'vitest';
import {formatFixed} from '../../../../source/core/ostep/python-compat/format-fixed.js';

// Expected strings are Python's '%.2f' % value.
describe('formatFixed matches C/Python %.2f', () => {
	it.each([
		[78.125, '78.12'],
		[21.875, '21.88'],
		[9.375, '9.38'],
		[90.625, '90.62'],
		[0.125, '0.12'],
		[0.375, '0.38'],
		[2.675, '2.67'],
		[1.005, '1.00'],
		[0.015, '0.01'],
		[0.025, '0.03'],
		[123_456.785, '123456.79'],
		[100, '100.00'],
		[0, '0.00'],
		[-0, '-0.00'],
		[-1.005, '-1.00'],
		[1e22, '10000000000000000000000.00'],
		[5e-324, '0.00'],
		[(100 * 2) / 3, '66.67'],
		[(100 * 1) / 3, '33.33'],
	])('%s -> %s', (value, expected) => {
		expect(formatFixed(value, 2)).toBe(expected);
	});

	it('differs from toFixed exactly where JavaScript rounds ties away from even', () => {
		expect((78.125).toFixed(2)).toBe('78.13');
		expect(formatFixed(78.125, 2)).toBe('78.12');
	});

	it('handles other precisions and non-finite values', () => {
		expect(formatFixed(2.5, 0)).toBe('2');
		expect(formatFixed(3.5, 0)).toBe('4');
		expect(formatFixed(0.1, 20)).toBe('0.10000000000000000555');
		expect(formatFixed(Number.NaN, 2)).toBe('nan');
		expect(formatFixed(Number.POSITIVE_INFINITY, 2)).toBe('inf');
	});
});
