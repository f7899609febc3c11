import {describe, expect, it} from 'vitest';
import {displayWidth} from '../../../source/core/text/display-width.js';
import {pageAt, stripPageMs, stripPages} from '../../../source/ui/tour/strip-pages.js';

const said =
	'Memory (PSS): server 24 MB, #1 17 MB and #2 17 MB; 58 MB together, 92 MB of shared pages not counted twice.';
const look = 'Look at each lane: every process holds its own memory at the same time.';

describe('stripPages', () => {
	it('is one page when the figures and what to look at fit together', () => {
		expect(stripPages('Short.', 'Look.', 'Short. Look.', 79, 2, '…')).toEqual([['Short. Look.']]);
	});

	it('gives the figures and then what to look at pages of their own, each marked where it goes on', () => {
		const pages = stripPages(said, look, `${said} ${look}`, 79, 2, '…');
		expect(pages.length).toBe(2);
		expect(pages[0]!.at(-1)).toMatch(/ …$/u);
		expect(pages[1]![0]).toBe(`… ${look}`);
		for (const line of pages.flat()) expect(displayWidth(line)).toBeLessThanOrEqual(79);
	});

	it('on one row, a page per line: every word is on some page, no line wider than the strip', () => {
		const pages = stripPages(said, look, `${said} ${look}`, 59, 1, '>');
		expect(pages.every((page) => page.length === 1)).toBe(true);
		for (const line of pages.flat()) expect(displayWidth(line)).toBeLessThanOrEqual(59);
		const text = pages
			.flat()
			.map((line) => line.replace(/^> /u, '').replace(/ >$/u, ''))
			.join(' ');
		expect(text).toBe(`${said} ${look}`);
	});
});

describe('pageAt', () => {
	it('turns a page every stripPageMs and goes round', () => {
		expect(pageAt(1, 123_456)).toBe(0);
		expect(pageAt(3, 0)).toBe(0);
		expect(pageAt(3, stripPageMs)).toBe(1);
		expect(pageAt(3, 3 * stripPageMs + 1)).toBe(0);
		expect(pageAt(3, -5)).toBe(0);
	});
});
