import type {Socket} from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {childPids, sessionPidsOnScreen, TestTerminal, waitForGone} from './helpers/terminal.js';

const leaveAltScreen = '\u001B[?1049l';
const showCursor = '\u001B[?25h';
let terminals: TestTerminal[] = [];

function start(args: string[], size: {columns: number; rows: number}): TestTerminal {
	const terminal = new TestTerminal(['--port', '0', ...args], size);
	terminals.push(terminal);
	return terminal;
}

afterEach(async () => {
	await Promise.all(terminals.map(async (terminal) => terminal.dispose()));
	terminals = [];
});

/** Waits for both starting sessions (TCP connected, UDP ready); returns their PIDs (from the screen and from /proc). */
async function twoConnectedSessions(terminal: TestTerminal): Promise<number[]> {
	// Both panes' state rows (side by side on one line), not the server log's "connected". UDP has no connection.
	const screen = await terminal.waitForText(/^.connected\b.*\bready \(UDP: no connection\)/m);
	const onScreen = sessionPidsOnScreen(screen);
	expect(onScreen).toHaveLength(2);
	const children = childPids(terminal.pid);
	for (const pid of onScreen) expect(children).toContain(pid);
	return onScreen;
}

async function assertRestored(terminal: TestTerminal): Promise<void> {
	expect(await terminal.isAltScreen()).toBe(false);
	const raw = terminal.raw;
	// The last word on alternate screen and cursor visibility is "leave" and "show".
	expect(raw.lastIndexOf(leaveAltScreen)).toBeGreaterThan(raw.lastIndexOf('\u001B[?1049h'));
	expect(raw.lastIndexOf(showCursor)).toBeGreaterThan(raw.lastIndexOf('\u001B[?25l'));
}

