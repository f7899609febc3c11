// Silent TCP connections against the echo server (issue 9): they must not lock anyone out.
import type net from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {defaults} from '../../../source/core/defaults.js';
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

describe('TCP echo server: silent connections', () => {
	it(`${defaults.maxTcpConnections + 76} silent connections, then a normal client is served`, async () => {
		const server = await start();
		const closedBy = new Map<string, number>();
		server.subscribe(
			(event) => {
				if (event.type === 'connection-closed') closedBy.set(event.reason, (closedBy.get(event.reason) ?? 0) + 1);
			},
			{messages: false},
		);
		const silent = defaults.maxTcpConnections + 76;
		for (let index = 0; index < silent; index++) await connect(server);
		await waitFor(() => (closedBy.get('evicted') ?? 0) === 76, 'the 76 longest-idle connections closed');
		const started = performance.now();
		const client = await connect(server);
		const reply = readBytes(client, 6);
		client.write('hello\n');
		expect((await reply).toString()).toBe('HELLO\n');
		console.log(
			`after ${silent} silent connections, a new client was served in ${(performance.now() - started).toFixed(1)} ms`,
		);
		expect(server.stats()).toMatchObject({activeConnections: defaults.maxTcpConnections, refusedConnections: 0});
		expect(server.stats().guards.evicted).toBe(77);
	}, 60_000);

	it('closes a connection silent longer than the idle timeout, and keeps a talking one', async () => {
		const server = await start({idleTimeoutMs: 300});
		const events: EchoServerEvent[] = [];
		server.subscribe((event) => events.push(event), {messages: false});
		const silent = await connect(server);
		const talking = await connect(server);
		const silentPort = silent.localPort;
		const silentClosed = new Promise((resolve) => silent.once('close', resolve));
		let replies = 0;
		talking.on('data', () => (replies += 1));
		const ticker = setInterval(() => talking.write('x'), 50);
		try {
			await silentClosed;
		} finally {
			clearInterval(ticker);
		}

		expect(talking.destroyed).toBe(false);
		expect(replies).toBeGreaterThan(0);
		expect(server.stats().guards.idleClosed).toBe(1);
		await waitFor(() => events.some((event) => event.type === 'connection-closed'), 'the close event');
		const closed = events.find((event) => event.type === 'connection-closed');
		expect(closed).toMatchObject({reason: 'idle', peer: {port: silentPort}});
		expect((closed as {idleMs: number}).idleMs).toBeGreaterThanOrEqual(300);
	});

	it('with the cap nearly reached, the shorter busy idle timeout applies', async () => {
		const server = await start({maxTcpConnections: 10, idleTimeoutMs: 600_000, busyIdleTimeoutMs: 200});
		await Promise.all(Array.from({length: 9}, async () => connect(server)));
		// 9 of 10 open is "nearly": silent ones are closed until fewer than 9 are open.
		await waitFor(() => server.stats().guards.idleClosed >= 1, 'a silent connection closed', 15_000);
		expect(server.stats().activeConnections).toBeLessThan(9);
		expect(server.stats().activeConnections + server.stats().guards.idleClosed).toBe(9);
	});
});
