import dgram from 'node:dgram';
import net from 'node:net';
import {defaults, type Protocol} from '../defaults.js';
import {SocktuiError, formatHostPort, fromSocketError} from '../errors.js';
import type {EchoExchange, Endpoint} from './types.js';
import {safeText} from '../text/safe-text.js';
import {uppercase} from './uppercase.js';

export interface EchoClientOptions {
	protocol: Protocol;
	host: string;
	port: number;
	/** UDP: how long to wait for the reply datagram (default `defaults.udpReplyTimeoutMs`). */
	replyTimeoutMs?: number;
	/**
	 * TCP: how long to wait for each reply, from sending the request; past it the exchange fails with
	 * NoReply and the connection is closed. Unset: wait as long as the connection lives.
	 */
	tcpReplyTimeoutMs?: number;
	/** TCP: the longest reply line held while waiting for its newline (default `defaults.clientMaxLineBytes`). */
	maxReplyLineBytes?: number;
}

/** Why the connection ended when the peer ended it: `undefined` for a clean close, the error for a reset. */
export type EchoClientCloseListener = (reason?: Error) => void;

/** TCP bytes that answer no request: how many, and the first few of them. */
export interface UnexpectedBytes {
	byteCount: number;
	preview: Uint8Array;
}

/**
 * One client connection to an uppercase echo server. `exchange` sends a request and resolves with the
 * reply; exchanges run one at a time in call order.
 *
 * TCP matching: a request that ends with a newline is line-based, and its reply is the bytes up to and
 * including as many newlines as the request has (one for one line), however long. Any other request gets
 * as many bytes as it sent. Bytes that arrive when no request is waiting (before the first, after a
 * reply is complete) answer nothing: they are counted and reported through `onUnexpected`, never taken
 * for a later reply.
 */
export interface EchoClient {
	readonly protocol: Protocol;
	readonly local: Endpoint;
	readonly remote: Endpoint;
	exchange(payload: Uint8Array): Promise<EchoExchange>;
	/**
	 * Several requests in one go. UDP: every datagram is sent before any reply is awaited, and each reply is
	 * paired with its request (one timeout for them all); TCP: one exchange after another.
	 */
	exchangeAll(payloads: readonly Uint8Array[]): Promise<EchoExchange[]>;
	/** TCP: the peer closed or reset the connection (not called after our own `close()`). */
	onClose(listener: EchoClientCloseListener): () => void;
	/** TCP: unexpected bytes, reported once per gap between replies (when the next request starts, or at the end). */
	onUnexpected(listener: (unexpected: UnexpectedBytes) => void): () => void;
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

/** Read sizes an exchange reports (a reply in more reads is rare: they are only counted beyond this). */
const maxReadSizes = 64;

/**
 * What a NoReply error says in figures, so a reader can word it in its own language (issue 21): how long
 * the client waited, and what part of the reply came back (its byte count, the count expected or that the
 * newline is missing, and how it started).
 */
export interface NoReplyDetail {
	waitMs: number;
	partial?: {bytes: number; expectedBytes?: number; start: string};
}

/** A reply that did not come (or not whole) within the wait: the English message and its figures. */
export class NoReplyError extends SocktuiError {
	readonly detail: NoReplyDetail;

