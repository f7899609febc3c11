// The TCP server's idle order and counters are kept without reading a clock or touching server-wide totals
// per message: a message only marks its connection, and a periodic tick does the bookkeeping.
import {describe, expect, it} from 'vitest';
import type {EchoServerEvent} from '../../../source/core/echo/types.js';
import {waitFor, echoKit, tcpRoundTrip as roundTrip} from './echo-test-kit.js';

const kit = echoKit();

describe('TCP echo server: idle bookkeeping', () => {
	it('at the cap, a connection that talked since the last tick is not taken for the longest idle', async () => {
		// The default idle timeout ticks once a second: the talk below comes long before the next tick.
		const server = await kit.start('tcp', {maxTcpConnections: 3});
		const events: EchoServerEvent[] = [];
		server.subscribe((event) => events.push(event), {messages: false});
		const first = await kit.connect(server);
		const second = await kit.connect(server);
		const secondPort = second.localPort;
		await kit.connect(server);
		await waitFor(() => server.stats().activeConnections === 3, 'three open connections');
		expect(await roundTrip(first, 'still here')).toBe('STILL HERE');
		await kit.connect(server);
		await waitFor(() => events.some((event) => event.type === 'connection-closed'), 'the eviction event');
		expect(events.find((event) => event.type === 'connection-closed')).toMatchObject({
			reason: 'evicted',
			peer: {port: secondPort},
		});
		expect(await roundTrip(first, 'and here')).toBe('AND HERE');
	});

	it('counts the traffic of open, ended and idle-closed connections in the totals', async () => {
		const server = await kit.start('tcp', {idleTimeoutMs: 300});
		const kept = await kit.connect(server);
		const ended = await kit.connect(server);
		const silenced = await kit.connect(server);
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
		const server = await kit.start('tcp');
		const events: EchoServerEvent[] = [];
		server.subscribe((event) => events.push(event), {messages: false});
		const socket = await kit.connect(server);
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
