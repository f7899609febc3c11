import dgram from 'node:dgram';
import {lookup} from 'node:dns/promises';
import net from 'node:net';
import {performance} from 'node:perf_hooks';
import {defaults, type Protocol} from '../defaults.js';
import {SocktuiError, formatHostPort, fromSocketError} from '../errors.js';
import type {EchoExchange, Endpoint} from './types.js';
import {uppercase} from './uppercase.js';

export interface EchoClientOptions {
	protocol: Protocol;
	host: string;
	port: number;
	/** UDP: how long to wait for the reply datagram (default `defaults.udpReplyTimeoutMs`). TCP waits, as TCP delivers or fails. */
	replyTimeoutMs?: number;
}

/** Why the connection ended when the peer ended it: `undefined` for a clean close, the error for a reset. */
export type EchoClientCloseListener = (reason?: Error) => void;

/**
 * One client connection to an uppercase echo server. `exchange` sends a request and resolves with the
 * reply; exchanges run one at a time in call order.
 */
export interface EchoClient {
	readonly protocol: Protocol;
	readonly local: Endpoint;
	readonly remote: Endpoint;
	exchange(payload: Uint8Array): Promise<EchoExchange>;
	/** TCP: the peer closed or reset the connection (not called after our own `close()`). */
	onClose(listener: EchoClientCloseListener): () => void;
	close(): Promise<void>;
}

export async function openEchoClient(options: EchoClientOptions): Promise<EchoClient> {
	return options.protocol === 'tcp' ? openTcp(options) : openUdp(options);
}

/** Runs async jobs one after another. */
function serialiser(): <T>(job: () => Promise<T>) => Promise<T> {
	let tail: Promise<unknown> = Promise.resolve();
	return async <T>(job: () => Promise<T>) => {
		const run = tail.then(job, job);
		tail = run.catch(() => {});
		return run;
	};
}

function context(options: EchoClientOptions) {
	return {protocol: options.protocol, host: options.host, port: options.port};
}

async function openTcp(options: EchoClientOptions): Promise<EchoClient> {
	const socket = net.connect({host: options.host, port: options.port, noDelay: true});
	await new Promise<void>((resolve, reject) => {
		socket.once('error', (error) => reject(fromSocketError(error, context(options))));
		socket.once('connect', () => {
			socket.removeAllListeners('error');
			resolve();
		});
	});
	const local = {address: socket.localAddress ?? '?', port: socket.localPort ?? 0};
	const remote = {address: socket.remoteAddress ?? options.host, port: socket.remotePort ?? options.port};
	const closeListeners = new Set<EchoClientCloseListener>();
	const serial = serialiser();
	let closedByUs = false;
	let ended: SocktuiError | undefined;
	// Reply bytes arrive in any chunking; `pending` collects them for the exchange in flight. Bytes that
	// arrive with nothing in flight (a server that says more than an echo) wait for the next exchange.
	let spare: Buffer[] = [];
	let spareBytes = 0;
	let waiter: {expected: number; done: (reply: Buffer) => void; fail: (error: Error) => void} | undefined;

	const tryComplete = () => {
		if (waiter === undefined || spareBytes < waiter.expected) return;
		const all = spare.length === 1 ? spare[0]! : Buffer.concat(spare, spareBytes);
		const reply = all.subarray(0, waiter.expected);
		const rest = all.subarray(waiter.expected);
		spare = rest.length > 0 ? [rest] : [];
		spareBytes = rest.length;
		const {done} = waiter;
		waiter = undefined;
		done(reply);
	};

	let lastError: Error | undefined;
	socket.on('data', (chunk: Buffer) => {
		// Bounded: an exchange waits for at most its own length, and stray bytes beyond a cap are dropped.
		if (waiter === undefined && spareBytes > defaults.tcpWriteHighWaterBytes) return;
		spare.push(chunk);
		spareBytes += chunk.length;
		tryComplete();
	});
	const closedByPeer = () => new SocktuiError('PeerClosed', `connection closed by tcp ${formatHostPort(options.host, options.port)}`);
	const isReset = (error: Error | undefined) => ['ECONNRESET', 'EPIPE'].includes((error as NodeJS.ErrnoException | undefined)?.code ?? '');
	socket.on('error', (error) => {
		lastError = error;
	});
	let peerEnded = false;
	socket.on('end', () => {
		peerEnded = true;
		// The peer sent FIN: every byte it will ever send has arrived, so a reply still missing never comes.
		ended ??= closedByPeer();
		const current = waiter;
		waiter = undefined;
		current?.fail(ended);
		socket.end();
	});
	socket.on('close', () => {
		const peerSide = !closedByUs;
		// A reset is worth its own wording; an error after the peer's clean FIN (a write racing the close)
		// is just the peer closing.
		const reset = isReset(lastError);
		const cause = reset || !peerEnded ? lastError : undefined;
		if (reset) ended = fromSocketError(lastError, context(options));
		else ended ??= cause ? fromSocketError(cause, context(options)) : closedByPeer();
		const current = waiter;
		waiter = undefined;
		current?.fail(closedByUs ? new SocktuiError('PeerClosed', 'connection closed') : ended);
		if (peerSide) for (const listener of closeListeners) listener(cause);
	});

	return {
		protocol: 'tcp',
		local,
		remote,
		async exchange(payload) {
			return serial(async () => {
				if (ended) throw ended;
				const started = performance.now();
				if (payload.length === 0) return {request: payload, reply: new Uint8Array(0), rttMs: 0};
				const reply = await new Promise<Buffer>((resolve, reject) => {
					if (ended || !socket.writable) {
						reject(ended ?? closedByPeer());
						return;
					}

					waiter = {expected: payload.length, done: resolve, fail: reject};
					socket.write(payload);
					tryComplete();
				});
				return {request: payload, reply, rttMs: performance.now() - started};
			});
		},
		onClose(listener) {
			closeListeners.add(listener);
			return () => closeListeners.delete(listener);
		},
		async close() {
			if (socket.destroyed) return;
			closedByUs = true;
			await new Promise<void>((resolve) => {
				socket.once('close', () => resolve());
				socket.destroy();
			});
		},
	};
}

