import dgram from 'node:dgram';
import net from 'node:net';
import {performance} from 'node:perf_hooks';
import {randomBytes} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {NoReplyError, openEchoClient, type EchoClient} from '../../../source/core/echo/echo-client.js';
import {isSocktuiError, type SocktuiError} from '../../../source/core/errors.js';
import {echoKit, referenceUpper, unusedTcpPort, waitFor} from './echo-test-kit.js';

const kit = echoKit();

async function client(protocol: 'tcp' | 'udp', port: number, replyTimeoutMs = 2000): Promise<EchoClient> {
	const opened = await openEchoClient({protocol, host: '127.0.0.1', port, replyTimeoutMs});
	kit.onCleanup(async () => opened.close());
	return opened;
}

async function failure(promise: Promise<unknown>): Promise<SocktuiError> {
	const error = await promise.then(
		() => undefined,
		(caught: unknown) => caught,
	);
	if (!isSocktuiError(error)) throw new Error(`expected a SocktuiError, got ${String(error)}`);
	return error;
}

describe.each(['tcp', 'udp'] as const)('echo client over %s', (protocol) => {
	it('exchanges binary payloads and reports endpoints and the round-trip time', async () => {
		const echo = await kit.start(protocol);
		const opened = await client(protocol, echo.local.port);
		expect(opened.remote).toEqual({address: '127.0.0.1', port: echo.local.port});
		expect(opened.local.port).toBeGreaterThan(0);
		const payload = Buffer.concat([Buffer.from('hi ä\0'), randomBytes(3000)]);
		const result = await opened.exchange(payload);
		expect(Buffer.from(result.reply).equals(referenceUpper(payload))).toBe(true);
		expect(result.request).toBe(payload);
		expect(result.rttMs).toBeGreaterThanOrEqual(0);
	});

	it('runs concurrent exchanges one at a time, each getting its own reply', async () => {
		const echo = await kit.start(protocol);
		const opened = await client(protocol, echo.local.port);
		const payloads = Array.from({length: 50}, (_, index) => Buffer.from(`message ${index} ${'y'.repeat(index * 3)}`));
		const results = await Promise.all(payloads.map(async (payload) => opened.exchange(payload)));
		expect(results.map((result) => Buffer.from(result.reply).toString())).toEqual(
			payloads.map((payload) => payload.toString().toUpperCase()),
		);
	});

	it('an empty payload gets an empty reply', async () => {
		const echo = await kit.start(protocol);
		const opened = await client(protocol, echo.local.port);
		expect((await opened.exchange(new Uint8Array(0))).reply).toHaveLength(0);
	});

	it('host not found is a HostNotFound error', async () => {
		const error = await failure(openEchoClient({protocol, host: 'no-such-host.invalid', port: 9}));
		expect(error.kind).toBe('HostNotFound');
		expect(error.message).toBe('host not found: no-such-host.invalid');
	});
});

describe('echo client over tcp: failures', () => {
	it('connection refused is one clear error', async () => {
		const port = await unusedTcpPort();
		const error = await failure(openEchoClient({protocol: 'tcp', host: '127.0.0.1', port}));
		expect(error.kind).toBe('ConnectionRefused');
		expect(error.message).toBe(`connection refused by tcp 127.0.0.1:${port} (is the server running?)`);
	});

	it('reports a peer close through onClose and fails the exchange in flight', async () => {
		// A server that accepts, reads, and closes without replying.
		const port = await kit.listenTcp((socket) => socket.once('data', () => socket.end()));
		const opened = await client('tcp', port);
		const reasons: Array<Error | undefined> = [];
		opened.onClose((reason) => reasons.push(reason));
		const error = await failure(opened.exchange(Buffer.from('hello\n')));
		expect(error.kind).toBe('PeerClosed');
		expect(error.message).toMatch(/^connection closed by tcp 127\.0\.0\.1:\d+$/);
		await waitFor(() => reasons.length === 1, 'onClose');
		expect(reasons[0]).toBeUndefined();
		expect((await failure(opened.exchange(Buffer.from('again')))).kind).toBe('PeerClosed');
	});

	it('a server that answers and closes: the next exchange is PeerClosed with a clear message (20 times)', async () => {
		const port = await kit.listenTcp((socket) =>
			socket.once('data', (data: Buffer) => socket.end(Buffer.from(data.toString().toUpperCase()))),
		);
		for (let attempt = 0; attempt < 20; attempt++) {
			const opened = await client('tcp', port);
			const first = opened.exchange(Buffer.from('first\n'));
			const second = opened.exchange(Buffer.from('second\n'));
			expect(Buffer.from((await first).reply).toString()).toBe('FIRST\n');
			const error = await failure(second);
			expect(error.kind).toBe('PeerClosed');
			expect(error.message).toBe(`connection closed by tcp 127.0.0.1:${port}`);
		}
	});

	it('reports a reset through onClose with the error', async () => {
		const port = await kit.listenTcp((socket) => socket.once('data', () => socket.resetAndDestroy()));
		const opened = await client('tcp', port);
		const reasons: Array<Error | undefined> = [];
		opened.onClose((reason) => reasons.push(reason));
		const error = await failure(opened.exchange(Buffer.from('hello\n')));
		expect(error.kind).toBe('PeerClosed');
		expect(error.message).toContain('connection reset by');
		await waitFor(() => reasons.length === 1, 'onClose');
		expect((reasons[0] as NodeJS.ErrnoException).code).toBe('ECONNRESET');
	});

	it('does not call onClose after its own close()', async () => {
		const echo = await kit.start('tcp');
		const opened = await client('tcp', echo.local.port);
		let called = false;
		opened.onClose(() => (called = true));
		await opened.close();
		await opened.close();
		await waitFor(() => echo.stats().activeConnections === 0, 'the server to see the close');
		expect(called).toBe(false);
	});
});

