import {describe, expect, it} from 'vitest';
import {SessionsSlice} from '../../../../source/core/dashboard/store/sessions-slice.js';
import type {StoreEvent} from '../../../../source/core/dashboard/store-event.js';
import type {SessionReport} from '../../../../source/core/sessions/types.js';

const peer = {address: '127.0.0.1', port: 9};
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const slice = (options: Partial<ConstructorParameters<typeof SessionsSlice>[0]> = {}) =>
	new SessionsSlice({conversationEntries: 50, maxSessions: 12, ...options});
const started = (sessionId: number, protocol: 'tcp' | 'udp' = 'tcp'): StoreEvent => ({
	type: 'session',
	event: {type: 'session-started', sessionId, pid: sessionId * 100, protocol, remote: peer},
});
const report = (sessionId: number, body: SessionReport): StoreEvent => ({
	type: 'session',
	event: {type: 'session-report', sessionId, report: body},
});

describe('SessionsSlice', () => {
	it('folds a conversation with RTTs and an exit', () => {
		const sessions = slice();
		sessions.fold(started(3, 'udp'), 0);
		sessions.fold(report(3, {type: 'state', state: 'connected', local: {address: '127.0.0.1', port: 5555}}), 0);
		sessions.fold(report(3, {type: 'sent', id: 1, requestBase64: b64('hello'), at: 0}), 0);
		sessions.fold(report(3, {type: 'reply', id: 1, replyBase64: b64('HELLO'), rttMs: 0.42, at: 1}), 0);
		sessions.fold({type: 'session', event: {type: 'session-exited', sessionId: 3, code: 0, signal: null}}, 0);
		const session = sessions.view()[0]!;
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

	it('remembers when a session entered its state (a TCP wait for a reply grows on screen from it)', () => {
		const sessions = slice();
		sessions.fold(started(4), 0);
		sessions.fold(report(4, {type: 'state', state: 'connected'}), 1000);
		sessions.fold(report(4, {type: 'state', state: 'waiting'}), 2000);
		// The same state again is not a new wait.
		sessions.fold(report(4, {type: 'state', state: 'waiting'}), 2500);
		expect(sessions.view()[0]).toMatchObject({state: 'waiting', stateSince: 2000});
	});

	it('marks closing at once, not on an exited session, and an exit ends it', () => {
		const sessions = slice();
		sessions.fold(started(1), 0);
		expect(sessions.fold({type: 'session-closing', sessionId: 1}, 0)).toBe(true);
		expect(sessions.view()[0]!.closing).toBe(true);
		// Asked again: nothing changes, the view stays the same object.
		const view = sessions.view();
		expect(sessions.fold({type: 'session-closing', sessionId: 1}, 0)).toBe(false);
		expect(sessions.view()).toBe(view);
		sessions.fold({type: 'session', event: {type: 'session-exited', sessionId: 1, code: 0, signal: null}}, 0);
		expect(sessions.view()[0]).toMatchObject({state: 'exited', closing: false});
		expect(sessions.fold({type: 'session-closing', sessionId: 1}, 0)).toBe(false);
		expect(sessions.fold({type: 'session-closing', sessionId: 9}, 0)).toBe(false);
	});

	it('sets auto mode and the pinned CPU, and rebuilds only the session that changed', () => {
		const sessions = slice();
		sessions.fold(started(1), 0);
		sessions.fold(started(2), 0);
		const [one, two] = sessions.view();
		sessions.fold({type: 'auto-set', sessionId: 2, auto: {enabled: true, intervalMs: 200, burstMs: 0}}, 0);
		sessions.fold({type: 'session-pinned', sessionId: 2, cpu: 1}, 0);
		const after = sessions.view();
		expect(after[0]).toBe(one);
		expect(after[1]).not.toBe(two);
		expect(after[1]).toMatchObject({auto: {enabled: true, intervalMs: 200}, pinnedCpu: 1});
		expect(sessions.fold({type: 'session-pinned', sessionId: 2, cpu: 1}, 0)).toBe(false);
		sessions.fold({type: 'session-pinned', sessionId: 2, cpu: undefined}, 0);
		expect(sessions.view()[1]!.pinnedCpu).toBeUndefined();
	});

	it('keeps how a two-message send came back (reads, sizes, lines) as figures', () => {
		const sessions = slice();
		sessions.fold(started(5), 0);
		sessions.fold(report(5, {type: 'reads', id: 1, writes: 1, reads: 1, readSizes: [12], lines: 2}), 0);
		const session = sessions.view()[0]!;
		expect(session.conversation.at(-1)).toMatchObject({
			kind: 'reads',
			reads: {writes: 1, reads: 1, readSizes: [12], lines: 2},
		});
		expect(session.lastPair).toEqual({writes: 1, reads: 1, readSizes: [12], lines: 2});
	});

	it('bounds the conversation and the sessions (the oldest exited go first), and dismisses on request', () => {
		const sessions = slice({conversationEntries: 3, maxSessions: 2});
		sessions.fold(started(1), 0);
		for (let index = 0; index < 10; index++)
			sessions.fold(report(1, {type: 'sent', id: index, requestBase64: b64(`s${index}`), at: 0}), 0);
		expect(sessions.view()[0]!.conversation.map((entry) => entry.text)).toEqual(['s7', 's8', 's9']);
		sessions.fold({type: 'session', event: {type: 'session-exited', sessionId: 1, code: null, signal: 'SIGTERM'}}, 0);
		sessions.fold(started(2), 0);
		sessions.fold(started(3), 0);
		expect(sessions.view().map((session) => session.sessionId)).toEqual([2, 3]);
		sessions.fold({type: 'session-dismissed', sessionId: 2}, 0);
		expect(sessions.view().map((session) => session.sessionId)).toEqual([3]);
		expect(sessions.fold({type: 'session-dismissed', sessionId: 2}, 0)).toBe(false);
	});

	it('ignores what is not about sessions', () => {
		expect(slice().fold({type: 'server-starting', protocol: 'tcp'}, 0)).toBe(false);
	});
});