async function resolveAddress(options: EchoClientOptions): Promise<{address: string; family: 4 | 6}> {
	if (net.isIPv4(options.host)) return {address: options.host, family: 4};
	if (net.isIPv6(options.host)) return {address: options.host, family: 6};
	try {
		const found = await lookup(options.host);
		return {address: found.address, family: found.family === 6 ? 6 : 4};
	} catch (error: unknown) {
		throw fromSocketError(error, context(options));
	}
}

async function openUdp(options: EchoClientOptions): Promise<EchoClient> {
	const {address, family} = await resolveAddress(options);
	const socket = dgram.createSocket(family === 6 ? 'udp6' : 'udp4');
	const timeoutMs = options.replyTimeoutMs ?? defaults.udpReplyTimeoutMs;
	const noReply = () =>
		new SocktuiError('NoReply', `no reply from ${formatHostPort(options.host, options.port)} (is a UDP server listening?)`);
	let waiter: {expected: Uint8Array; done: (reply: Buffer) => void; fail: (error: Error) => void} | undefined;
	// Replies to exchanges that timed out may still arrive. While some are owed, a datagram that is not
	// the echo of the request in flight is taken for one of them and dropped, so replies never shift.
	let lateOwed = 0;
	socket.on('message', (message) => {
		const current = waiter;
		if (current === undefined || (lateOwed > 0 && !message.equals(current.expected))) {
			lateOwed = Math.max(0, lateOwed - 1);
			return;
		}

		waiter = undefined;
		current.done(message);
	});
	socket.on('error', (error: NodeJS.ErrnoException) => {
		// On a connected UDP socket the kernel reports "port unreachable" as ECONNREFUSED: nobody listens.
		const current = waiter;
		waiter = undefined;
		current?.fail(error.code === 'ECONNREFUSED' ? noReply() : fromSocketError(error, context(options)));
	});
	await new Promise<void>((resolve, reject) => {
		socket.once('error', reject);
		socket.connect(options.port, address, () => {
			socket.off('error', reject);
			resolve();
		});
	}).catch((error: unknown) => {
		socket.close();
		throw fromSocketError(error, context(options));
	});
	const localAddress = socket.address();
	const local = {address: localAddress.address, port: localAddress.port};
	const remoteAddress = socket.remoteAddress();
	const remote = {address: remoteAddress.address, port: remoteAddress.port};
	const serial = serialiser();
	let closed = false;

	return {
		protocol: 'udp',
		local,
		remote,
		async exchange(payload) {
			return serial(async () => {
				if (closed) throw new SocktuiError('PeerClosed', 'the client is closed');
				if (payload.length > defaults.maxDatagramBytes) {
					throw new SocktuiError('BadInput', `message too large for one UDP datagram (${payload.length} bytes, at most ${defaults.maxDatagramBytes})`);
				}

				const started = performance.now();
				const reply = await new Promise<Buffer>((resolve, reject) => {
					const timer = setTimeout(() => {
						waiter = undefined;
						lateOwed += 1;
						reject(noReply());
					}, timeoutMs);
					waiter = {
						expected: uppercase(payload),
						done(message) {
							clearTimeout(timer);
							resolve(message);
						},
						fail(error) {
							clearTimeout(timer);
							reject(error);
						},
					};
					socket.send(payload, (error) => {
						if (!error || waiter === undefined) return;
						const current = waiter;
						waiter = undefined;
						current.fail(fromSocketError(error, context(options)));
					});
				});
				return {request: payload, reply, rttMs: performance.now() - started};
			});
		},
		onClose() {
			// UDP has no connection to lose.
			return () => {};
		},
		async close() {
			if (closed) return;
			closed = true;
			waiter?.fail(new SocktuiError('PeerClosed', 'the client is closed'));
			waiter = undefined;
			await new Promise<void>((resolve) => socket.close(() => resolve()));
		},
	};
}
