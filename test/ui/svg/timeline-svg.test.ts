import {describe, expect, it} from 'vitest';
import {timelineSvg, xmlEscape} from '../../../source/ui/svg/timeline-svg.js';
import {parseSvg, xmlCheckUnavailable} from '../../helpers/xml-check.js';

const skip = xmlCheckUnavailable();
if (skip) console.log(`skipping the XML checks: ${skip}`);

describe('timelineSvg', () => {
	it.skipIf(skip)('stays well-formed XML whatever the text: markup, quotes, controls, lone surrogates', () => {
		const nasty = `<b>&amp; "x" 'y' \u0000\u0007\u001B[31m\u0085 \uD800 \uDC00 \uFFFE ]]> <!-- --> <?pi?>`;
		const svg = timelineSvg({
			title: nasty,
			caption: nasty,
			columns: 200,
			lines: [[{text: nasty, color: 'red', bold: true, lane: {kind: 'process', id: nasty}}], [{text: nasty}]],
		});
		const parsed = parseSvg(svg);
		expect(parsed.root).toBe('svg');
		expect(parsed.lanes).toHaveLength(1);
		// The markup characters come back as text, exactly.
		expect(parsed.text).toContain('<b>&amp; "x" \'y\'');
		expect(parsed.text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/u);
	});

	it.skipIf(skip)('makes one lane group per tagged line, with its kind and id, and plain rows for the rest', () => {
		const svg = timelineSvg({
			title: 't',
			columns: 20,
			lines: [
				[{text: 't   0'}],
				[
					{text: 'P0  ', lane: {kind: 'process', id: 'P0'}},
					{text: '██░', color: 'green'},
				],
				[
					{text: 'P1  ', lane: {kind: 'process', id: 'P1'}},
					{text: '░██', color: 'green'},
				],
				[{text: 'CPU ', lane: {kind: 'cpu', id: 'CPU'}}, {text: '01'}],
			],
		});
		expect(parseSvg(svg).lanes).toEqual([
			{kind: 'process', lane: 'P0', row: '1'},
			{kind: 'process', lane: 'P1', row: '2'},
			{kind: 'cpu', lane: 'CPU', row: '3'},
		]);
		expect(svg.match(/<g class="row"/g)).toHaveLength(1);
	});

	it('gives a wide (CJK) character two columns and cuts lines at the width, as the terminal does', () => {
		const svg = timelineSvg({title: 't', columns: 6, lines: [[{text: '串行ab'}, {text: 'cdef'}]]});
		// 串 at column 0, 行 at column 2 (8.4 px a column, 12 px margin), then "ab" from column 4; "cdef" is cut.
		expect(svg).toContain('<text x="12" y="');
		expect(svg).toMatch(/<text x="28.8"[^>]*textLength="16.8"[^>]*>行<\/text>/u);
		expect(svg).toMatch(/<text x="45.6"[^>]*textLength="16.8"[^>]*>ab<\/text>/u);
		expect(svg).not.toMatch(/>c|>d/u);
	});

	it('escapes the five markup characters and replaces what XML 1.0 cannot hold', () => {
		expect(xmlEscape(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f');
		expect(xmlEscape('\u0000\u001B\u009B\uD800x\uFFFF')).toBe('\uFFFD\uFFFD\uFFFD\uFFFDx\uFFFD');
		expect(xmlEscape('😀 串')).toBe('😀 串');
	});
});
