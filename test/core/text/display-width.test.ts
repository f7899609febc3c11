import fc from 'fast-check';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {
	displayWidth,
	fitWidth,
	padEndWidth,
	sliceEndWidth,
	sliceWidth,
} from '../../../source/core/text/display-width.js';
import {fit} from '../../../source/ui/format.js';

const text = fc.array(fc.constantFrom('a', 'Z', ' ', '多', '道', '技', '术', '，', 'é', '👍', '─'), {maxLength: 30});

describe('display width', () => {
	it('counts a CJK character as two columns', () => {
		expect(displayWidth('服务端')).toBe(6);
		expect(displayWidth('#1 会话')).toBe(7);
		expect(displayWidth('abc')).toBe(3);
	});

	it('sliceWidth never splits a wide character and never goes past the width', () => {
		expect(sliceWidth('多道技术', 3)).toBe('多');
		expect(sliceWidth('多道技术', 4)).toBe('多道');
		expect(sliceWidth('a多道', 2)).toBe('a');
		expect(sliceWidth('多道', 1)).toBe('');
		fc.assert(
			fc.property(text, fc.integer({min: 0, max: 40}), (chars, width) => {
				const input = chars.join('');
				const cut = sliceWidth(input, width);
				expect(input.startsWith(cut)).toBe(true);
				expect(displayWidth(cut)).toBeLessThanOrEqual(width);
				// The longest such start: one more character would not fit.
				if (cut !== input)
					expect(displayWidth(input.slice(0, cut.length + [...input.slice(cut.length)][0]!.length))).toBeGreaterThan(
						width,
					);
			}),
		);
	});

	it('fitWidth puts the ellipsis at the width, never past it, and leaves fitting text alone', () => {
		expect(fitWidth('时间上的复用', 12)).toBe('时间上的复用');
		expect(fitWidth('时间上的复用', 11)).toBe('时间上的复…');
		expect(fitWidth('时间上的复用', 10)).toBe('时间上的…');
		expect(fitWidth('时间上的复用', 6, '...')).toBe('时...');
		expect(fitWidth('时间', 1)).toBe('');
		fc.assert(
			fc.property(text, fc.integer({min: 0, max: 40}), (chars, width) => {
				const input = chars.join('');
				const shown = fitWidth(input, width);
				expect(stringWidth(shown)).toBeLessThanOrEqual(width);
				if (stringWidth(input) <= width) expect(shown).toBe(input);
				expect(fit(input, width)).toBe(shown);
			}),
		);
	});

	it('sliceEndWidth keeps the end that fits in columns, never half a wide character', () => {
		expect(sliceEndWidth('hello', 3)).toBe('llo');
		expect(sliceEndWidth('中文输入', 5)).toBe('输入');
		expect(sliceEndWidth('中文', 0)).toBe('');
		expect(sliceEndWidth('ab', 10)).toBe('ab');
	});

	it('padEndWidth pads to columns, not characters', () => {
		expect(padEndWidth('会话', 6)).toBe('会话  ');
		expect(displayWidth(padEndWidth('会话 #1', 12))).toBe(12);
		expect(padEndWidth('服务端窗格', 4)).toBe('服务端窗格');
	});
});