	constructor(message: string, detail: NoReplyDetail) {
		super('NoReply', message);
		this.detail = detail;
	}
}

/** Unexpected bytes kept to show (the rest are only counted). */
const unexpectedPreviewBytes = 80;

/** `2 s`, `0.5 s`, `500 ms`: a wait as the user would write it. */
function formatWait(ms: number): string {
	return ms < 1000 ? `${ms} ms` : `${ms / 1000} s`;
}

function countNewlines(bytes: Uint8Array): number {
	let count = 0;
	for (let index = bytes.indexOf(0x0a); index !== -1; index = bytes.indexOf(0x0a, index + 1)) count++;
	return count;
}

interface TcpWaiter {
	/** Line-based request: newlines still to come; `undefined` for a request matched by length. */
	newlinesLeft: number | undefined;
	/** Length-matched request: bytes still to come. */
	bytesLeft: number;
	chunks: Buffer[];
	byteCount: number;
	done: (reply: Buffer, readSizes: number[]) => void;
	fail: (error: Error) => void;
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
	const where = `tcp ${formatHostPort(options.host, options.port)}`;
	const maxLineBytes = options.maxReplyLineBytes ?? defaults.clientMaxLineBytes;
	const closeListeners = new Set<EchoClientCloseListener>();
	const unexpectedListeners = new Set<(unexpected: UnexpectedBytes) => void>();
	const serial = serialiser();
	let closedByUs = false;
	let ended: SocktuiError | undefined;
	// The reply in flight collects its chunks and is joined once, so a long reply costs linear time.
	let waiter: TcpWaiter | undefined;
	let unexpected: {byteCount: number; preview: Buffer[]; previewBytes: number} | undefined;

	const addUnexpected = (bytes: Buffer) => {
		if (bytes.length === 0) return;
		unexpected ??= {byteCount: 0, preview: [], previewBytes: 0};
		unexpected.byteCount += bytes.length;
		const room = unexpectedPreviewBytes - unexpected.previewBytes;
		if (room > 0) {
			const kept = Buffer.from(bytes.subarray(0, room));
			unexpected.preview.push(kept);
			unexpected.previewBytes += kept.length;
		}
	};

	const reportUnexpected = () => {
		if (unexpected === undefined) return;
		const report = {byteCount: unexpected.byteCount, preview: Buffer.concat(unexpected.preview)};
		unexpected = undefined;
		for (const listener of unexpectedListeners) listener(report);
	};

	const complete = (current: TcpWaiter) => {
		waiter = undefined;
		const reply = current.chunks.length === 1 ? current.chunks[0]! : Buffer.concat(current.chunks, current.byteCount);
		// Each chunk is what one read brought (a data event adds at most one).
		current.done(
			reply,
			current.chunks.slice(0, maxReadSizes).map((chunk) => chunk.length),
		);
	};

	/** Ends the connection from our side with `error`, failing the exchange in flight. */
	const abandon = (error: SocktuiError) => {
		ended = error;
		const current = waiter;
		waiter = undefined;
		closedByUs = true;
		socket.destroy();
		current?.fail(error);
	};

	const take = (current: TcpWaiter, bytes: Buffer) => {
		current.chunks.push(bytes);
		current.byteCount += bytes.length;
	};

	socket.on('data', (chunk: Buffer) => {
		const current = waiter;
		if (current === undefined) {
			addUnexpected(chunk);
			return;
		}

		if (current.newlinesLeft === undefined) {
			const used = Math.min(current.bytesLeft, chunk.length);
			take(current, chunk.subarray(0, used));
			current.bytesLeft -= used;
			addUnexpected(chunk.subarray(used));
			if (current.bytesLeft === 0) complete(current);
			return;
		}

		// Only the new chunk is searched: earlier chunks had no newline still owed.
		let end = 0;
		while (current.newlinesLeft > 0) {
			const found = chunk.indexOf(0x0a, end);
			if (found === -1) break;
			current.newlinesLeft--;
			end = found + 1;
		}

		if (current.newlinesLeft > 0) {
			take(current, chunk);
			if (current.byteCount > maxLineBytes) {
				abandon(
					new SocktuiError(
						'BadInput',
						`the reply from ${where} is longer than ${maxLineBytes} bytes without a newline; giving up`,
					),
				);
			}

			return;
		}

		take(current, chunk.subarray(0, end));
		addUnexpected(chunk.subarray(end));
		complete(current);
	});
	const closedByPeer = () => new SocktuiError('PeerClosed', `connection closed by ${where}`);
	const isReset = (error: NodeJS.ErrnoException | undefined) => ['ECONNRESET', 'EPIPE'].includes(error?.code ?? '');
	let lastError: Error | undefined;
	socket.on('error', (error) => {
		lastError = error;
	});
	let peerEnded = false;
	socket.on('end', () => {
		peerEnded = true;
		// The peer sent FIN: every byte it will ever send has arrived, so a reply still missing never comes.
		ended ??= closedByPeer();
		reportUnexpected();
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
		if (reset && peerSide) ended = fromSocketError(lastError, context(options));
		else ended ??= cause ? fromSocketError(cause, context(options)) : closedByPeer();
		const current = waiter;
		waiter = undefined;
		current?.fail(closedByUs ? new SocktuiError('PeerClosed', 'connection closed') : ended);
		if (peerSide) {
			reportUnexpected();
			for (const listener of closeListeners) listener(cause);
		}
	});

