import {afterEach, describe, expect, it} from 'vitest';
import {TestTerminal} from './helpers/terminal.js';

let terminal: TestTerminal | undefined;
afterEach(async () => {
	await terminal?.dispose();
	terminal = undefined;
});

const pageDown = '\u001B[6~';
const pageUp = '\u001B[5~';
const home = '\u001B[H';
const end = '\u001B[F';

// Issue 21: the help at 80x24 was ~100 lines scrolled one at a time; now it comes in pages.
describe('help pages in a real terminal at 80x24', () => {
	it.each([
		{lang: 'en', page: (n: number, m: string) => `page ${n}/${m}`, pattern: /page 1\/(\d+)/},
		{lang: 'zh', page: (n: number, m: string) => `第 ${n}/${m} 页`, pattern: /第 1\/(\d+) 页/},
	])(
		'$lang: PgDn, Space, PgUp, End and Home turn the pages and say which',
		async ({lang, page, pattern}) => {
			terminal = new TestTerminal(['--port', '0', '--sessions', '0', '--lang', lang], {columns: 80, rows: 24});
			await terminal.waitForText(lang === 'en' ? 'Sessions' : '会话', 20_000);
			await terminal.type('?');
			const first = await terminal.waitForText(pattern);
			const pages = pattern.exec(first)![1]!;
			expect(Number(pages)).toBeGreaterThan(1);
			await terminal.type(pageDown);
			await terminal.waitForText(page(2, pages));
			await terminal.type(' ');
			await terminal.waitForText(page(Math.min(3, Number(pages)), pages));
			await terminal.type(pageUp);
			await terminal.waitForText(page(Math.min(2, Number(pages) - 1), pages));
			await terminal.type(end);
			await terminal.waitForText(page(Number(pages), pages));
			await terminal.type(home);
			await terminal.waitForText(page(1, pages));
			await terminal.type('q');
			expect((await terminal.waitForExit()).exitCode).toBe(0);
		},
		60_000,
	);
});
