import {randomBytes} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {startEchoServer} from '../../../source/core/echo/start-echo-server.js';
import type {EchoServer, EchoServerEvent} from '../../../source/core/echo/types.js';
import {defaults} from '../../../source/core/defaults.js';
import {isSocktuiError} from '../../../source/core/errors.js';
import {readBytes, referenceUpper, waitFor, echoKit} from './echo-test-kit.js';

const kit = echoKit();

describe('TCP echo server: protocol', () => {
	it('listens on a free port when asked for port 0', async () => {
		const server = await kit.start('tcp');
		expect(server.protocol).toBe('tcp');
		expect(server.local.address).toBe('127.0.0.1');
		expect(server.local.port).toBeGreaterThan(0);
	});

	it.each([
		['text', Buffer.from('hello world\n')],
		['NUL bytes', Buffer.from([0, 0x61, 0, 0x62, 0])],
		['invalid UTF-8', Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x61, 0x80])],
		['multi-byte UTF-8', Buffer.from('ärger über 中文 😀 abc')],
		['all 256 byte values', Buffer.from(Uint8Array.from({length: 256}, (_, index) => index))],
	])('echoes %s with only a-z uppercased', async (_name, payload) => {
		const server = await kit.start('tcp');
		const socket = await kit.connect(server);
		const reply = readBytes(socket, payload.length);
		socket.write(payload);
		expect(await reply).toEqual(referenceUpper(payload));
	});

	it('echoes a 1 MiB stream written in uneven pieces, byte for byte', async () => {
		const server = await kit.start('tcp');
		const socket = await kit.connect(server);
		const payload = randomBytes(1024 * 1024);
		const reply = readBytes(socket, payload.length, 20_000);
		let offset = 0;
		let step = 1;
		while (offset < payload.length) {
			const size = Math.min(payload.length - offset, (step * 7919) % 65_536 || 1);
			socket.write(payload.subarray(offset, offset + size));
			offset += size;
			step += 1;
		}

		expect((await reply).equals(referenceUpper(payload))).toBe(true);
		await waitFor(() => server.stats().bytesOut === payload.length, 'the server to count every byte out');
		expect(server.stats().bytesIn).toBe(payload.length);
	});

	it('serves IPv6 loopback', async () => {
		let server: EchoServer;
		try {
			server = await kit.start('tcp', {host: '::1'});
		} catch (error: unknown) {
			console.log(`skipped: no IPv6 loopback here (${String(error)})`);
			return;
		}

		const socket = await kit.connect(server);
		const reply = readBytes(socket, 3);
		socket.write('abc');
		expect((await reply).toString()).toBe('ABC');
	});
});

describe('TCP echo server: concurrency', () => {
	it('gives 200 concurrent clients their own replies, none mixed up', async () => {
		const server = await kit.start('tcp');
		const clients = await Promise.all(Array.from({length: 200}, async () => kit.connect(server)));
		await waitFor(() => server.stats().activeConnections === 200, '200 open connections');
		const results = await Promise.all(
			clients.map(async (socket, index) => {
				const payload = Buffer.from(`client ${index} says hello ${'x'.repeat(index)}\n`);
				const reply = readBytes(socket, payload.length);
				socket.write(payload);
				return {payload, reply: await reply};
			}),
		);
		for (const {payload, reply} of results) expect(reply).toEqual(referenceUpper(payload));
		expect(server.stats().totalConnections).toBe(200);
		expect(server.connections()).toHaveLength(200);
	});

	it('at the connection cap, closes the longest-idle connection to let a new one in, and counts it', async () => {
		const server = await kit.start('tcp', {maxTcpConnections: 2});
		const events: EchoServerEvent[] = [];
		server.subscribe((event) => events.push(event));
		const first = await kit.connect(server);
		first.on('error', () => {});
		const firstPort = first.localPort;
		const firstClosed = new Promise((resolve) => first.once('close', resolve));
		await kit.connect(server);
		await waitFor(() => server.stats().activeConnections === 2, 'two open connections');
		const third = await kit.connect(server);
		await firstClosed;
		const reply = readBytes(third, 3);
		third.write('new');
		expect((await reply).toString()).toBe('NEW');
		expect(server.stats()).toMatchObject({activeConnections: 2, refusedConnections: 0, totalConnections: 3});
		expect(server.stats().guards.evicted).toBe(1);
		await waitFor(() => events.some((event) => event.type === 'connection-closed'), 'the eviction event');
		expect(events.find((event) => event.type === 'connection-closed')).toMatchObject({
			reason: 'evicted',
			peer: {port: firstPort},
		});
	});
});

