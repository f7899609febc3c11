import {randomBytes} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {startEchoServer} from '../../../source/core/echo/start-echo-server.js';
import type {EchoServer, EchoServerEvent} from '../../../source/core/echo/types.js';
import {defaults} from '../../../source/core/defaults.js';
import {isSocktuiError} from '../../../source/core/errors.js';
import {referenceUpper, udpRoundTrip, waitFor, echoKit} from './echo-test-kit.js';

const kit = echoKit();

describe('UDP echo server: protocol', () => {
	it.each([
		['text', Buffer.from('hello world')],
		['an empty datagram (empty reply)', Buffer.alloc(0)],
		['NUL bytes', Buffer.from([0, 0x61, 0, 0x7a])],
		['invalid UTF-8', Buffer.from([0xff, 0xc3, 0x28, 0x71])],
		['multi-byte UTF-8', Buffer.from('ärger 中文 😀 xyz')],
		['binary', randomBytes(1500)],
		['the largest datagram (65,507 bytes)', randomBytes(defaults.maxDatagramBytes)],
	])('echoes %s as one datagram with only a-z uppercased', async (_name, payload) => {
		const server = await kit.start('udp');
		const reply = await udpRoundTrip(server.local.port, payload);
		expect(reply.equals(referenceUpper(payload))).toBe(true);
	});

	it('replies to each sender at its own address and port', async () => {
		const server = await kit.start('udp');
		const replies = await Promise.all(
			Array.from({length: 20}, async (_, index) => udpRoundTrip(server.local.port, Buffer.from(`peer ${index}`))),
		);
		expect(replies.map(String)).toEqual(Array.from({length: 20}, (_, index) => `PEER ${index}`));
		await waitFor(() => server.stats().messagesOut === 20, 'twenty replies counted');
		expect(server.stats()).toMatchObject({totalConnections: 20, activeConnections: 20, messagesIn: 20});
		expect(server.connections()).toHaveLength(20);
	});

	it('reports message in/out events with bytes and per-peer counters', async () => {
		const server = await kit.start('udp');
		const events: EchoServerEvent[] = [];
		server.subscribe((event) => events.push(event));
		await udpRoundTrip(server.local.port, Buffer.from('abc'));
		await waitFor(() => events.length === 2, 'two events');
		const [messageIn, messageOut] = events as Array<Extract<EchoServerEvent, {type: 'message-in'}>>;
		expect(messageIn!.type).toBe('message-in');
		expect(Buffer.from(messageIn!.bytes).toString()).toBe('abc');
		expect(messageOut!.type).toBe('message-out');
		expect(Buffer.from(messageOut!.bytes).toString()).toBe('ABC');
		expect(messageIn!.connectionId).toBe(`udp:127.0.0.1:${messageIn!.peer.port}`);
		const [connection] = server.connections();
		expect(connection!.counters).toMatchObject({bytesIn: 3, bytesOut: 3, messagesIn: 1, messagesOut: 1});
	});

	it('drops and counts a datagram larger than 65,507 bytes (possible over IPv6)', async () => {
		let server: EchoServer;
		try {
			server = await kit.start('udp', {host: '::1'});
		} catch (error: unknown) {
			console.log(`skipped: no IPv6 loopback here (${String(error)})`);
			return;
		}

		const dropped: EchoServerEvent[] = [];
		server.subscribe((event) => event.type === 'dropped' && dropped.push(event));
		const socket = kit.udpSocket('udp6');
		socket.send(Buffer.alloc(defaults.maxDatagramBytes + 1, 0x61), server.local.port, '::1');
		await waitFor(() => server.stats().droppedMessages === 1, 'the drop to be counted');
		expect(dropped[0]).toMatchObject({reason: 'too-large', byteCount: defaults.maxDatagramBytes + 1});
		expect(server.stats().messagesOut).toBe(0);
	});

	it('rejects with PortInUse when the port is taken', async () => {
		const first = await kit.start('udp');
		const error = await startEchoServer('udp', {host: '127.0.0.1', port: first.local.port}).catch(
			(caught: unknown) => caught,
		);
		expect(isSocktuiError(error) && error.kind).toBe('PortInUse');
		expect((error as Error).message).toContain('udp');
	});
});

describe('UDP echo server: floods and the reply delay', () => {
	it('drops and counts a flood beyond the pending-reply cap instead of queueing it', async () => {
		// With a long reply delay every reply is held, so the cap is reached deterministically.
		const server = await kit.start('udp', {replyDelayMs: 60_000});
		const dropped: EchoServerEvent[] = [];
		server.subscribe((event) => event.type === 'dropped' && dropped.push(event));
		const socket = kit.udpSocket();
		const flood = defaults.udpMaxPendingReplies + 200;
		let sent = 0;
		// Bounded: `flood` datagrams, a few at a time so the loopback socket buffer does not overflow.
		while (sent < flood) {
			await new Promise<void>((resolve, reject) =>
				socket.send(Buffer.from(`m${sent}`), server.local.port, '127.0.0.1', (error) =>
					error ? reject(error) : resolve(),
				),
			);
			sent += 1;
			if (sent % 64 === 0)
				await waitFor(
					() => server.stats().messagesIn + server.stats().droppedMessages >= sent - 64,
					'the server to catch up',
				);
		}

		await waitFor(() => server.stats().messagesIn + server.stats().droppedMessages === flood, 'every datagram counted');
		const stats = server.stats();
		expect(stats.messagesIn).toBe(defaults.udpMaxPendingReplies);
		expect(stats.droppedMessages).toBe(200);
		expect(dropped[0]).toMatchObject({type: 'dropped', protocol: 'udp', reason: 'overload'});
	});

	it('holds replies for the delay and keeps their order', async () => {
		const server = await kit.start('udp', {replyDelayMs: 40});
		const socket = kit.udpSocket();
		const replies: string[] = [];
		socket.on('message', (message) => replies.push(message.toString()));
		for (let index = 0; index < 10; index++) socket.send(`m${index}`, server.local.port, '127.0.0.1');
		await waitFor(() => server.stats().messagesIn >= 3, 'a few datagrams in');
		server.setReplyDelay(0);
		await waitFor(() => replies.length === 10, 'ten replies');
		expect(replies).toEqual(Array.from({length: 10}, (_, index) => `M${index}`));
	});
});
