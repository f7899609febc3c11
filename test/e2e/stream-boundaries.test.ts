import {afterEach, describe, expect, it} from 'vitest';
import {TestTerminal} from './helpers/terminal.js';

let terminals: TestTerminal[] = [];
afterEach(async () => {
	await Promise.all(terminals.map(async (terminal) => terminal.dispose()));
	terminals = [];
});

// Issue 21: TCP is a byte stream, UDP keeps messages, on screen (key b: two messages in one go).
describe('two messages in one go, in a real terminal', () => {
	it('at 100x30: TCP says the two lines arrived in one read (session and server log), UDP two datagrams, two replies', async () => {
		const terminal = new TestTerminal(['--port', '0', '--sessions', '2'], {columns: 100, rows: 30});
		terminals.push(terminal);
		await terminal.waitForText(/^.connected\b.*\bready \(UDP: no connection\)/m, 20_000);
		await terminal.type('1');
		await terminal.waitForText(/^ session #1/m);
		await terminal.type('b');
		const tcp = await terminal.waitForText('2 messages arrived in 1 read (12 B)', 20_000);
		expect(tcp).toContain('>>> hello\\nworld');
		await terminal.waitForText('>> 1 read = 2 msgs: hello');
		await terminal.type('2');
		await terminal.waitForText(/^ session #2/m);
		await terminal.type('b');
		await terminal.waitForText('2 datagrams sent, 2 replies (5+5 B)', 20_000);
		await terminal.type('q');
		expect((await terminal.waitForExit()).exitCode).toBe(0);
	}, 60_000);

	it('in Chinese at 80x24: the TCP session says it in the tutorial terms', async () => {
		const terminal = new TestTerminal(['--port', '0', '--sessions', '1', '--lang', 'zh'], {columns: 80, rows: 24});
		terminals.push(terminal);
		await terminal.waitForText(/#1 TCP/, 20_000);
		await terminal.type('1');
		await terminal.waitForText(/▶ #1 TCP/);
		await terminal.type('b');
		await terminal.waitForText('2 条消息在 1 次读取中到达', 20_000);
		await terminal.type('q');
		expect((await terminal.waitForExit()).exitCode).toBe(0);
	}, 60_000);
});