describe('TCP echo server: events and counters', () => {
	it('reports open, message in/out with the bytes, and close with the counters', async () => {
		const server = await kit.start('tcp');
		const events: EchoServerEvent[] = [];
		server.subscribe((event) => events.push(event));
		const socket = await kit.connect(server);
		const localPort = socket.localPort;
		const reply = readBytes(socket, 5);
		socket.write('hello');
		await reply;
		socket.end();
		await waitFor(() => events.some((event) => event.type === 'connection-closed'), 'connection-closed');
		const types = events.map((event) => event.type);
		expect(types).toEqual(['connection-opened', 'message-in', 'message-out', 'connection-closed']);
		const messageIn = events[1] as Extract<EchoServerEvent, {type: 'message-in'}>;
		const messageOut = events[2] as Extract<EchoServerEvent, {type: 'message-out'}>;
		expect(Buffer.from(messageIn.bytes).toString()).toBe('hello');
		expect(Buffer.from(messageOut.bytes).toString()).toBe('HELLO');
		expect(messageIn.peer).toEqual({address: '127.0.0.1', port: localPort});
		const closed = events[3] as Extract<EchoServerEvent, {type: 'connection-closed'}>;
		expect(closed.reason).toBe('end');
		expect(closed.counters).toMatchObject({bytesIn: 5, bytesOut: 5, messagesIn: 1, messagesOut: 1});
		expect(closed.counters.lastSeen).toBeGreaterThanOrEqual(closed.counters.firstSeen);
	});

	it('emits connection-closed for every connection before closed, and close is idempotent', async () => {
		const server = await kit.start('tcp');
		const events: string[] = [];
		server.subscribe((event) => events.push(event.type));
		await kit.connect(server);
		await kit.connect(server);
		await waitFor(() => server.stats().activeConnections === 2, 'two open connections');
		await Promise.all([server.close(), server.close()]);
		await server.close();
		expect(events.filter((type) => type === 'connection-closed')).toHaveLength(2);
		expect(events.at(-1)).toBe('closed');
		expect(events.filter((type) => type === 'closed')).toHaveLength(1);
	});

	it('a listener subscribed without messages gets connection events only', async () => {
		const server = await kit.start('tcp');
		const types: string[] = [];
		server.subscribe((event) => types.push(event.type), {messages: false});
		const socket = await kit.connect(server);
		const reply = readBytes(socket, 2);
		socket.write('ab');
		await reply;
		socket.end();
		await waitFor(() => types.includes('connection-closed'), 'connection-closed');
		expect(types).toEqual(['connection-opened', 'connection-closed']);
	});

	it('stops calling a listener after unsubscribe', async () => {
		const server = await kit.start('tcp');
		let count = 0;
		const unsubscribe = server.subscribe(() => count++);
		unsubscribe();
		const socket = await kit.connect(server);
		const reply = readBytes(socket, 2);
		socket.write('ab');
		await reply;
		expect(count).toBe(0);
	});
});