/** A TCP server that answers each chunk it reads with `answer(chunk)` (nothing when it returns undefined). */
async function tcpPeer(answer: (chunk: Buffer) => Buffer | undefined): Promise<number> {
	const peer = net.createServer((socket) =>
		socket.on('data', (chunk: Buffer) => {
			const reply = answer(chunk);
			if (reply !== undefined) socket.write(reply);
		}),
	);
	await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve));
	const sockets = new Set<net.Socket>();
	peer.on('connection', (socket) => sockets.add(socket));
	kit.onCleanup(async () => {
		// Close what the peer still holds open, or peer.close() never calls back.
		for (const socket of sockets) socket.destroy();
		await new Promise((resolve) => peer.close(() => resolve(undefined)));
	});
	return (peer.address() as net.AddressInfo).port;
}

async function tcpClient(
	port: number,
	extra: {tcpReplyTimeoutMs?: number; maxReplyLineBytes?: number} = {},
): Promise<EchoClient> {
	const opened = await openEchoClient({protocol: 'tcp', host: '127.0.0.1', port, ...extra});
	kit.onCleanup(async () => opened.close());
	return opened;
}

describe('echo client over tcp: stuck and non-echo servers', () => {
	it('a server that accepts and never answers: NoReply after the timeout, naming the server and the wait', async () => {
		const port = await tcpPeer(() => undefined);
		const opened = await tcpClient(port, {tcpReplyTimeoutMs: 300});
		const error = await failure(opened.exchange(Buffer.from('hello\n')));
		expect(error.kind).toBe('NoReply');
		expect(error.message).toBe(`no reply from tcp 127.0.0.1:${port} within 300 ms`);
		// The same in figures, for the dashboard to word in its language.
		expect(error).toBeInstanceOf(NoReplyError);
		expect((error as NoReplyError).detail).toEqual({waitMs: 300});
		// The connection is given up: a late reply would answer the wrong request.
		expect((await failure(opened.exchange(Buffer.from('again\n')))).message).toBe(error.message);
	});

	it('a reply shorter than the line (no newline): says how much arrived', async () => {
		const port = await tcpPeer((chunk) => Buffer.from(chunk.toString().toUpperCase().slice(0, 3)));
		const opened = await tcpClient(port, {tcpReplyTimeoutMs: 1500});
		const error = await failure(opened.exchange(Buffer.from('hello\n')));
		expect(error.kind).toBe('NoReply');
		expect(error.message).toBe(
			`incomplete reply from tcp 127.0.0.1:${port} within 1.5 s: 3 bytes and no newline (HEL)`,
		);
		expect(error).toBeInstanceOf(NoReplyError);
		expect((error as NoReplyError).detail).toEqual({waitMs: 1500, partial: {bytes: 3, start: 'HEL'}});
	});

	it('a request without a newline is matched by length, and a short reply to it times out too', async () => {
		const port = await tcpPeer((chunk) => chunk.subarray(0, 2));
		const opened = await tcpClient(port, {tcpReplyTimeoutMs: 300});
		const error = await failure(opened.exchange(Buffer.from('abcd')));
		expect(error.message).toBe(`incomplete reply from tcp 127.0.0.1:${port} within 300 ms: 2 of 4 bytes (ab)`);
		expect(error).toBeInstanceOf(NoReplyError);
		expect((error as NoReplyError).detail).toEqual({waitMs: 300, partial: {bytes: 2, expectedBytes: 4, start: 'ab'}});
	});

	it('a server that says more than the echo: each reply is its own line, the extra bytes are reported, nothing shifts', async () => {
		const port = await tcpPeer((chunk) =>
			Buffer.concat([Buffer.from(chunk.toString().toUpperCase()), Buffer.from('EXTRA\u001b[2J\n')]),
		);
		const opened = await tcpClient(port, {tcpReplyTimeoutMs: 10_000});
		const reports: Array<{byteCount: number; preview: string}> = [];
		opened.onUnexpected(({byteCount, preview}) => reports.push({byteCount, preview: Buffer.from(preview).toString()}));
		const replies: string[] = [];
		// The peer writes reply and extra in one write; reports come before the next request and at close.
		for (const line of ['one', 'two', 'three'])
			replies.push(Buffer.from((await opened.exchange(Buffer.from(`${line}\n`))).reply).toString());

		expect(replies).toEqual(['ONE\n', 'TWO\n', 'THREE\n']);
		await opened.close();
		expect(reports).toEqual(Array.from({length: 3}, () => ({byteCount: 10, preview: 'EXTRA\u001b[2J\n'})));
	});

	it('a reply line past the cap ends the exchange with a clear error instead of growing', async () => {
		const port = await tcpPeer(() => Buffer.alloc(300_000, 'x'));
		const opened = await tcpClient(port, {maxReplyLineBytes: 100_000});
		const error = await failure(opened.exchange(Buffer.from('hello\n')));
		expect(error.kind).toBe('BadInput');
		expect(error.message).toBe(
			`the reply from tcp 127.0.0.1:${port} is longer than 100000 bytes without a newline; giving up`,
		);
	});

	it('a multi-line request waits for as many reply lines', async () => {
		const echo = await kit.start('tcp');
		const opened = await tcpClient(echo.local.port, {tcpReplyTimeoutMs: 10_000});
		expect(Buffer.from((await opened.exchange(Buffer.from('a\nb\n'))).reply).toString()).toBe('A\nB\n');
	});
});