describe('dashboard in a real terminal', () => {
	it('at 100x30: talks TCP, opens and closes sessions, resizes and quits with q leaving nothing behind', async () => {
		const terminal = start([], {columns: 100, rows: 30});
		await terminal.waitForText(/TCP listening 127\.0\.0\.1:\d+/);
		expect(await terminal.isAltScreen()).toBe(true);
		const pids = await twoConnectedSessions(terminal);

		await terminal.type('\r', 'hello', '\r');
		await terminal.waitForText('>>> hello');
		await terminal.waitForText(/HELLO \(\d+(\.\d+)? ms\)/);
		await terminal.waitForText(/>> hello/);
		await terminal.waitForText(/<< HELLO/);
		await terminal.type('\u001B');

		await terminal.type('u');
		const withThird = await terminal.waitForText(/#3 UDP pid \d+/);
		const third = sessionPidsOnScreen(withThird).find((pid) => !pids.includes(pid))!;
		expect(childPids(terminal.pid)).toContain(third);
		await terminal.waitForText(/session #3/);
		await terminal.type('x');
		await terminal.waitForText(/exited \((code|signal) /);
		await waitForGone([third]);

		terminal.resize(80, 24);
		// Two panes fit at 80 columns and the window follows the focus (on #3, just closed): #2 is in it either way.
		const small = await terminal.waitForText(/#2 UDP pid/);
		expect(small.split('\n').length).toBe(24);
		terminal.resize(50, 12);
		await terminal.waitForText('terminal too small: need 60x16, have 50x12');
		terminal.resize(100, 30);
		await terminal.waitForText(/#1 TCP pid/);

		await terminal.type('q');
		const exit = await terminal.waitForExit();
		expect(exit.exitCode).toBe(0);
		await assertRestored(terminal);
		await waitForGone(pids);
	});

	it('at 80x24: types into the UDP session and sees the reply with its RTT', async () => {
		const terminal = start([], {columns: 80, rows: 24});
		const pids = await twoConnectedSessions(terminal);
		await terminal.type('2', '\r', 'udp ping', '\r');
		await terminal.waitForText(/UDP PING \(\d+(\.\d+)? ms\)/);
		const screen = await terminal.screen();
		// Nothing drawn on the last row: the frame stays below the terminal height.
		expect(screen.split('\n')[23]).toBe('');
		await terminal.type('\u0003');
		expect((await terminal.waitForExit()).exitCode).toBe(0);
		await assertRestored(terminal);
		await waitForGone(pids);
	});

	it.each(['SIGTERM', 'SIGHUP'] as const)('%s restores the terminal and ends every session', async (signal) => {
		const terminal = start([], {columns: 100, rows: 30});
		const pids = await twoConnectedSessions(terminal);
		process.kill(terminal.pid, signal);
		await terminal.waitForExit();
		if (signal === 'SIGTERM') await assertRestored(terminal);
		await waitForGone(pids);
	});

	it('SIGKILL of the dashboard leaves neither the server process nor a session (they notice the lost channel)', async () => {
		const terminal = start([], {columns: 100, rows: 30});
		const pids = await twoConnectedSessions(terminal);
		const server = Number(/Server \(pid (\d+)/.exec(await terminal.screen())![1]);
		expect(childPids(terminal.pid)).toContain(server);
		process.kill(terminal.pid, 'SIGKILL');
		await terminal.waitForExit();
		await waitForGone([server, ...pids]);
	});

	it('an explicit --port that is taken is one line on stderr, before the screen changes', async () => {
		const {createServer} = await import('node:net');
		const blocker = createServer();
		await new Promise<void>((resolve) => {
			blocker.listen(0, '127.0.0.1', resolve);
		});
		const {port} = blocker.address() as {port: number};
		const terminal = new TestTerminal(['--port', String(port)], {columns: 100, rows: 30});
		terminals.push(terminal);
		const exit = await terminal.waitForExit();
		blocker.close();
		expect(exit.exitCode).toBe(1);
		expect(terminal.raw).not.toContain('\u001B[?1049h');
		expect(terminal.raw).toMatch(new RegExp(`socktui: port ${port} is already in use`));
	});
});

describe('dashboard --connect', () => {
	it('points the sessions at another server and says the server is remote', async () => {
		const {createServer} = await import('node:net');
		// A stand-in for the tutorial's Python server: uppercase echo over TCP.
		const server = createServer((socket) => {
			socket.on('data', (data) => socket.write(data.toString('latin1').toUpperCase(), 'latin1'));
			socket.on('error', () => {});
		});
		await new Promise<void>((resolve) => {
			server.listen(0, '127.0.0.1', resolve);
		});
		const {port} = server.address() as {port: number};
		try {
			const terminal = new TestTerminal(['--connect', `127.0.0.1:${port}`, '--sessions', '1'], {
				columns: 100,
				rows: 30,
			});
			terminals.push(terminal);
			await terminal.waitForText(`Remote server 127.0.0.1:${port}`);
			await terminal.waitForText(/^.connected\b/m);
			await terminal.type('\r', 'remote', '\r');
			await terminal.waitForText(/REMOTE \(\d+(\.\d+)? ms\)/);
			await terminal.type('\u001B');
			await terminal.waitForNoText('typing into');
			await terminal.type('q');
			expect((await terminal.waitForExit()).exitCode).toBe(0);
		} finally {
			server.close();
		}
	});
});

describe('dashboard --connect to a silent server (issue 24)', () => {
	it('a TCP session waiting for a reply says how long it has waited, the time growing', async () => {
		const {createServer} = await import('node:net');
		// Accepts and reads, never answers.
		const sockets = new Set<Socket>();
		const server = createServer((socket) => {
			sockets.add(socket);
			socket.on('error', () => {});
		});
		await new Promise<void>((resolve) => {
			server.listen(0, '127.0.0.1', resolve);
		});
		const {port} = server.address() as {port: number};
		try {
			const terminal = new TestTerminal(['--connect', `127.0.0.1:${port}`, '--sessions', '1'], {
				columns: 100,
				rows: 30,
			});
			terminals.push(terminal);
			await terminal.waitForText(/^.connected\b/m);
			await terminal.type('\r', 'anyone?', '\r');
			const waited = (screen: string) => /waiting for reply (\d+(?:\.\d)?) s/.exec(screen)![1]!;
			const first = waited(await terminal.waitForText(/waiting for reply \d+(\.\d)? s/));
			// The same line later shows a longer wait (the clock ticks while nothing arrives).
			const later = waited(
				await terminal.waitForText(new RegExp(`waiting for reply (?!${first.replace('.', '\\.')} s)\\d+(\\.\\d)? s`)),
			);
			expect(Number(later)).toBeGreaterThan(Number(first));
			await terminal.type('\u001B', 'q');
			expect((await terminal.waitForExit()).exitCode).toBe(0);
		} finally {
			for (const socket of sockets) socket.destroy();
			server.close();
		}
	});
});

describe('dashboard: UDP is connectionless', () => {
	it('with --connect to a closed port: TCP is refused, UDP is only ready, then says "port unreachable" when it sends; never "connected"', async () => {
		const dgram = await import('node:dgram');
		const {createServer} = await import('node:net');
		// A port with nothing on it, for both protocols: bind port 0 for TCP, check UDP is free too, close both.
		const probe = createServer();
		await new Promise<void>((resolve) => {
			probe.listen(0, '127.0.0.1', resolve);
		});
		const {port} = probe.address() as {port: number};
		const udpProbe = dgram.createSocket('udp4');
		await new Promise<void>((resolve) => udpProbe.bind(port, '127.0.0.1', resolve));
		await new Promise<void>((resolve) => udpProbe.close(() => resolve()));
		await new Promise<void>((resolve) => probe.close(() => resolve()));
		const terminal = new TestTerminal(['--connect', `127.0.0.1:${port}`, '--sessions', '2'], {columns: 100, rows: 30});
		terminals.push(terminal);
		await terminal.waitForText('ready (UDP: no connection)');
		await terminal.waitForText(/connection refused/);
		await terminal.type('2', '\r', 'anyone', '\r');
		const screen = await terminal.waitForText('port unreachable');
		expect(screen).toContain('! port unreachable: nothing listens on udp');
		expect(terminal.raw).not.toMatch(/\bconnected\b/);
		await terminal.type('\u001B');
		await terminal.waitForNoText('typing into');
		await terminal.type('q');
		expect((await terminal.waitForExit()).exitCode).toBe(0);
	});
});

describe('dashboard colour and character set', () => {
	it.each([
		['NO_COLOR=1', [], {NO_COLOR: '1'}],
		['TERM=dumb', [], {TERM: 'dumb'}],
		['--no-color', ['--no-color'], {}],
	] as const)('%s: no colour escapes at all', async (_, args, env) => {
		const terminal = new TestTerminal(['--port', '0', '--sessions', '1', ...args], {columns: 100, rows: 30, env});
		terminals.push(terminal);
		await terminal.waitForText(/#1 TCP pid \d+/);
		await terminal.waitForText(/^.connected\b/m);
		// SGR colour parameters: 30-37, 38;..., 39 is "default" and harmless, 40-49 backgrounds, 90-107 bright.
		const colours = [...terminal.raw.matchAll(/\u001B\[([\d;]*)m/g)]
			.flatMap((match) => match[1]!.split(';'))
			.filter((code) => /^(3[0-8]|4[0-8]|9\d|10[0-7])$/.test(code));
		expect(colours).toEqual([]);
		await terminal.type('q');
		await terminal.waitForExit();
	});

	it.each([
		['--ascii', ['--ascii'], {}],
		['LANG=C', [], {LANG: 'C'}],
	] as const)('%s: only ASCII on screen', async (_, args, env) => {
		const terminal = new TestTerminal(['--port', '0', '--sessions', '1', ...args], {columns: 100, rows: 30, env});
		terminals.push(terminal);
		const screen = await terminal.waitForText(/#1 TCP pid \d+/);
		expect(screen).toContain('+-');
		expect(screen).not.toMatch(/[^\u0000-\u007F]/);
		await terminal.type('q');
		await terminal.waitForExit();
	});
});

describe('dashboard without a terminal', () => {
	it('says it needs a terminal in one line and exits 2', async () => {
		const result = await runCli([]);
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).toMatch(/^socktui: the dashboard needs a terminal.*socktui server.*socktui client/);
	});
});