describe('TCP echo server: faults', () => {
	it('logs a peer reset mid-stream as a reset and keeps serving others', async () => {
		const server = await kit.start('tcp');
		const events: EchoServerEvent[] = [];
		server.subscribe((event) => events.push(event));
		const socket = await kit.connect(server);
		const reply = readBytes(socket, 4);
		socket.write('abcd');
		await reply;
		socket.write(randomBytes(200_000));
		socket.resetAndDestroy();
		await waitFor(() => events.some((event) => event.type === 'connection-closed'), 'connection-closed');
		const closed = events.find((event) => event.type === 'connection-closed') as Extract<
			EchoServerEvent,
			{type: 'connection-closed'}
		>;
		expect(closed.reason).toBe('reset');
		const other = await kit.connect(server);
		const otherReply = readBytes(other, 2);
		other.write('ok');
		expect((await otherReply).toString()).toBe('OK');
	});

	it('still echoes everything after the peer half-closes, then closes its side', async () => {
		const server = await kit.start('tcp');
		const socket = await kit.connect(server);
		const payload = randomBytes(300_000);
		const chunks: Buffer[] = [];
		socket.on('data', (chunk: Buffer) => chunks.push(chunk));
		const ended = new Promise((resolve) => socket.once('end', resolve));
		socket.end(payload);
		await ended;
		expect(Buffer.concat(chunks).equals(referenceUpper(payload))).toBe(true);
	});

	it('half-close with a reply delay: held replies are still delivered before the server closes', async () => {
		const server = await kit.start('tcp', {replyDelayMs: 50});
		const socket = await kit.connect(server);
		const chunks: Buffer[] = [];
		socket.on('data', (chunk: Buffer) => chunks.push(chunk));
		const ended = new Promise((resolve) => socket.once('end', resolve));
		socket.end('late but complete');
		await ended;
		expect(Buffer.concat(chunks).toString()).toBe('LATE BUT COMPLETE');
	});

	it('pauses a peer that never reads: the server holds a bounded number of bytes, then resumes', async () => {
		const server = await kit.start('tcp');
		const socket = await kit.connect(server);
		socket.pause(); // never read, for now
		const total = 16 * 1024 * 1024;
		const chunk = Buffer.alloc(64 * 1024, 0x61);
		let written = 0;
		// Bounded: the loop writes at most `total` bytes, only while the kernel takes them.
		const writeMore = () => {
			while (written < total) {
				written += chunk.length;
				if (!socket.write(chunk)) return;
			}
		};
		socket.on('drain', writeMore);
		writeMore();
		await waitFor(() => server.stats().pausedConnections === 1, 'the server to pause the connection');
		const bound = defaults.tcpWriteHighWaterBytes + 64 * 1024;
		const paused = server.stats();
		expect(paused.bufferedBytes).toBeLessThanOrEqual(bound);
		// The server stopped reading: nowhere near everything we offered has been taken in.
		expect(paused.bytesIn).toBeLessThan(total);
		expect(paused.bytesIn - paused.bytesOut).toBeLessThanOrEqual(bound);

		// Now read: everything comes back uppercased, and the connection is resumed.
		let received = 0;
		let allUpper = true;
		socket.on('data', (data: Buffer) => {
			received += data.length;
			if (data.some((byte) => byte !== 0x41)) allUpper = false;
		});
		socket.resume();
		await waitFor(() => received === total, `all ${total} bytes back (have ${received})`, 30_000);
		expect(allUpper).toBe(true);
		expect(server.stats().pausedConnections).toBe(0);
		expect(server.stats().bufferedBytes).toBe(0);
	});

	it('rejects with PortInUse when the port is taken', async () => {
		const first = await kit.start('tcp');
		const error = await startEchoServer('tcp', {host: '127.0.0.1', port: first.local.port}).catch(
			(caught: unknown) => caught,
		);
		expect(isSocktuiError(error) && error.kind).toBe('PortInUse');
		expect(String((error as Error).message)).toContain(`port ${first.local.port}`);
		expect(String((error as Error).message)).toContain('tcp');
	});
});

describe('TCP echo server: reply delay', () => {
	it('holds replies for the delay, in order, and the delay can change while running', async () => {
		const server = await kit.start('tcp', {replyDelayMs: 30});
		const socket = await kit.connect(server);
		const payload = 'one two three four ';
		const reply = readBytes(socket, payload.length * 2);
		socket.write(payload);
		await waitFor(() => server.stats().messagesIn >= 1, 'the first message in');
		server.setReplyDelay(0);
		socket.write(payload);
		expect((await reply).toString()).toBe(payload.toUpperCase().repeat(2));
	});

	it('a peer that never reads while replies are held still pauses (held bytes count)', async () => {
		const server = await kit.start('tcp', {replyDelayMs: 60_000});
		const socket = await kit.connect(server);
		const chunk = Buffer.alloc(16 * 1024, 0x62);
		for (let index = 0; index < 32; index++) socket.write(chunk);
		await waitFor(() => server.stats().pausedConnections === 1, 'the server to pause the connection');
		expect(server.stats().bufferedBytes).toBeLessThanOrEqual(defaults.tcpWriteHighWaterBytes + 64 * 1024);
	});
});
