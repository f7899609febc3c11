import {afterEach, describe, expect, it} from 'vitest';
import {keys, renderDashboardApp, replied, sent} from './helpers/dashboard-fixture.js';

type Fixture = ReturnType<typeof renderDashboardApp>;
let fixture: Fixture | undefined;
const open = (...args: Parameters<typeof renderDashboardApp>) => {
	fixture = renderDashboardApp(...args);
	return fixture;
};

afterEach(() => {
	fixture?.cleanup();
	fixture = undefined;
});

function lines(frame: string): string[] {
	return frame.split('\n');
}

describe('App', () => {
	it('shows both servers, two sessions and the status bar at 100x30 within rows - 1 lines', async () => {
		const app = open();
		const frame = app.frame();
		expect(frame).toContain('TCP listening 127.0.0.1:8082');
		expect(frame).toContain('UDP listening 127.0.0.1:8082');
		expect(frame).toContain('#1 TCP pid 1001');
		expect(frame).toContain('#2 UDP pid 1002');
		expect(frame).toContain('session #1');
		expect(frame).toContain('? help');
		expect(lines(frame).length).toBeLessThanOrEqual(29);
		expect(Math.max(...lines(frame).map((line) => line.length))).toBeLessThanOrEqual(100);
	});

	it('fits 80x24 and re-lays out at once on resize', async () => {
		const app = open({columns: 80, rows: 24});
		expect(lines(app.frame()).length).toBeLessThanOrEqual(23);
		expect(Math.max(...lines(app.frame()).map((line) => line.length))).toBeLessThanOrEqual(80);
		app.resize(120, 40);
		expect(lines(app.frame()).length).toBeLessThanOrEqual(39);
		expect(lines(app.frame()).length).toBeGreaterThan(30);
	});

	it('says the terminal is too small below 60x16, and q still quits', async () => {
		const app = open({columns: 59, rows: 20});
		expect(app.frame()).toContain('terminal too small: need 60x16, have 59x20');
		await app.press('n');
		expect(app.calls).toEqual([]);
		await app.press('q');
		expect(app.calls).toEqual([['quit']]);
	});

	it('types into the focused session, sends on Enter and shows the reply with its RTT', async () => {
		const app = open();
		await app.press(keys.enter, 'h', 'e', 'l', 'x', keys.backspace, 'l', 'o');
		expect(app.frame()).toContain('> hello');
		expect(app.frame()).toContain('typing into #1');
		await app.press(keys.enter);
		expect(app.calls).toEqual([['send', 1, 'hello']]);
		app.apply(sent(1, 'hello'), replied(1, 'HELLO', 0.42));
		expect(app.frame()).toContain('>>> hello');
		expect(app.frame()).toContain('HELLO (0.42 ms)');
	});

	it('sends letters to the input line, not to shortcuts, while typing', async () => {
		const app = open();
		await app.press(keys.enter, 'q', 'n', 'x', '?');
		expect(app.calls).toEqual([]);
		expect(app.frame()).toContain('> qnx?');
		await app.press(keys.escape, 'n');
		expect(app.calls).toEqual([['openSession', 'tcp']]);
	});

	it('handles both DEL and BS as backspace', async () => {
		const app = open();
		await app.press(keys.enter, 'a', 'b', 'c', '\u0008', '\u007F');
		expect(app.frame()).toContain('> a');
		expect(app.frame()).not.toContain('> ab');
	});

	it('opens TCP and UDP sessions with n and u and focuses the new one when it appears', async () => {
		const app = open();
		await app.press('n', 'u');
		expect(app.calls).toEqual([
			['openSession', 'tcp'],
			['openSession', 'udp'],
		]);
		app.apply({
			type: 'session',
			event: {
				type: 'session-started',
				sessionId: 3,
				pid: 1003,
				protocol: 'tcp',
				remote: {address: '127.0.0.1', port: 8082},
			},
		});
		expect(app.frame()).toContain('session #3');
	});

	it('a UDP session never says "connected": ready, sent and waiting, no reply after the real timeout, port unreachable', async () => {
		const app = open();
		const udpState = (state: 'connected' | 'waiting' | 'no-reply' | 'unreachable' | 'ready') =>
			app.apply({type: 'session', event: {type: 'session-report', sessionId: 2, report: {type: 'state', state}}});
		app.apply({
			type: 'session',
			event: {
				type: 'session-report',
				sessionId: 2,
				report: {
					type: 'hello',
					pid: 1002,
					protocol: 'udp',
					remote: {address: '127.0.0.1', port: 8082},
					replyTimeoutMs: 1500,
				},
			},
		});
		expect(app.frame()).toContain('ready (UDP: no connection)');
		udpState('waiting');
		expect(app.frame()).toContain('sent, waiting for reply');
		udpState('no-reply');
		expect(app.frame()).toContain('no reply after 1.5 s');
		udpState('unreachable');
		expect(app.frame()).toContain('port unreachable');
		// Even a (stray) "connected" report reads as ready for UDP.
		udpState('connected');
		expect(app.frame()).toContain('ready (UDP: no connection)');
		// The one "connected" on screen is the TCP session's.
		expect(app.frame().match(/connected/g)).toHaveLength(1);
	});

	it("the server pane shows the demo processes' memory together, by PSS, and how much is shared", async () => {
		const app = open();
		expect(app.frame()).not.toContain('PSS');
		const each = [{pid: 1, rssBytes: 1, pssBytes: 1}];
		app.apply({
			type: 'demo-memory',
			view: {rssBytes: 142_000_000, pssBytes: 61_000_000, sharedBytes: 81_000_000, processes: 3, pssMissing: 0, each},
		});
		expect(app.frame()).toContain('memory (PSS) 61 MB in 3 processes, 81 MB shared');
		app.resize(80, 24);
		expect(app.frame()).toMatch(/PSS 61 MB.*81 MB shared/);
		app.resize(60, 30);
		expect(app.frame()).toMatch(/PSS 61 MB.*81 MB shared/);
		// Where smaps_rollup cannot be read, the total is RSS and says so.
		app.resize(100, 30);
		app.apply({
			type: 'demo-memory',
			view: {rssBytes: 142_000_000, pssBytes: 142_000_000, sharedBytes: 0, processes: 3, pssMissing: 3, each},
		});
		expect(app.frame()).toMatch(/RSS 142 MB.*(no PSS|PSS unreadable)/);
	});

	it('closes the focused session with x and shows how it ended; x again removes it', async () => {
		const app = open();
		await app.press('2', 'x');
		expect(app.calls).toEqual([['closeSession', 2]]);
		app.apply({type: 'session-closing', sessionId: 2});
		expect(app.frame()).toContain('closing');
		app.apply({type: 'session', event: {type: 'session-exited', sessionId: 2, code: 0, signal: null}});
		expect(app.frame()).toContain('exited (code 0)');
		// The status bar offers what an exited session can do: go, not "close" nor typing.
		const status = app.frame().split('\n').at(-1) ?? '';
		expect(status).toContain('x remove this pane');
		expect(status).not.toContain('close this session');
		expect(status).not.toContain('type a message');
		await app.press('x');
		expect(app.calls.at(-1)).toEqual(['dismissSession', 2]);
	});

	it('moves focus with Tab and Shift-Tab through server, timeline and sessions', async () => {
		const app = open();
		await app.press(keys.tab);
		expect(app.frame()).toContain('session #2');
		// Regression: a focus change used to blank each pane's first row (Ink re-enabled the top border).
		expect(app.frame().match(/connected/g)).toHaveLength(1);
		expect(app.frame()).toContain('ready (UDP: no connection)');
		await app.press(keys.tab);
		expect(app.frame()).toContain(' server ');
		await app.press(keys.tab);
		expect(app.frame()).toContain(' timeline ');
		await app.press(keys.shiftTab, keys.shiftTab);
		expect(app.frame()).toContain('session #2');
	});

	it('changes the reply delay from the server pane and auto mode from a session', async () => {
		const app = open();
		await app.press('a', ']', '}', '[', '{');
		expect(app.calls).toEqual([
			['toggleAuto', 1],
			['stepAutoInterval', 1, 1],
			['stepAutoBurst', 1, 1],
			['stepAutoInterval', 1, -1],
			['stepAutoBurst', 1, -1],
		]);
		await app.press(keys.shiftTab, keys.shiftTab, '+', '-');
		expect(app.calls.slice(-2)).toEqual([
			['stepReplyDelay', 1],
			['stepReplyDelay', -1],
		]);
	});

	it('d toggles the dashboard lane and r restarts the server from any pane; a killed server is shown in words', async () => {
		const app = open();
		await app.press('d', keys.shiftTab, 'r');
		expect(app.calls).toEqual([['toggleDashboardLane'], ['restartServer']]);
		app.apply({type: 'server-process', process: {pid: 777, state: 'exited', code: null, signal: 'SIGKILL'}});
		expect(app.frame()).toContain('Server (pid 777)');
		expect(app.frame()).toContain('server process 777 was killed (SIGKILL):');
		expect(app.frame()).toContain('R restarts it (same port)');
		app.apply(
			{type: 'server-process', process: {pid: 778, state: 'running'}},
			{type: 'one-cpu', view: {enabled: true, cpu: 1, uiCpu: 0}},
		);
		expect(app.frame()).toContain('Server (pid 778 cpu1)');
		expect(app.frame()).not.toContain('restarts it');
	});

	it('renders the help overlay from the key bindings and closes it', async () => {
		const app = open();
		await app.press('?');
		const frame = app.frame();
		expect(frame).toContain('new TCP session');
		expect(frame).toContain('1-9');
		expect(frame).toContain('Esc/Tab');
		await app.press('n');
		expect(app.calls).toEqual([]);
		await app.press('?');
		expect(app.frame()).toContain('#1 TCP');
	});

	it('pages and scrolls the help overlay when the keys do not fit (60x16)', async () => {
		const app = open({columns: 60, rows: 16});
		await app.press('?');
		const first = app.frame();
		expect(first).toMatch(/page 1\/\d+/);
		expect(first).toContain('new TCP session');
		await app.press('j', 'j', 'j');
		expect(app.frame()).toMatch(/page 1\/\d+/);
		expect(app.frame()).not.toContain('new TCP session');
		await app.press(' ');
		expect(app.frame()).toMatch(/page 2\/\d+/);
		await app.press('k');
		expect(app.frame()).toMatch(/page 1\/\d+/);
		expect(app.calls).toEqual([]);
	});

	it('quits with q and with Ctrl-C', async () => {
		const app = open();
		await app.press('q', keys.ctrlC);
		expect(app.calls).toEqual([['quit'], ['quit']]);
	});

	it('never prints a payload raw', async () => {
		const app = open();
		app.apply(replied(1, '\u001B]0;owned\u0007\u001B[2J', 1));
		expect(app.frame()).not.toContain('\u001B]0;');
		expect(app.frame()).toContain('\\e]0;owned\\a\\e[2J');
	});

	it('uses ASCII borders with --ascii and marks focus without colour', async () => {
		const app = open({ascii: true});
		const frame = app.frame();
		expect(frame).not.toMatch(/[^\u0000-\u007F]/);
		expect(frame).toContain('#= > #1 TCP');
	});

	it('shows the remote server when the sessions talk to another one', async () => {
		const app = open({events: [{type: 'remote', remote: {address: '192.0.2.7', port: 9000}}]});
		expect(app.frame()).toContain('Remote server 192.0.2.7:9000');
		expect(app.frame()).toContain('no client sessions');
	});

	it('with --connect, counts what the sessions sent and got back instead of claiming "no messages yet"', async () => {
		const remote = {address: '192.0.2.7', port: 9000};
		const app = open({events: [{type: 'remote', remote}]});
		app.apply({type: 'session', event: {type: 'session-started', sessionId: 1, pid: 1001, protocol: 'tcp', remote}});
		const report = (value: object) =>
			app.apply({type: 'session', event: {type: 'session-report', sessionId: 1, report: value as never}});
		const at = Date.now();
		report({type: 'sent', id: 1, requestBase64: Buffer.from('hi').toString('base64'), at});
		report({type: 'reply', id: 1, replyBase64: Buffer.from('HI').toString('base64'), rttMs: 0.4, at});
		report({type: 'sent', id: 2, requestBase64: Buffer.from('yo').toString('base64'), at});
		const frame = app.frame();
		expect(frame).toContain('1 session: sent 2 · replies 1');
		expect(frame).toContain("(the remote server's log is not visible)");
		expect(frame).not.toContain('no messages yet');
		expect(frame).toContain('Server (remote)');
	});
});

describe('App with keys arriving in one chunk', () => {
	it('keeps the Enter of "hello\\r" and runs "nu" as two shortcuts', async () => {
		const app = open();
		await app.press(keys.enter, 'hello\r', 'world\r', keys.escape, 'nu');
		expect(app.calls).toEqual([
			['send', 1, 'hello'],
			['send', 1, 'world'],
			['openSession', 'tcp'],
			['openSession', 'udp'],
		]);
	});
});

describe('App with Esc glued to the next key', () => {
	it('reads ESC+u in one chunk as Esc, then u (not Alt-u into the input line)', async () => {
		const app = open();
		await app.press(keys.enter, 'hi', '\u001Bu');
		expect(app.calls).toEqual([['openSession', 'udp']]);
		expect(app.frame()).not.toContain('typing into');
	});
});
