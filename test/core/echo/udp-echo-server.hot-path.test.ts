// The UDP server's hot path for a busy peer (issue 14): the one-pass uppercase with loop fingerprints and
// the peer cache by source port must answer exactly as before, with and without message listeners.
import dgram from 'node:dgram';
import {randomBytes} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {defaults} from '../../../source/core/defaults.js';
import type {EchoServerEvent} from '../../../source/core/echo/types.js';
import {UdpEchoServer} from '../../../source/core/echo/udp-echo-server.js';
import {echoKit, referenceUpper, udpExchange as roundTrip, waitFor} from './echo-test-kit.js';

const kit = echoKit();

describe('UDP echo server: the hot path of a busy peer', () => {
	it.each([false, true])(
		'answers every datagram of a peer watched for loops exactly (message listeners: %s)',
		async (listening) => {
			const server = await kit.start('udp');
			const events: EchoServerEvent[] = [];
			if (listening) server.subscribe((event) => events.push(event));
			const socket = await kit.boundUdpSocket();
			// Past `loopMatches` datagrams in this second, the peer is watched (fingerprinted) from here on.
			for (let index = 0; index <= defaults.loopMatches; index++)
				expect((await roundTrip(socket, server.local.port, Buffer.from(`warm ${index}`))).toString()).toBe(
					`WARM ${index}`,
				);
			const payloads = [
				Buffer.from('the quick brown fox'),
				Buffer.alloc(0),
				Buffer.from('a'.repeat(64)),
				Buffer.concat([Buffer.from('head-abc '), randomBytes(100), Buffer.from(' tail-xyz')]),
				randomBytes(1500),
				Buffer.from('z'.repeat(defaults.maxDatagramBytes)),
			];
			for (const payload of payloads) {
				const original = Buffer.from(payload);
				const reply = await roundTrip(socket, server.local.port, payload);
				expect(reply.equals(referenceUpper(original))).toBe(true);
				if (!listening) continue;
				const messageIn = [...events].reverse().find((event) => event.type === 'message-in');
				const messageOut = [...events].reverse().find((event) => event.type === 'message-out');
				// The listener keeps the request as it came, and the reply as it went.
				expect(messageIn?.type === 'message-in' && Buffer.from(messageIn.bytes).equals(original)).toBe(true);
				expect(messageOut?.type === 'message-out' && Buffer.from(messageOut.bytes).equals(reply)).toBe(true);
			}

			expect(server.stats().guards.loopsSuspected).toBe(0);
		},
	);

	it.each([false, true])(
		'mutes a peer that sends every reply straight back, an echo loop (message listeners: %s)',
		async (listening) => {
			const server = await kit.start('udp');
			const muted: EchoServerEvent[] = [];
			server.subscribe(
				(event) => {
					if (event.type === 'peer-muted') muted.push(event);
				},
				{messages: listening},
			);
			const socket = await kit.boundUdpSocket();
			let bounced = 0;
			// Bounded: at most 20,000 bounces, and the wait below gives up after 10 s.
			socket.on('message', (reply) => {
				if (muted.length > 0 || bounced >= 20_000) return;
				bounced += 1;
				socket.send(reply, server.local.port, '127.0.0.1');
			});
			socket.send('PING PONG', server.local.port, '127.0.0.1');
			await waitFor(() => muted.length > 0, 'the loop guard to mute the peer');
			expect(server.stats().guards.loopsSuspected).toBe(1);
		},
	);

	it('a peer forgotten at the tracking cap is a new peer when it comes back', async () => {
		const socket = dgram.createSocket('udp4');
		await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
		const server = new UdpEchoServer(
			socket,
			{address: '127.0.0.1', port: socket.address().port},
			{
				replyDelayMs: 0,
				maxPendingReplies: 16,
				maxTrackedPeers: 2,
				maxDatagramBytes: defaults.maxDatagramBytes,
				allowLowPorts: false,
				peerRate: 0,
				loopGuard: true,
				loopMuteMs: 1000,
				loopWindowMs: defaults.loopWindowMs,
				loopMatches: defaults.loopMatches,
				loopWindows: defaults.loopWindows,
				models: {model: 'event-loop', handlerCpuMs: 0, pool: 0, maxThreads: 1, maxProcesses: 1, spawn: {}},
			},
		);
		kit.onCleanup(async () => server.close());
		const [first, second, third] = [await kit.boundUdpSocket(), await kit.boundUdpSocket(), await kit.boundUdpSocket()];
		for (const peer of [first, second, third, first])
			expect((await roundTrip(peer, server.local.port, Buffer.from('hi'))).toString()).toBe('HI');
		// The third evicted the first; back again, the first is counted anew (its old counters are gone).
		expect(server.stats().totalConnections).toBe(4);
		const tracked = server.connections();
		expect(tracked.map((connection) => connection.peer.port).sort()).toEqual(
			[third.address().port, first.address().port].sort(),
		);
		expect(tracked.find((connection) => connection.peer.port === first.address().port)?.counters.messagesIn).toBe(1);
		await waitFor(() => server.stats().messagesOut === 4, 'every reply counted');
	});
});
