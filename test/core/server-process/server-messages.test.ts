import {describe, expect, it} from 'vitest';
import {newGuardStats} from '../../../source/core/echo/counters.js';
import {quietModelStats} from '../../../source/core/echo/server-model.js';
import type {EchoServerStats} from '../../../source/core/echo/types.js';
import {ServerBatcher} from '../../../source/core/server-process/server-batcher.js';
import {
	maxBatchLines,
	maxLogPayloadBytes,
	parseServerChildCommand,
	parseServerChildMessage,
	parseServerChildOptions,
} from '../../../source/core/server-process/server-messages.js';

const local = {address: '127.0.0.1', port: 8082};
const peer = {address: '127.0.0.1', port: 40_000};

function stats(protocol: 'tcp' | 'udp', extra: Record<string, unknown> = {}): EchoServerStats {
	return {
		protocol,
		local,
		bytesIn: 1,
		bytesOut: 1,
		messagesIn: 1,
		messagesOut: 1,
		activeConnections: 0,
		totalConnections: 0,
		refusedConnections: 0,
		droppedMessages: 0,
		pausedConnections: 0,
		guards: newGuardStats(),
		models: quietModelStats(),
		...extra,
	};
}

describe('server process messages', () => {
	it('carries the guards: counters, kernel drops, mutes, guard drops and idle closes survive the trip', () => {
		const batcher = new ServerBatcher();
		batcher.add({type: 'peer-muted', protocol: 'udp', peer, reason: 'loop', forMs: 10_000});
		batcher.add({type: 'dropped', protocol: 'udp', peer, byteCount: 5, reason: 'own-address', unreported: 7});
		batcher.add({
			type: 'connection-closed',
			protocol: 'tcp',
			connectionId: 'c1',
			peer,
			reason: 'evicted',
			idleMs: 31_000,
			counters: {bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0, firstSeen: 1, lastSeen: 2},
		});
		const udp = stats('udp', {kernelDrops: {count: 2908}});
		udp.guards.loopsSuspected = 1;
		const tcp = stats('tcp', {kernelDrops: {unavailable: 'no /proc/net/udp'}});
		const parsed = parseServerChildMessage(JSON.parse(JSON.stringify(batcher.take([tcp, udp]))));
		expect(parsed?.type).toBe('batch');
		if (parsed?.type !== 'batch') return;
		expect(parsed.stats).toEqual([tcp, udp]);
		expect(parsed.events).toEqual([
			{type: 'peer-muted', protocol: 'udp', peer, reason: 'loop', forMs: 10_000},
			{type: 'dropped', protocol: 'udp', peer, byteCount: 5, reason: 'own-address', unreported: 7},
			expect.objectContaining({type: 'connection-closed', reason: 'evicted', idleMs: 31_000}),
		]);
		// Stats without guard counters, or with a malformed kernel-drops field, spoil the batch.
		const {guards: _guards, ...bare} = stats('udp');
		expect(
			parseServerChildMessage({type: 'batch', seq: 9, stats: [bare], events: [], notShown: {tcp: 0, udp: 0}}),
		).toBeUndefined();
		expect(
			parseServerChildMessage({
				type: 'batch',
				seq: 9,
				stats: [stats('udp', {kernelDrops: {count: -1}})],
				events: [],
				notShown: {tcp: 0, udp: 0},
			}),
		).toBeUndefined();
	});

	it('keeps at most 20 lines a batch and counts the rest per protocol, payloads cut and as base64', () => {
		const batcher = new ServerBatcher();
		expect(batcher.pending).toBe(false);
		const big = new Uint8Array(10_000).fill(0x61);
		for (let index = 0; index < 30; index++)
			batcher.add({type: 'message-in', protocol: 'udp', connectionId: 'udp:x', peer, bytes: big});
		for (let index = 0; index < 5; index++)
			batcher.add({type: 'connection-opened', protocol: 'tcp', connectionId: `c${index}`, peer});
		const batch = batcher.take([stats('tcp'), stats('udp')]);
		expect(batch.events).toHaveLength(maxBatchLines);
		expect(batch.notShown).toEqual({tcp: 5, udp: 10});
		expect(batch.events[0]).toMatchObject({type: 'message-in', byteCount: 10_000});
		const parsed = parseServerChildMessage(JSON.parse(JSON.stringify(batch)));
		expect(parsed?.type).toBe('batch');
		const first = parsed?.type === 'batch' ? parsed.events[0] : undefined;
		expect(first?.type === 'message-in' && first.bytes.length).toBe(maxLogPayloadBytes);
		// The next batch starts afresh.
		expect(batcher.pending).toBe(false);
		expect(batcher.take([]).seq).toBe(batch.seq + 1);
	});

	it('drops malformed messages from the child, and never copies odd stats fields', () => {
		const garbage: unknown[] = [
			null,
			'ready',
			[],
			{type: 'ready', pid: 0, port: 1, local: {tcp: {...local, port: 1}, udp: {...local, port: 1}}},
			{type: 'ready', pid: 5, port: 8082, local: {tcp: local, udp: {...local, port: 9}}},
			{type: 'error', kind: 'NotAKind', message: 'x'},
			{type: 'error', kind: 'PortInUse', message: 'x'.repeat(10_000)},
			{
				type: 'batch',
				seq: 1,
				stats: [],
				events: Array.from({length: maxBatchLines + 1}, () => ({type: 'error', protocol: 'tcp', message: 'x'})),
				notShown: {tcp: 0, udp: 0},
			},
			{
				type: 'batch',
				seq: 1,
				stats: [],
				events: [{type: 'message-in', protocol: 'udp', connectionId: 'x', peer, bytesBase64: '%%%%', byteCount: 3}],
				notShown: {tcp: 0, udp: 0},
			},
			{type: 'batch', seq: 1, stats: [{...stats('tcp'), messagesIn: -1}], events: [], notShown: {tcp: 0, udp: 0}},
			{type: 'batch', seq: 1, stats: [], events: [], notShown: {tcp: 1.5, udp: 0}},
			{
				type: 'batch',
				seq: 1,
				stats: [],
				events: [{type: 'listening', protocol: 'tcp', local}],
				notShown: {tcp: 0, udp: 0},
			},
		];
		for (const message of garbage) expect(parseServerChildMessage(message)).toBeUndefined();

		const parsed = parseServerChildMessage({
			type: 'batch',
			seq: 2,
			stats: [stats('udp', {bufferedBytes: 7, guardDrops: 3, note: 'text', nested: {a: 1}})],
			events: [],
			notShown: {tcp: 0, udp: 0},
		});
		expect(parsed?.type === 'batch' && parsed.stats[0]).toEqual({...stats('udp'), bufferedBytes: 7, guardDrops: 3});
		expect(parseServerChildMessage({type: 'error', kind: 'PortInUse', message: 'port 1 is already in use'})).toEqual({
			type: 'error',
			kind: 'PortInUse',
			message: 'port 1 is already in use',
		});
	});

	it('checks commands and options, passing unknown server options through', () => {
		expect(parseServerChildCommand({type: 'set-reply-delay', ms: 50})).toEqual({type: 'set-reply-delay', ms: 50});
		expect(parseServerChildCommand({type: 'set-reply-delay', ms: 'x'})).toBeUndefined();
		expect(parseServerChildCommand({type: 'shutdown', extra: 1})).toEqual({type: 'shutdown'});
		expect(parseServerChildOptions('{"host":"127.0.0.1","port":0,"maxTcpConnections":3,"futureGuard":9}')).toEqual({
			host: '127.0.0.1',
			port: 0,
			maxTcpConnections: 3,
			futureGuard: 9,
		});
		expect(parseServerChildOptions('{"host":"127.0.0.1","port":70000}')).toBeUndefined();
		expect(parseServerChildOptions('not json')).toBeUndefined();
		expect(parseServerChildOptions('{"port":1}')).toBeUndefined();
	});
});
