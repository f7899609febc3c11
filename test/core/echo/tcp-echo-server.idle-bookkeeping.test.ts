// The TCP server's idle order and counters are kept without reading a clock or touching server-wide totals
// per message: a message only marks its connection, and a periodic tick does the bookkeeping.
import type net from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {startEchoServer} from '../../../source/core/echo/start-echo-server.js';
import type {EchoServer, EchoServerEvent, EchoServerOptions} from '../../../source/core/echo/types.js';
import {connectTcp, readBytes, waitFor} from './echo-test-kit.js';

const servers: EchoServer[] = [];
const sockets: net.Socket[] = [];
afterEach(async () => {
	for (const socket of sockets.splice(0)) socket.destroy();
	await Promise.all(servers.splice(0).map(async (server) => server.close()));
});

async function start(options: EchoServerOptions = {}): Promise<EchoServer> {
	const server = await startEchoServer('tcp', {host: '127.0.0.1', port: 0, ...options});
	servers.push(server);
	return server;
}

async function connect(server: EchoServer): Promise<net.Socket> {
	const socket = await connectTcp(server.local.port);
	socket.on('error', () => {});
	sockets.push(socket);
	return socket;
}

async function roundTrip(socket: net.Socket, text: string): Promise<string> {
	const reply = readBytes(socket, text.length);
	socket.write(text);
	return (await reply).toString();
}

describe('TCP echo server: idle bookkeeping', () => {
	it('at the cap, a connection that talked since the last tick is not taken for the longest idle', async () => {
		// The default idle timeout ticks once a second: the talk below comes long before the next tick.
		const server = await start({maxTcpConnections: 3});
		const events: EchoServerEvent[] = [];
		server.subscribe((event) => events.push(event), {messages: false});
		const first = await connect(server);
		const second = await connect(server);
		const secondPort = second.localPort;
		await connect(server);
		await waitFor(() => server.stats().activeConnections === 3, 'three open connections');
		expect(await roundTrip(first, 'still here')).toBe('STILL HERE');
		await connect(server);
		await waitFor(() => events.some((event) => event.type === 'connection-closed'), 'the eviction event');
		expect(events.find((event) => event.type === 'connection-closed')).toMatchObject({
			reason: 'evicted',
			peer: {port: secondPort},
		});
		expect(await roundTrip(first, 'and here')).toBe('AND HERE');
	});

	it('counts the traffic of open, ended and idle-closed connections in the totals', async () => {
		const server = await start({idleTimeoutMs: 300});
		const kept = await connect(server);
		const ended = await connect(server);
		const silenced = await connect(server);
		expect(await roundTrip(kept, 'abc')).toBe('ABC');
		expect(await roundTrip(ended, 'de')).toBe('DE');
		expect(await roundTrip(silenced, 'f')).toBe('F');
		ended.end();
		const ticker = setInterval(() => kept.write('k'), 50);
		try {
			await waitFor(() => server.stats().guards.idleClosed === 1 && silenced.destroyed, 'the silent one closed');
		} finally {
			clearInterval(ticker);
		}

		await waitFor(() => server.stats().activeConnections === 1, 'only the talking connection left');
		await waitFor(() => server.stats().messagesOut === server.stats().messagesIn, 'every reply sent');
		const stats = server.stats();
		const keptCounters = server.connections()[0]!.counters;
		expect(stats.messagesIn).toBe(keptCounters.messagesIn + 2);
		expect(stats.bytesIn).toBe(keptCounters.bytesIn + 3);
		expect(stats.bytesOut).toBe(stats.bytesIn);
		expect(keptCounters.messagesIn).toBeGreaterThan(1);
	});

	it("a connection's lastSeen follows its traffic between ticks, in the list and in its close event", async () => {
		const server = await start();
		const events: EchoServerEvent[] = [];
		server.subscribe((event) => events.push(event), {messages: false});
		const socket = await connect(server);
		await waitFor(() => server.connections().length === 1, 'the connection listed');
		const opened = server.connections()[0]!.counters.lastSeen;
		await waitFor(() => Date.now() > opened + 20, 'the clock to move on');
		const sentAt = Date.now();
		expect(await roundTrip(socket, 'hi')).toBe('HI');
		expect(server.connections()[0]!.counters.lastSeen).toBeGreaterThanOrEqual(sentAt);
		socket.end();
		await waitFor(() => events.some((event) => event.type === 'connection-closed'), 'the close event');
		const closed = events.find((event) => event.type === 'connection-closed') as Extract<
			EchoServerEvent,
			{type: 'connection-closed'}
		>;
		expect(closed.counters.lastSeen).toBeGreaterThanOrEqual(sentAt);
		expect(closed.counters.messagesIn).toBe(1);
	});
});
