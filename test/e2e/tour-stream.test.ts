import {afterEach, describe, expect, it} from 'vitest';
import {TestTerminal} from './helpers/terminal.js';

let terminals: TestTerminal[] = [];
afterEach(async () => {
	await Promise.all(terminals.map(async (terminal) => terminal.dispose()));
	terminals = [];
});

/** `text` as it may wrap in the tour strip: any run of spaces, line breaks and borders between its characters. */
function flowing(text: string): RegExp {
	const gap = String.raw`[\s│║|]*`;
	return new RegExp(
		[...text]
			.map((char) => (char === ' ' ? gap : char.replaceAll(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`) + gap))
			.join(''),
	);
}

// Issue 21: steps 1 and 2 press b once and cite how the two messages came back; Right on the last step says so.
describe('the tour, steps 1, 2 and the last, in a real terminal at 80x24', () => {
	it.each([
		{
			lang: 'en',
			udp: '2 sent at once, 2 replies.',
			tcp: 'wrote 2 messages at once and they arrived in 1 read: TCP is a stream.',
			last: 'this is the last step of the tour (9/9)',
		},
		{
			lang: 'zh',
			udp: '一次发 2 个，收到 2 个回复。',
			tcp: '在 1 次读取中到达：TCP 是字节流。',
			last: '这是导览的最后一步（9/9）',
		},
	])(
		'$lang',
		async ({lang, udp, tcp, last}) => {
			const terminal = new TestTerminal(['tour', '--port', '0', '--lang', lang], {columns: 80, rows: 24});
			terminals.push(terminal);
			await terminal.waitForText(lang === 'en' ? 'Tour 1/9' : '导览 1/9', 20_000);
			await terminal.waitForText(flowing(udp), 30_000);
			await terminal.type('\u001B[C');
			await terminal.waitForText(lang === 'en' ? 'Tour 2/9' : '导览 2/9', 20_000);
			await terminal.waitForText(flowing(tcp), 30_000);
			await terminal.type('T');
			await terminal.type('9');
			await terminal.waitForText(lang === 'en' ? 'Tour 9/9' : '导览 9/9', 20_000);
			await terminal.type('\u001B[C');
			await terminal.waitForText(flowing(last), 20_000);
			expect(await terminal.screen()).toContain(lang === 'en' ? 'Tour 9/9' : '导览 9/9');
			await terminal.type('q');
			expect((await terminal.waitForExit()).exitCode).toBe(0);
		},
		120_000,
	);
});