describe('echo client over udp: no reply', () => {
	it('times out with NoReply when the server never answers', async () => {
		const silent = await kit.boundUdpSocket();
		let received = 0;
		silent.on('message', () => received++);
		const opened = await client('udp', silent.address().port, 200);
		const error = await failure(opened.exchange(Buffer.from('anyone?')));
		expect(error.kind).toBe('NoReply');
		expect(error.message).toBe(`no reply from 127.0.0.1:${silent.address().port} (is a UDP server listening?)`);
		expect(error).toBeInstanceOf(NoReplyError);
		expect((error as NoReplyError).detail).toEqual({waitMs: 200});
		expect(received).toBe(1);
	});

	it('says "port unreachable" before the reply timeout when nothing listens on the port', async () => {
		const probe = dgram.createSocket('udp4');
		await new Promise<void>((resolve) => probe.bind(0, '127.0.0.1', resolve));
		const port = probe.address().port;
		await new Promise<void>((resolve) => probe.close(() => resolve()));
		// A reply timeout far beyond the test's own: only the kernel's ICMP answer can end this exchange.
		const opened = await client('udp', port, 60_000);
		const started = performance.now();
		const error = await failure(opened.exchange(Buffer.from('anyone?')));
		console.log(`udp port unreachable reported after ${(performance.now() - started).toFixed(1)} ms`);
		expect(error.kind).toBe('PortUnreachable');
		expect(error.message).toBe(`port unreachable: nothing listens on udp 127.0.0.1:${port}`);
		// The socket stays usable: the next exchange says the same.
		expect((await failure(opened.exchange(Buffer.from('again?')))).kind).toBe('PortUnreachable');
	});

	it('stays usable after a timeout', async () => {
		const echo = await kit.start('udp');
		const opened = await client('udp', echo.local.port, 300);
		echo.setReplyDelay(60_000);
		expect((await failure(opened.exchange(Buffer.from('slow')))).kind).toBe('NoReply');
		echo.setReplyDelay(0);
		const result = await opened.exchange(Buffer.from('fast'));
		expect(Buffer.from(result.reply).toString()).toBe('FAST');
	});

	it('refuses a payload larger than one datagram', async () => {
		const echo = await kit.start('udp');
		const opened = await client('udp', echo.local.port);
		expect((await failure(opened.exchange(new Uint8Array(65_508)))).kind).toBe('BadInput');
	});
});
