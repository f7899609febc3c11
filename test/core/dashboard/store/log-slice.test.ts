import {describe, expect, it} from 'vitest';
import {LogSlice} from '../../../../source/core/dashboard/store/log-slice.js';
import type {StoreEvent} from '../../../../source/core/dashboard/store-event.js';

const peer = {address: '127.0.0.1', port: 40_000};
const counters = {bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0, firstSeen: 0, lastSeen: 0};
const bytes = (text: string) => Buffer.from(text, 'utf8');
const messageIn = (text: string): StoreEvent => ({
	type: 'server',
	event: {type: 'message-in', protocol: 'udp', connectionId: 'u', peer, bytes: bytes(text)},
});

describe('LogSlice', () => {
	it('keeps the last lines only, oldest first, and makes their text safe when shown', () => {
		const log = new LogSlice({entries: 5});
		for (let index = 0; index < 50; index++) log.fold(messageIn(`m${index}`), index);
		expect(log.view().map((entry) => entry.text)).toEqual(['m45', 'm46', 'm47', 'm48', 'm49']);
		expect(log.view()[0]).toMatchObject({at: 45, protocol: 'udp', peer: '127.0.0.1:40000', kind: 'in'});
		log.fold(messageIn('\u001B[2J'), 50);
		expect(log.view().at(-1)!.text).toBe('\\e[2J');
	});

	it('returns the same array until a line is added, and reuses the lines it already built', () => {
		const log = new LogSlice({entries: 10});
		log.fold(messageIn('a'), 0);
		const first = log.view();
		expect(log.view()).toBe(first);
		expect(log.fold({type: 'server', event: {type: 'listening', protocol: 'udp', local: peer}}, 0)).toBe(false);
		expect(log.view()).toBe(first);
		log.fold(messageIn('b'), 1);
		const second = log.view();
		expect(second).not.toBe(first);
		expect(second[0]).toBe(first[0]);
		expect(Object.isFrozen(second)).toBe(true);
	});

	it('words what is not a payload as a note: opened, closed, refused, dropped, muted, errors, skipped lines', () => {
		const log = new LogSlice({entries: 20});
		const server = (event: Extract<StoreEvent, {type: 'server'}>['event']) => log.fold({type: 'server', event}, 0);
		server({type: 'connection-opened', protocol: 'tcp', connectionId: 'c', peer});
		server({type: 'connection-closed', protocol: 'tcp', connectionId: 'c', peer, reason: 'end', counters});
		server({type: 'dropped', protocol: 'udp', peer, byteCount: 9000, reason: 'too-large'});
		server({type: 'peer-muted', protocol: 'udp', peer, reason: 'loop', forMs: 30_000});
		server({type: 'error', protocol: 'udp', message: 'EADDRINUSE \u001B[31m'});
		expect(log.fold({type: 'server-log-skipped', protocol: 'udp', count: 0}, 0)).toBe(false);
		log.fold({type: 'server-log-skipped', protocol: 'udp', count: 12}, 0);
		expect(log.view().map((entry) => [entry.kind, entry.note])).toEqual([
			['open', undefined],
			['close', {code: 'closed', reason: 'end'}],
			['dropped', {code: 'dropped', bytes: 9000, reason: 'too-large'}],
			['dropped', {code: 'muted', seconds: 30}],
			['error', {code: 'error', detail: 'EADDRINUSE \\e[31m'}],
			['skipped', {code: 'skipped', count: 12}],
		]);
	});

	it('keeps a TCP read with its line ends', () => {
		const log = new LogSlice({entries: 5});
		log.fold(
			{
				type: 'server',
				event: {
					type: 'message-in',
					protocol: 'tcp',
					connectionId: 'c',
					peer,
					bytes: bytes('hello\nworld\n'),
					read: {byteCount: 12, lines: 2, lineEnds: [6, 12]},
				},
			},
			0,
		);
		expect(log.view().at(-1)).toMatchObject({kind: 'in', read: {byteCount: 12, lines: 2, lineEnds: [6, 12]}});
	});
});