	const timedOut = (current: TcpWaiter, timeoutMs: number) => {
		const wait = formatWait(timeoutMs);
		if (current.byteCount === 0) {
			return new NoReplyError(`no reply from ${where} within ${wait}`, {waitMs: timeoutMs});
		}

		const expectedBytes = current.newlinesLeft === undefined ? current.byteCount + current.bytesLeft : undefined;
		const got =
			expectedBytes === undefined
				? `${current.byteCount} bytes and no newline`
				: `${current.byteCount} of ${expectedBytes} bytes`;
		const start = safeText(current.chunks[0]!, {maxLength: 40});
		return new NoReplyError(`incomplete reply from ${where} within ${wait}: ${got} (${start})`, {
			waitMs: timeoutMs,
			partial: {bytes: current.byteCount, ...(expectedBytes === undefined ? {} : {expectedBytes}), start},
		});
	};

	const client: EchoClient = {
		protocol: 'tcp',
		local,
		remote,
		async exchangeAll(payloads) {
			const results: EchoExchange[] = [];
			for (const payload of payloads) results.push(await client.exchange(payload));
			return results;
		},
		async exchange(payload) {
			return serial(async () => {
				if (ended) throw ended;
				// Whatever arrived since the last reply answers nothing we sent: say so before the next request.
				reportUnexpected();
				const started = performance.now();
				if (payload.length === 0) return {request: payload, reply: new Uint8Array(0), rttMs: 0};
				let readSizes: number[] = [];
				const reply = await new Promise<Buffer>((resolve, reject) => {
					if (ended || !socket.writable) {
						reject(ended ?? closedByPeer());
						return;
					}

					let timer: NodeJS.Timeout | undefined;
					const current: TcpWaiter = {
						newlinesLeft: payload.at(-1) === 0x0a ? countNewlines(payload) : undefined,
						bytesLeft: payload.length,
						chunks: [],
						byteCount: 0,
						done(message, sizes) {
							clearTimeout(timer);
							readSizes = sizes;
							resolve(message);
						},
						fail(error) {
							clearTimeout(timer);
							reject(error);
						},
					};
					const timeoutMs = options.tcpReplyTimeoutMs;
					if (timeoutMs !== undefined) {
						timer = setTimeout(() => {
							if (waiter === current) abandon(timedOut(current, timeoutMs));
						}, timeoutMs);
					}

					waiter = current;
					socket.write(payload);
				});
				return {request: payload, reply, rttMs: performance.now() - started, readSizes};
			});
		},
		onClose(listener) {
			closeListeners.add(listener);
			return () => closeListeners.delete(listener);
		},
		onUnexpected(listener) {
			unexpectedListeners.add(listener);
			return () => unexpectedListeners.delete(listener);
		},
		async close() {
			reportUnexpected();
			if (socket.destroyed) return;
			closedByUs = true;
			await new Promise<void>((resolve) => {
				socket.once('close', () => resolve());
				socket.destroy();
			});
		},
	};
	return client;
}

async function resolveAddress(options: EchoClientOptions): Promise<{address: string; family: 4 | 6}> {
	if (net.isIPv4(options.host)) return {address: options.host, family: 4};
	if (net.isIPv6(options.host)) return {address: options.host, family: 6};
	try {
		// Loaded only for a host name: a session given an address (the dashboard's case) never needs it.
		const {lookup} = await import('node:dns/promises');
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
		new NoReplyError(`no reply from ${formatHostPort(options.host, options.port)} (is a UDP server listening?)`, {
			waitMs: timeoutMs,
		});
	/** The requests in flight (one, or several sent in one go), each waiting for its reply. */
	let waiter:
		| {
				slots: Array<{expected: Uint8Array; reply?: Buffer; at?: number}>;
				left: number;
				done: () => void;
				fail: (error: Error) => void;
		  }
		| undefined;
	// Replies to exchanges that timed out may still arrive. While some are owed, a datagram that is not
	// the echo of a request in flight is taken for one of them and dropped, so replies never shift.
	let lateOwed = 0;
	socket.on('message', (message) => {
		const current = waiter;
		const open = current?.slots.filter((slot) => slot.reply === undefined) ?? [];
		// Its own echo first (datagrams may be reordered); another datagram answers the oldest one waiting.
		const slot = open.find((candidate) => message.equals(candidate.expected)) ?? (lateOwed > 0 ? undefined : open[0]);
		if (current === undefined || slot === undefined) {
			lateOwed = Math.max(0, lateOwed - 1);
			return;
		}

		slot.reply = message;
		slot.at = performance.now();
		current.left--;
		if (current.left > 0) return;
		waiter = undefined;
		current.done();
	});
	// On a connected UDP socket the kernel reports the ICMP "port unreachable" as ECONNREFUSED on the next
	// send or receive: nobody listens, and that is known at once, long before the reply timeout.
	const unreachable = () =>
		new SocktuiError(
			'PortUnreachable',
			`port unreachable: nothing listens on udp ${formatHostPort(options.host, options.port)}`,
		);
	const udpError = (error: NodeJS.ErrnoException) =>
		error.code === 'ECONNREFUSED' ? unreachable() : fromSocketError(error, context(options));
	socket.on('error', (error: NodeJS.ErrnoException) => {
		const current = waiter;
		waiter = undefined;
		current?.fail(udpError(error));
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

	/** Every datagram sent at once, then each reply awaited (one timeout for all of them). */
	const exchangeAll = async (payloads: readonly Uint8Array[]): Promise<EchoExchange[]> =>
		serial(async () => {
			if (closed) throw new SocktuiError('PeerClosed', 'the client is closed');
			for (const payload of payloads) {
				if (payload.length > defaults.maxDatagramBytes) {
					throw new SocktuiError(
						'BadInput',
						`message too large for one UDP datagram (${payload.length} bytes, at most ${defaults.maxDatagramBytes})`,
					);
				}
			}

			const started = performance.now();
			const slots: Array<{expected: Uint8Array; reply?: Buffer; at?: number}> = payloads.map((payload) => ({
				expected: uppercase(payload),
			}));
			await new Promise<void>((resolve, reject) => {
				const timer = setTimeout(() => {
					const current = waiter;
					waiter = undefined;
					lateOwed += current?.left ?? 0;
					reject(noReply());
				}, timeoutMs);
				waiter = {
					slots,
					left: slots.length,
					done() {
						clearTimeout(timer);
						resolve();
					},
					fail(error) {
						clearTimeout(timer);
						reject(error);
					},
				};
				for (const payload of payloads) {
					socket.send(payload, (error) => {
						if (!error || waiter === undefined) return;
						const current = waiter;
						waiter = undefined;
						current.fail(udpError(error));
					});
				}
			});
			return payloads.map((payload, index) => ({
				request: payload,
				reply: slots[index]!.reply!,
				rttMs: slots[index]!.at! - started,
			}));
		});

	return {
		protocol: 'udp',
		local,
		remote,
		async exchange(payload) {
			const [result] = await exchangeAll([payload]);
			return result!;
		},
		exchangeAll,
		onClose() {
			// UDP has no connection to lose.
			return () => {};
		},
		onUnexpected() {
			// UDP: a datagram that is not the reply awaited is dropped (see `lateOwed`).
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
