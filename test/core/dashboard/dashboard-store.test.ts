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

	it('getSnapshot() shows each event at once; only the notifications wait, at most once per frame', () => {
		const listener = vi.fn();
		store.subscribe(listener);
		vi.advanceTimersByTime(5000);
		expect(listener).not.toHaveBeenCalled();

		store.apply({
			type: 'server',
			event: {type: 'listening', protocol: 'tcp', local: {address: '127.0.0.1', port: 8082}},
		});
		expect(store.getSnapshot().servers[0]).toMatchObject({protocol: 'tcp', state: 'listening'});
		vi.advanceTimersByTime(0);
		expect(listener).toHaveBeenCalledTimes(1);

		for (let index = 0; index < 1000; index++) {
			store.apply({
				type: 'server',
				event: {type: 'message-in', protocol: 'tcp', connectionId: 'c1', peer, bytes: bytes('hello')},
			});
			if (index === 499) expect(store.getSnapshot().servers[0]).toMatchObject({messagesIn: 500, bytesIn: 2500});
		}

		expect(store.getSnapshot().servers[0]).toMatchObject({messagesIn: 1000, bytesIn: 5000});
		expect(store.getSnapshot().serverLog.at(-1)).toMatchObject({kind: 'in', text: 'hello'});
		expect(listener).toHaveBeenCalledTimes(1);
		vi.advanceTimersByTime(100);
		expect(listener).toHaveBeenCalledTimes(2);
		vi.advanceTimersByTime(250);
		// The rate sampler ran once (rate now known) but no more notifications without changes beyond that.
		const calls = listener.mock.calls.length;
		vi.advanceTimersByTime(3000);
		expect(listener.mock.calls.length).toBeLessThanOrEqual(calls + 2);
	});

	it('builds one snapshot for many events between two reads, and the same object until the next change', () => {
		const first = store.getSnapshot();
		expect(store.getSnapshot()).toBe(first);
		for (let index = 0; index < 100; index++) {
			store.apply({
				type: 'server',
				event: {type: 'message-out', protocol: 'udp', connectionId: 'u', peer, bytes: bytes('HI')},
			});
		}

		const second = store.getSnapshot();
		expect(second.seq).toBe(first.seq + 1);
		expect(store.getSnapshot()).toBe(second);
		expect(Object.isFrozen(second)).toBe(true);
		expect(Object.isFrozen(second.servers[0])).toBe(true);
		// An event that changes nothing visible keeps the snapshot.
		store.apply({type: 'server-log-skipped', protocol: 'udp', count: 0});
		expect(store.getSnapshot()).toBe(second);
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
});
