import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {DashboardStore} from '../../../source/core/dashboard/dashboard-store.js';

const peer = {address: '127.0.0.1', port: 40_000};
const bytes = (text: string) => Buffer.from(text, 'utf8');
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('DashboardStore', () => {
	let store: DashboardStore;
	beforeEach(() => {
		vi.useFakeTimers();
		store = new DashboardStore({frameRateHz: 10, serverPid: 42});
	});
	afterEach(() => {
		store.dispose();
		vi.useRealTimers();
	});

	it('publishes nothing until something changes, then at most once per frame', () => {
		const listener = vi.fn();
		store.subscribe(listener);
		vi.advanceTimersByTime(5000);
		expect(listener).not.toHaveBeenCalled();

		store.apply({
			type: 'server',
			event: {type: 'listening', protocol: 'tcp', local: {address: '127.0.0.1', port: 8082}},
		});
		vi.advanceTimersByTime(0);
		expect(listener).toHaveBeenCalledTimes(1);

		for (let index = 0; index < 1000; index++) {
			store.apply({
				type: 'server',
				event: {type: 'message-in', protocol: 'tcp', connectionId: 'c1', peer, bytes: bytes('hello')},
			});
		}

		expect(listener).toHaveBeenCalledTimes(1);
		vi.advanceTimersByTime(100);
		expect(listener).toHaveBeenCalledTimes(2);
		expect(store.getSnapshot().servers[0]).toMatchObject({
			protocol: 'tcp',
			state: 'listening',
			messagesIn: 1000,
			bytesIn: 5000,
		});
		vi.advanceTimersByTime(250);
		// The rate sampler ran once (rate now known) but no more publishes without changes beyond that.
		const calls = listener.mock.calls.length;
		vi.advanceTimersByTime(3000);
		expect(listener.mock.calls.length).toBeLessThanOrEqual(calls + 2);
	});

	it('keeps unchanged parts identical between snapshots', () => {
		store.apply({
			type: 'server',
			event: {type: 'listening', protocol: 'udp', local: {address: '127.0.0.1', port: 8082}},
		});
		store.apply({
			type: 'session',
			event: {
				type: 'session-started',
				sessionId: 1,
				pid: 100,
				protocol: 'tcp',
				remote: {address: '127.0.0.1', port: 8082},
			},
		});
		store.flush();
		const first = store.getSnapshot();
		store.apply({
			type: 'session',
			event: {type: 'session-report', sessionId: 1, report: {type: 'sent', id: 1, requestBase64: b64('hi'), at: 0}},
		});
		store.flush();
		const second = store.getSnapshot();
		expect(second.seq).toBe(first.seq + 1);
		expect(second.servers).toBe(first.servers);
		expect(second.serverLog).toBe(first.serverLog);
		expect(second.sessions).not.toBe(first.sessions);
		expect(Object.isFrozen(second.sessions[0])).toBe(true);
	});

	it('remembers when a session entered its state (a TCP wait for a reply grows on screen from it)', () => {
		const state = (value: 'connected' | 'waiting') =>
			store.apply({
				type: 'session',
				event: {type: 'session-report', sessionId: 4, report: {type: 'state', state: value}},
			});
		store.apply({
			type: 'session',
			event: {
				type: 'session-started',
				sessionId: 4,
				pid: 400,
				protocol: 'tcp',
				remote: {address: '127.0.0.1', port: 9},
			},
		});
		state('connected');
		vi.advanceTimersByTime(1000);
		const waitingFrom = Date.now();
		state('waiting');
		vi.advanceTimersByTime(500);
		// The same state again is not a new wait.
		state('waiting');
		store.flush();
		expect(store.getSnapshot().sessions[0]).toMatchObject({state: 'waiting', stateSince: waitingFrom});
	});

	it('folds a conversation with RTTs and an exit', () => {
		store.apply({
			type: 'session',
			event: {
				type: 'session-started',
				sessionId: 3,
				pid: 300,
				protocol: 'udp',
				remote: {address: '127.0.0.1', port: 9},
			},
		});
		store.apply({
			type: 'session',
			event: {
				type: 'session-report',
				sessionId: 3,
				report: {type: 'state', state: 'connected', local: {address: '127.0.0.1', port: 5555}},
			},
		});
		store.apply({
			type: 'session',
			event: {type: 'session-report', sessionId: 3, report: {type: 'sent', id: 1, requestBase64: b64('hello'), at: 0}},
		});
		store.apply({
			type: 'session',
			event: {
				type: 'session-report',
				sessionId: 3,
				report: {type: 'reply', id: 1, replyBase64: b64('HELLO'), rttMs: 0.42, at: 1},
			},
		});
		store.apply({type: 'session', event: {type: 'session-exited', sessionId: 3, code: 0, signal: null}});
		store.flush();
		const session = store.getSnapshot().sessions[0]!;
		expect(session).toMatchObject({
			sessionId: 3,
			pid: 300,
			state: 'exited',
			exit: {code: 0, signal: null},
			sent: 1,
			replies: 1,
			lastRttMs: 0.42,
			local: {port: 5555},
		});
		expect(session.conversation.map((entry) => [entry.kind, entry.text, entry.rttMs])).toEqual([
			['sent', 'hello', undefined],
			['reply', 'HELLO', 0.42],
		]);
	});

	it('renders hostile payloads as visible escapes in the log and the conversation', () => {
		const hostile = '\u001B]0;pwned\u0007\u001B]52;c;Zm9v\u0007\u001B[2J\u001B[10;10H';
		store.apply({
			type: 'server',
			event: {type: 'message-in', protocol: 'tcp', connectionId: 'c', peer, bytes: bytes(hostile)},
		});
		store.apply({
			type: 'session',
			event: {type: 'session-started', sessionId: 1, pid: 1, protocol: 'tcp', remote: peer},
		});
		store.apply({
			type: 'session',
			event: {
				type: 'session-report',
				sessionId: 1,
				report: {type: 'reply', id: 1, replyBase64: b64(hostile), rttMs: 1, at: 1},
			},
		});
		store.apply({
			type: 'session',
			event: {type: 'session-report', sessionId: 1, report: {type: 'error', message: hostile}},
		});
		store.apply({type: 'notice', level: 'warn', notice: {code: 'watchFailed', params: {detail: hostile}}});
		store.flush();
		const snapshot = store.getSnapshot();
		const all = JSON.stringify(snapshot);
		expect(all).not.toMatch(/\\u001b|\\u0007/i);
		expect(snapshot.serverLog[0]!.text).toContain('\\e]0;pwned');
	});

	it('bounds the server log and the conversation', () => {
		const small = new DashboardStore({logEntries: 5, conversationEntries: 3});
		for (let index = 0; index < 50; index++) {
			small.apply({
				type: 'server',
				event: {type: 'message-in', protocol: 'udp', connectionId: 'u', peer, bytes: bytes(`m${index}`)},
			});
		}

		small.apply({
			type: 'session',
			event: {type: 'session-started', sessionId: 1, pid: 1, protocol: 'tcp', remote: peer},
		});
		for (let index = 0; index < 10; index++) {
			small.apply({
				type: 'session',
				event: {
					type: 'session-report',
					sessionId: 1,
					report: {type: 'sent', id: index, requestBase64: b64(`s${index}`), at: 0},
				},
			});
		}

		small.flush();
		expect(small.getSnapshot().serverLog.map((entry) => entry.text)).toEqual(['m45', 'm46', 'm47', 'm48', 'm49']);
		expect(small.getSnapshot().sessions[0]!.conversation.map((entry) => entry.text)).toEqual(['s7', 's8', 's9']);
		small.dispose();
	});

	it('computes per-second rates from the counters', () => {
		store.apply({type: 'server', event: {type: 'listening', protocol: 'tcp', local: peer}});
		vi.advanceTimersByTime(1000);
		for (let index = 0; index < 30; index++) {
			store.apply({
				type: 'server',
				event: {type: 'message-out', protocol: 'tcp', connectionId: 'c', peer, bytes: bytes('AB')},
			});
		}

		// One more millisecond: a publish scheduled by the rate sample itself runs just after it.
		vi.advanceTimersByTime(1001);
		expect(store.getSnapshot().servers[0]!.rates).toEqual({
			messagesInPerSec: 0,
			messagesOutPerSec: 30,
			bytesInPerSec: 0,
			bytesOutPerSec: 60,
		});
	});

	it('drops the oldest exited sessions past the cap and dismisses on request', () => {
		const small = new DashboardStore({maxSessions: 2});
		for (const id of [1, 2, 3]) {
			small.apply({
				type: 'session',
				event: {type: 'session-started', sessionId: id, pid: id, protocol: 'tcp', remote: peer},
			});
			if (id === 1)
				small.apply({type: 'session', event: {type: 'session-exited', sessionId: 1, code: null, signal: 'SIGTERM'}});
		}

		small.flush();
		expect(small.getSnapshot().sessions.map((session) => session.sessionId)).toEqual([2, 3]);
		small.apply({type: 'session-dismissed', sessionId: 2});
		small.flush();
		expect(small.getSnapshot().sessions.map((session) => session.sessionId)).toEqual([3]);
		small.dispose();
	});

	it("keeps the demo processes' total memory, and publishes only when it changes", () => {
		const listener = vi.fn();
		store.subscribe(listener);
		const memory = (rssBytes: number, pssBytes: number, processes: number) => ({
			rssBytes,
			pssBytes,
			sharedBytes: rssBytes - pssBytes,
			processes,
			pssMissing: 0,
			each: [],
		});
		store.apply({type: 'demo-memory', view: memory(142e6, 61e6, 3)});
		store.flush();
		expect(store.getSnapshot().demoMemory).toEqual(memory(142e6, 61e6, 3));
		expect(listener).toHaveBeenCalledTimes(1);
		store.apply({type: 'demo-memory', view: memory(142e6, 61e6, 3)});
		store.flush();
		expect(listener).toHaveBeenCalledTimes(1);
		store.apply({type: 'demo-memory', view: memory(142e6, 62e6, 3)});
		store.flush();
		expect(store.getSnapshot().demoMemory).toEqual(memory(142e6, 62e6, 3));
	});
	it('keeps how a two-message send came back (reads, sizes, lines) as figures, and each TCP read with its line ends', () => {
		store.apply({
			type: 'session',
			event: {
				type: 'session-started',
				sessionId: 5,
				pid: 500,
				protocol: 'tcp',
				remote: {address: '127.0.0.1', port: 9},
			},
		});
		store.apply({
			type: 'session',
			event: {
				type: 'session-report',
				sessionId: 5,
				report: {type: 'reads', id: 1, writes: 1, reads: 1, readSizes: [12], lines: 2},
			},
		});
		store.apply({
			type: 'server',
			event: {
				type: 'message-in',
				protocol: 'tcp',
				connectionId: 'c',
				peer,
				bytes: bytes('hello\nworld\n'),
				read: {byteCount: 12, lines: 2, lineEnds: [6, 12]},
			},
		});
		store.flush();
		const snapshot = store.getSnapshot();
		expect(snapshot.sessions[0]!.conversation.at(-1)).toMatchObject({
			kind: 'reads',
			reads: {writes: 1, reads: 1, readSizes: [12], lines: 2},
		});
		expect(snapshot.sessions[0]!.lastPair).toEqual({writes: 1, reads: 1, readSizes: [12], lines: 2});
		expect(snapshot.serverLog.at(-1)).toMatchObject({kind: 'in', read: {byteCount: 12, lines: 2, lineEnds: [6, 12]}});
	});
});
