// Silent TCP connections against the echo server (issue 9): they must not lock anyone out.
import {describe, expect, it} from 'vitest';
import {defaults} from '../../../source/core/defaults.js';
import type {EchoServerEvent} from '../../../source/core/echo/types.js';
import {readBytes, waitFor, echoKit} from './echo-test-kit.js';

const kit = echoKit();

describe('TCP echo server: silent connections', () => {
	it(`${defaults.maxTcpConnections + 76} silent connections, then a normal client is served`, async () => {
		const server = await kit.start('tcp');
		const closedBy = new Map<string, number>();
		server.subscribe(
			(event) => {
				if (event.type === 'connection-closed') closedBy.set(event.reason, (closedBy.get(event.reason) ?? 0) + 1);
			},
			{messages: false},
		);
		const silent = defaults.maxTcpConnections + 76;
		for (let index = 0; index < silent; index++) await kit.connect(server);
		await waitFor(() => (closedBy.get('evicted') ?? 0) === 76, 'the 76 longest-idle connections closed');
		const started = performance.now();
		const client = await kit.connect(server);
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
		const server = await kit.start('tcp', {idleTimeoutMs: 300});
		const events: EchoServerEvent[] = [];
		server.subscribe((event) => events.push(event), {messages: false});
		const silent = await kit.connect(server);
		const talking = await kit.connect(server);
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
		const server = await kit.start('tcp', {maxTcpConnections: 10, idleTimeoutMs: 600_000, busyIdleTimeoutMs: 200});
		await Promise.all(Array.from({length: 9}, async () => kit.connect(server)));
		// 9 of 10 open is "nearly": silent ones are closed until fewer than 9 are open.
		await waitFor(() => server.stats().guards.idleClosed >= 1, 'a silent connection closed', 15_000);
		expect(server.stats().activeConnections).toBeLessThan(9);
		expect(server.stats().activeConnections + server.stats().guards.idleClosed).toBe(9);
	});
});
