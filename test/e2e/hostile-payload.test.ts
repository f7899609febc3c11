import {createSocket} from 'node:dgram';
import {createConnection} from 'node:net';
import {afterEach, expect, it} from 'vitest';
import {TestTerminal} from './helpers/terminal.js';

let terminal: TestTerminal | undefined;
afterEach(async () => {
	await terminal?.dispose();
	terminal = undefined;
});

// Sequences that would set the title (OSC 0/2), write the clipboard (OSC 52), clear the screen and move the
// cursor if they reached the terminal. The cursor moves use columns the dashboard itself never addresses.
const payloads = [
	'\u001B]0;PWNED-TITLE\u0007',
	'\u001B]2;PWNED-WINDOW\u001B\\',
	'\u001B]52;c;UFdORUQ=\u0007',
	'\u001B[2J',
	'\u001B[7;33H',
	'\u001B[5A',
	'\u009B2J',
];

it('an outside peer cannot reach the terminal with escape sequences', async () => {
	terminal = new TestTerminal(['--port', '0', '--sessions', '0'], {columns: 100, rows: 30});
	const screen = await terminal.waitForText(/TCP listening 127\.0\.0\.1:(\d+)/);
	const port = Number(/TCP listening 127\.0\.0\.1:(\d+)/.exec(screen)![1]);
	const before = terminal.raw.length;

	// UDP: one datagram per payload, so each is one message in the server's log.
	const socket = createSocket('udp4');
	for (const payload of payloads) {
		await new Promise<void>((resolve, reject) => {
			socket.send(Buffer.from(`x${payload}y`, 'utf8'), port, '127.0.0.1', (error) =>
				error ? reject(error) : resolve(),
			);
		});
	}

	// A TCP peer too, with a payload the log shows in full.
	const tcp = createConnection({host: '127.0.0.1', port});
	tcp.on('error', () => {});
	tcp.write('\u001B]52;c;UFdORUQ=\u0007');
	await terminal.waitForText(new RegExp(`UDP listening .*\\n.* in ${payloads.length} msg`));
	await terminal.waitForText('\\u009b2JY');
	await terminal.waitForText('<< \\e]52;C;UFDORUQ=\\a');
	socket.close();
	tcp.destroy();

	const after = terminal.raw.slice(before);
	expect(after).not.toContain('\u001B]');
	expect(after).not.toContain('\u001B[2J');
	expect(after).not.toContain('\u001B[7;33H');
	expect(after).not.toContain('\u001B[5A');
	expect(after).not.toContain('\u009B');
	expect(after).not.toContain('PWNED-TITLE\u0007');
	expect(terminal.titleChanges).toBe(0);
	// The dashboard is still itself: frame intact at the top.
	expect((await terminal.screen()).split('\n')[0]).toMatch(/Server \(pid \d+, event-loop\)/);
});

it('issue 24: a pasted right-to-left override shows escaped in the input line, as in the log, never raw', async () => {
	terminal = new TestTerminal(['--port', '0', '--sessions', '1'], {columns: 100, rows: 30});
	await terminal.waitForText(/^.connected\b/m);
	await terminal.type('\r');
	const before = terminal.raw.length;
	// One chunk, as a paste arrives.
	await terminal.type('abc\u202Edef\u202C');
	await terminal.waitForText('> abc\\u202edef\\u202c');
	expect(terminal.raw.slice(before)).not.toMatch(/[\u202A-\u202E]/u);
	await terminal.type('\r');
	await terminal.waitForText('>>> abc\\u202edef\\u202c');
	expect(terminal.raw.slice(before)).not.toMatch(/[\u202A-\u202E]/u);
	await terminal.type('\u001B', 'q');
	expect((await terminal.waitForExit()).exitCode).toBe(0);
});
