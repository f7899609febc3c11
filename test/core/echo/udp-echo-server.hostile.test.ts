// Forged datagrams against the UDP echo server (issue 9): each attack is real, over loopback, with raw
// sockets (root and python3 needed: skipped with the reason printed otherwise).
import {describe, expect, it} from 'vitest';
import type {EchoServer, EchoServerEvent} from '../../../source/core/echo/types.js';
import {forgeSkipReason, forgeUdp} from '../../helpers/forge-udp.js';
import {udpRoundTrip, waitFor, echoKit} from './echo-test-kit.js';

const kit = echoKit();

const skip = forgeSkipReason();
if (skip !== undefined) console.log(`hostile UDP tests skipped: ${skip}`);

async function servesNormalClient(server: EchoServer): Promise<void> {
	expect((await udpRoundTrip(server.local.port, Buffer.from('still here'))).toString()).toBe('STILL HERE');
}

const sleep = async (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(skip !== undefined)('UDP echo server: forged datagrams', () => {
	it('a datagram from source port 0 is dropped and counted as unreplyable, and the server keeps serving', async () => {
		const server = await kit.start('udp');
		const events: EchoServerEvent[] = [];
		server.subscribe((event) => events.push(event));
		await forgeUdp({address: '127.0.0.1', port: 0}, {address: '127.0.0.1', port: server.local.port}, 'port zero', 3);
		await waitFor(() => server.stats().guards.unreplyable === 3, 'three unreplyable datagrams counted');
		await servesNormalClient(server);
		expect(server.stats()).toMatchObject({droppedMessages: 3, messagesOut: 1});
		expect(events.find((event) => event.type === 'dropped')).toMatchObject({reason: 'unreplyable', peer: {port: 0}});
	});

	it('a datagram forged with its own address and port gets no reply (no loop with itself)', async () => {
		const server = await kit.start('udp');
		const own = {address: '127.0.0.1', port: server.local.port};
		await forgeUdp(own, own, 'myself');
		await waitFor(() => server.stats().guards.ownAddress === 1, 'the forged datagram counted');
		await servesNormalClient(server);
		expect(server.stats()).toMatchObject({messagesIn: 1, messagesOut: 1});
	});

	it('bound to 0.0.0.0, a datagram from another loopback address with its own port is its own too', async () => {
		const server = await kit.start('udp', {host: '0.0.0.0'});
		await forgeUdp(
			{address: '127.0.0.2', port: server.local.port},
			{address: '127.0.0.1', port: server.local.port},
			'alias',
		);
		await forgeUdp(
			{address: '127.0.0.1', port: server.local.port},
			{address: '127.0.0.1', port: server.local.port},
			'loopback',
		);
		await waitFor(() => server.stats().guards.ownAddress === 2, 'both forged datagrams counted');
		await servesNormalClient(server);
		expect(server.stats().messagesOut).toBe(1);
	});

	it('source ports below 1024 get no reply unless allowLowPorts', async () => {
		const guarded = await kit.start('udp');
		const open = await kit.start('udp', {allowLowPorts: true});
		for (const server of [guarded, open])
			await forgeUdp({address: '127.0.0.1', port: 7}, {address: '127.0.0.1', port: server.local.port}, 'echo port');
		await waitFor(() => guarded.stats().guards.lowPort === 1, 'the low port counted');
		await waitFor(() => open.stats().messagesOut === 1, 'the reply with allowLowPorts');
		expect(guarded.stats().messagesOut).toBe(0);
		expect(open.stats().guards.lowPort).toBe(0);
	});

	it.each([
		['one forged datagram', 1],
		['50 different forged datagrams at once', 50],
	])('two servers forged into an echo loop (%s): the loop dies, both keep serving', async (_name, count) => {
		const a = await kit.start('udp');
		const b = await kit.start('udp');
		const muted: EchoServerEvent[] = [];
		for (const server of [a, b])
			server.subscribe((event) => event.type === 'peer-muted' && muted.push(event), {messages: false});
		const total = () => a.stats().messagesIn + b.stats().messagesIn;
		// Datagrams "from B" to A: A answers B, B answers A, ...
		await forgeUdp(
			{address: '127.0.0.1', port: b.local.port},
			{address: '127.0.0.1', port: a.local.port},
			'LOOP {}',
			count,
		);
		await waitFor(() => total() > 0, 'the loop to start');
		const started = performance.now();
		let last = total();
		let lastGrowth = started;
		// The loop is over once the count stops growing for half a second (bounded: 20 s).
		await waitFor(
			() => {
				const now = total();
				if (now !== last) {
					last = now;
					lastGrowth = performance.now();
				}

				return performance.now() - lastGrowth > 500;
			},
			'the loop to stop',
			20_000,
		);
		const lifetimeMs = lastGrowth - started;
		console.log(
			`echo loop between two servers from ${count} forged datagram(s): ${last} datagrams, died after ${lifetimeMs.toFixed(0)} ms`,
		);
		expect(a.stats().guards.loopsSuspected + b.stats().guards.loopsSuspected).toBeGreaterThanOrEqual(1);
		expect(muted[0]).toMatchObject({type: 'peer-muted', reason: 'loop', forMs: 10_000});
		expect(lifetimeMs).toBeLessThan(1000);
		await servesNormalClient(a);
		await servesNormalClient(b);
	});
});

describe('UDP echo server: loop guard and rate cap never hit ordinary clients', () => {
	it('the same all-caps line sent twice is answered twice', async () => {
		const server = await kit.start('udp');
		for (let round = 0; round < 2; round++)
			expect((await udpRoundTrip(server.local.port, Buffer.from('HELLO AGAIN'))).toString()).toBe('HELLO AGAIN');
	});

	it('a client sending the same line 10 times a second from one port is never muted', async () => {
		const server = await kit.start('udp');
		const socket = kit.udpSocket();
		let replies = 0;
		socket.on('message', () => (replies += 1));
		await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
		// Like a session's auto mode, but its reply is the very bytes it sends (a loop's signature): 3 s.
		for (let index = 0; index < 30; index++) {
			socket.send('PING 42', server.local.port, '127.0.0.1');
			await sleep(100);
		}

		await waitFor(() => replies === 30, 'thirty replies');
		expect(server.stats().guards).toMatchObject({loopsSuspected: 0, muted: 0, rateLimited: 0});
	});

	it('a burst of 40 identical all-caps datagrams is answered in full', async () => {
		const server = await kit.start('udp');
		const socket = kit.udpSocket();
		let replies = 0;
		socket.on('message', () => (replies += 1));
		for (let index = 0; index < 40; index++) socket.send('SAME', server.local.port, '127.0.0.1');
		await waitFor(() => replies === 40, 'forty replies');
		expect(server.stats().guards.loopsSuspected).toBe(0);
	});

	it('datagrams the kernel dropped while the server was busy are shown as kernel drops', async () => {
		const server = await kit.start('udp');
		expect(server.stats().kernelDrops).toEqual({count: 0});
		const socket = kit.udpSocket();
		// The server shares this event loop: nothing is read until the loop is free, so its receive buffer
		// overflows. Bounded: 2,000 datagrams of 1 KiB.
		const payload = Buffer.alloc(1024, 0x61);
		for (let index = 0; index < 2000; index++) socket.send(payload, server.local.port, '127.0.0.1');
		const kernelDropCount = () => {
			const drops = server.stats().kernelDrops;
			return drops !== undefined && 'count' in drops ? drops.count : 0;
		};

		await waitFor(() => kernelDropCount() > 0, 'kernel drops to be shown');
		console.log(
			`kernel drops after 2,000 datagrams to a busy server: ${kernelDropCount()}, answered ${server.stats().messagesOut}`,
		);
		expect(server.stats().droppedMessages).toBe(0);
	});

	it('the per-peer rate cap drops and counts replies beyond it', async () => {
		const server = await kit.start('udp', {udpPeerRate: 100});
		const socket = kit.udpSocket();
		// Paced so that the server (in this process) reads them: a burst would overflow its receive buffer.
		for (let index = 0; index < 300; index++) {
			socket.send(`m${index}`, server.local.port, '127.0.0.1');
			if (index % 20 === 19)
				await waitFor(
					() => server.stats().messagesIn + server.stats().droppedMessages === index + 1,
					'the server to catch up',
				);
		}

		const {guards, messagesOut} = server.stats();
		expect(guards.rateLimited).toBeGreaterThan(0);
		expect(guards.rateLimited + messagesOut).toBe(300);
	});
});
