import {describe, expect, it} from 'vitest';
import {fitLine, lineText, sameLines} from '../../source/ui/segments.js';

describe('fitLine', () => {
	it('cuts segments at the width, keeps their style and drops what no longer fits', () => {
		const line = [{text: 'ab', bold: true}, {text: '█≈≈', color: 'green'}, {text: 'zz'}];
		expect(fitLine(line, 4)).toEqual([
			{text: 'ab', bold: true},
			{text: '█≈', color: 'green'},
		]);
		expect(lineText(fitLine(line, 100))).toBe('ab█≈≈zz');
		expect(fitLine(line, 0)).toEqual([]);
		expect(fitLine(line, -3)).toEqual([]);
	});

	it('counts a wide character as two columns and never halves one', () => {
		const line = [{text: 'A '}, {text: '服务端', bold: true}, {text: ' 42'}];
		expect(lineText(fitLine(line, 8))).toBe('A 服务端');
		expect(lineText(fitLine(line, 7))).toBe('A 服务');
		expect(fitLine(line, 3)).toEqual([{text: 'A '}]);
	});
});

describe('sameLines', () => {
	it('is true only for the same text and style, segment by segment', () => {
		const lines = [
			[
				{text: 'ab', bold: true},
				{text: '≈≈', color: 'green'},
			],
			[{text: 'cpu0'}],
		];
		const copy = lines.map((line) => line.map((segment) => ({...segment})));
		expect(sameLines(lines, copy)).toBe(true);
		expect(sameLines(lines, lines)).toBe(true);
		expect(sameLines([], [])).toBe(true);
		expect(sameLines(lines, copy.slice(0, 1))).toBe(false);
		expect(sameLines(lines, [copy[0]!, [{text: 'cpu1'}]])).toBe(false);
		expect(
			sameLines(lines, [
				[
					{text: 'ab', bold: true},
					{text: '≈≈', color: 'red'},
				],
				copy[1]!,
			]),
		).toBe(false);
		expect(sameLines(lines, [[{text: 'ab'}, {text: '≈≈', color: 'green'}], copy[1]!])).toBe(false);
		expect(
			sameLines(lines, [
				[
					{text: 'ab', bold: true},
					{text: '≈≈', color: 'green', dim: true},
				],
				copy[1]!,
			]),
		).toBe(false);
		expect(
			sameLines(lines, [
				[
					{text: 'ab', bold: true},
					{text: '≈≈', color: 'green', italic: true},
				],
				copy[1]!,
			]),
		).toBe(false);
		expect(
			sameLines(lines, [
				[
					{text: 'ab', bold: true},
					{text: '≈', color: 'green'},
					{text: '≈', color: 'green'},
				],
				copy[1]!,
			]),
		).toBe(false);
	});
});
