import {afterEach, describe, expect, it} from 'vitest';
import {TestTerminal} from './helpers/terminal.js';

let terminals: TestTerminal[] = [];

afterEach(async () => {
	await Promise.all(terminals.map(async (terminal) => terminal.dispose()));
	terminals = [];
});

describe('server models in the dashboard', () => {
	it('m until iterative: the second session waits for its reply until the first closes; under threads a thread lane appears', async () => {
		const terminal = new TestTerminal(['--port', '0', '--sessions', '0'], {columns: 100, rows: 30});
		terminals.push(terminal);
		await terminal.waitForText(/Server \(pid \d+, event-loop\)/);
		await terminal.type('m');
		await terminal.waitForText('model iterative: one client at a time');
		await terminal.type('n');
		// #1 connected before #2 opens: the first connection is the one an iterative server serves.
		await terminal.waitForText(/#1 TCP pid \d+/);
		await terminal.waitForText('1 conn');
		await terminal.type('n');
		// Both connected (a new session takes the focus when it starts: wait for that before choosing one).
		await terminal.waitForText(/#2 TCP pid \d+/);
		await terminal.waitForText('2 conn');
		// #1 is served: its reply comes at once.
		await terminal.type('1', '\r', 'one\r', '\u001B');
		await terminal.waitForText(/ONE \([\d.]+ m?s\)/);
		// #2 is connected, but the server serves one client at a time.
		await terminal.type('2', '\r', 'two\r', '\u001B');
		await terminal.waitForText('>>> two');
		const waiting = await terminal.waitForText('waiting for reply');
		expect(waiting).toMatch(/TCP waiting their turn: :\d+ [\d.]+ s/);
		expect(waiting).not.toContain('TWO');
		// Still nothing while #1 stays connected.
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(await terminal.screen()).not.toContain('TWO');
		// #1 closes: #2's turn comes, and its round trip shows the wait.
		await terminal.type('1', 'x');
		await terminal.waitForText(/TWO \([\d.]+ m?s\)/);
		await terminal.waitForNoText('waiting their turn');

		await terminal.type('m');
		await terminal.waitForText('model threads: a thread per client');
		await terminal.type('n');
		await terminal.waitForText(/#3 TCP pid \d+/);
		await terminal.waitForText('2 conn');
		await terminal.type('3', '\r', 'three\r', '\u001B');
		await terminal.waitForText(/THREE \([\d.]+ m?s\)/);
		await terminal.waitForText(/thread #3 \d+/);
		await terminal.waitForText(/TCP 1 thread: TID \d+ :\d+/);
	}, 60_000);
});
