import type net from 'node:net';
import {getDefaultHighWaterMark} from 'node:stream';
import {acceptedPeer} from './accepted-peer.js';
import {connectionIdOf, newCounters, newGuardStats} from './counters.js';
import {DelayQueue} from './delay-queue.js';
import {EventHub} from './event-hub.js';
import {arrivingClient, ModelDispatcher} from './model-dispatcher.js';
import type {ModelOptions} from './model-options.js';
import type {ServerModel} from './server-model.js';
import type {
	CloseReason,
	EchoServer,
	EchoServerListener,
	EchoSubscribeOptions,
	EchoServerStats,
	Endpoint,
	TrafficCounters,
} from './types.js';
import {uppercase, uppercaseInPlace} from './uppercase.js';
import type {HandlerThread} from './workers/handler-thread.js';
import type {WorkerProcess} from './workers/worker-process.js';

/** How often the idle bookkeeping runs when no idle timeout asks for more often. */
const maxTickMs = 1000;

interface Connection {
	readonly id: string;
	readonly socket: net.Socket;
	readonly peer: Endpoint;
	readonly counters: TrafficCounters;
	/** Reading stopped because the peer is not taking our replies fast enough. */
	paused: boolean;
	/** Replies held back by the reply delay, and their total size. */
	delayed: DelayQueue<Uint8Array> | undefined;
	delayedBytes: number;
	peerEnded: boolean;
	reason: CloseReason | undefined;
	/** Traffic (a request, or the peer reading our replies) since the last tick: the tick moves it back. */
	stirred: boolean;
	/** When the connection was last moved to the back of the idle order. */
	touchedAt: number;
	/** How long it had been silent when we closed it for idleness (idle, evicted). */
	idleMs: number | undefined;
	/** The connection-closed event was emitted. */
	finished: boolean;
	/** The model it was accepted under: it keeps it until it closes. */
	readonly model: ServerModel;
	/** Waiting its turn (iterative) or for a worker (threads, processes) since this time; reading is paused. */
	waitingSince: number | undefined;
	/** threads: the connection's handler thread, once started. */
	thread: HandlerThread | undefined;
	/** threads: it counts against the live-thread bound (from start until it closes). */
	holdsThread: boolean;
	/** processes: the child that owns the socket from now on. */
	worker: WorkerProcess | undefined;
}

export interface TcpEchoServerOptions {
	maxConnections: number;
	replyDelayMs: number;
	writeHighWaterBytes: number;
	/** Close a connection silent this long (0 = never). */
	idleTimeoutMs: number;
	/** The idle timeout once `busyFraction` of `maxConnections` are open (if shorter). */
	busyIdleTimeoutMs: number;
	busyFraction: number;
	models: ModelOptions;
}

/**
 * The TCP uppercase echo: a byte stream echoed chunk by chunk as it arrives (no framing). A peer that
 * does not read its replies gets its connection paused once more than `writeHighWaterBytes` are waiting,
 * so the server never buffers without bound.
 *
 * Silent connections cannot lock everyone out: one silent longer than the idle timeout (shorter when the
 * connection cap is nearly reached) is closed, and at the cap the longest-idle connection is closed to make
 * room for a new one. `open` keeps connections in idle order. The per-message cost of that bookkeeping is
 * one flag (`stirred`): a tick (at most a quarter of the shortest idle timeout apart, at most 1 s) moves the
 * connections with traffic since the last tick to the back and stamps their `lastSeen`, so a message reads
 * no clock. `lastSeen` is thus late by up to one tick (a connection closes for idleness up to two ticks
 * after the timeout, never before it).
 */
export class TcpEchoServer implements EchoServer {
	readonly protocol = 'tcp' as const;
	readonly #hub = new EventHub();
	readonly #open = new Map<string, Connection>();
	readonly #options: TcpEchoServerOptions;
	#closing: Promise<void> | undefined;
	/** The traffic of finished connections; that of the others is summed when asked, not counted per message. */
	readonly #finishedTotals = {bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0};
	/** Every connection accepted and not finished (`open` and those closed for idleness but not yet gone). */
	readonly #live = new Set<Connection>();
	#totalConnections = 0;
	#refusedConnections = 0;
	#pausedConnections = 0;
	#idleClosed = 0;
	#evicted = 0;
	readonly #tickTimer: NodeJS.Timeout;
	/** The server models: where each connection's handler runs, its knobs, who waits its turn. */
	readonly #models: ModelDispatcher<Connection>;
	/** Our write high-water mark is at least the socket stream's, so `write() === true` means "below ours". */
	readonly #writeReturnImpliesBelow: boolean;

	readonly #server: net.Server;

	readonly local: Endpoint;

	constructor(server: net.Server, local: Endpoint, options: TcpEchoServerOptions) {
		this.local = local;
		this.#server = server;
		this.#options = options;
		this.#writeReturnImpliesBelow = options.writeHighWaterBytes >= getDefaultHighWaterMark(false);
		this.#models = new ModelDispatcher<Connection>(options.models, options.replyDelayMs, {
			reply: (connection, reply) => this.#reply(connection, reply),
			send: (connection, reply) => this.#send(connection, reply),
			away: (connection, bytes) => this.#away(connection, bytes),
			answered: (connection, reply) => this.#answered(connection, reply),
			start: (connection) => connection.socket.resume(),
			// Its turn starts now: the idle clock too.
			admitted: (connection) => this.#touch(connection, Date.now()),
			handOff: (connection, worker) => this.#handOff(connection, worker),
			fail: (connection) => this.#fail(connection),
		});
		server.on('connection', (socket) => this.#accept(socket));
		const shortest = Math.min(options.idleTimeoutMs, options.busyIdleTimeoutMs);
		const tickMs = options.idleTimeoutMs > 0 ? Math.max(50, Math.min(maxTickMs, shortest / 4)) : maxTickMs;
		this.#tickTimer = setInterval(() => this.#tick(), tickMs);
		this.#tickTimer.unref();

		server.on(
			'error',
			(error) => this.#hub.active && this.#hub.emit({type: 'error', protocol: 'tcp', message: error.message}),
		);
	}

	subscribe(listener: EchoServerListener, options?: EchoSubscribeOptions): () => void {
		return this.#hub.subscribe(listener, options);
	}

	stats(): EchoServerStats {
		const totals = {...this.#finishedTotals};
		let bufferedBytes = 0;
		for (const connection of this.#open.values())
			bufferedBytes += connection.socket.writableLength + connection.delayedBytes;
		for (const connection of this.#live) addTraffic(totals, connection.counters);
		return {
			protocol: 'tcp',
			local: this.local,
			...totals,
			activeConnections: this.#open.size,
			totalConnections: this.#totalConnections,
			refusedConnections: this.#refusedConnections,
			droppedMessages: 0,
			pausedConnections: this.#pausedConnections,
			bufferedBytes,
			guards: {...newGuardStats(), idleClosed: this.#idleClosed, evicted: this.#evicted},
			models: this.#models.stats(this.#finishingUnder()),
			replyDelayMs: this.#models.replyDelayMs,
		};
	}

	setModel(model: ServerModel): void {
		this.#models.setModel(model);
	}

	setHandlerCpu(ms: number): void {
		this.#models.setHandlerCpu(ms);
	}

	connections(): Array<{connectionId: string; peer: Endpoint; counters: TrafficCounters}> {
		const now = Date.now();
		return [...this.#open.values()].map((connection) => ({
			connectionId: connection.id,
			peer: connection.peer,
			counters: currentCounters(connection, now),
		}));
	}

	setReplyDelay(ms: number): void {
		this.#models.setReplyDelay(ms);
		for (const connection of this.#open.values()) connection.delayed?.setDelay(this.#models.replyDelayMs);
	}

	async close(): Promise<void> {
		this.#closing ??= (async () => {
			clearInterval(this.#tickTimer);
			const waits = [new Promise<void>((resolve) => this.#server.close(() => resolve()))];
			for (const connection of this.#open.values()) {
				connection.reason ??= 'server';
				if (connection.worker === undefined) {
					waits.push(new Promise<void>((resolve) => connection.socket.once('close', () => resolve())));
					connection.socket.destroy();
				} else {
					waits.push(connection.worker.stop().then(() => this.#closed(connection)));
				}
			}

			waits.push(this.#models.close());

			// Every connection-closed event comes before `closed`.
			await Promise.all(waits);
			if (this.#hub.active) this.#hub.emit({type: 'closed', protocol: 'tcp'});
		})();
		return this.#closing;
	}

	#accept(socket: net.Socket): void {
		const peer = acceptedPeer(socket);
		if (this.#closing !== undefined) {
			this.#refusedConnections += 1;
			socket.on('error', () => {});
			socket.destroy();
			if (this.#hub.active) this.#hub.emit({type: 'connection-refused', protocol: 'tcp', peer, reason: 'limit'});
			return;
		}

		const now = Date.now();
		if (this.#open.size >= this.#options.maxConnections) {
			// At the cap: make room by closing the connection that has been silent longest. One waiting its turn
			// (iterative) or for a worker is not idle but queued; if only those are left, the newcomer is refused.
			// One with traffic since the last tick is not silent yet where the order stands: only if all are.
			let longestIdle: Connection | undefined;
			let stirred: Connection | undefined;
			for (const connection of this.#open.values()) {
				if (connection.waitingSince !== undefined) continue;
				if (!connection.stirred) {
					longestIdle = connection;
					break;
				}

				stirred ??= connection;
			}

			longestIdle ??= stirred;

			if (longestIdle === undefined) {
				this.#refusedConnections += 1;
				socket.on('error', () => {});
				socket.destroy();
				if (this.#hub.active) this.#hub.emit({type: 'connection-refused', protocol: 'tcp', peer, reason: 'limit'});
				return;
			}

			this.#closeForIdleness(longestIdle, 'evicted', now);
		}

		socket.setNoDelay(true);
		const connection: Connection = {
			id: connectionIdOf('tcp', peer),
			socket,
			peer,
			counters: newCounters(Date.now()),
			paused: false,
			delayed: undefined,
			delayedBytes: 0,
			peerEnded: false,
			reason: undefined,
			stirred: false,
			touchedAt: now,
			idleMs: undefined,
			...arrivingClient(this.#models.model),
		};
		this.#open.set(connection.id, connection);
		this.#live.add(connection);
		this.#totalConnections += 1;
		if (this.#hub.active)
			this.#hub.emit({type: 'connection-opened', protocol: 'tcp', connectionId: connection.id, peer});
		if (connection.model === 'processes') {
			// The child will own the socket: nothing is read here, its end comes from the child.
			socket.on('error', () => {});
		} else {
			this.#listen(connection);
		}

		this.#models.admit(connection, now);
	}

	#listen(connection: Connection): void {
		const {socket} = connection;
		socket.on('data', (chunk: Buffer) => this.#receive(connection, chunk));
		socket.on('drain', () => {
			// The peer is reading our replies: not idle.
			connection.stirred = true;
			this.#maybeResume(connection);
		});
		socket.on('end', () => {
			connection.peerEnded = true;
			// Half-close: finish echoing what is held back (or in a handler thread), then close our side too.
			if ((connection.delayed?.size ?? 0) === 0 && connection.delayedBytes === 0) socket.end();
		});
		socket.on('error', (error: NodeJS.ErrnoException) => {
			connection.reason ??= error.code === 'ECONNRESET' || error.code === 'EPIPE' ? 'reset' : 'error';
		});
		socket.on('close', () => this.#closed(connection));
	}

	/** The hot path: count, uppercase, reply (or hold the reply for the delay). */
	#receive(connection: Connection, chunk: Buffer): void {
		const counters = connection.counters;
		counters.bytesIn += chunk.length;
		counters.messagesIn += 1;
		connection.stirred = true;
		const wantsMessages = this.#hub.wantsMessages;
		if (wantsMessages) {
			this.#hub.emitMessage({
				type: 'message-in',
				protocol: 'tcp',
				connectionId: connection.id,
				peer: connection.peer,
				bytes: chunk,
			});
		}

		// Listeners may keep the request bytes: the handler gets its own copy.
		if (connection.model !== 'event-loop' || this.#models.handlerCpuMs > 0) {
			this.#models.handle(connection, wantsMessages ? Uint8Array.from(chunk) : chunk);
			return;
		}

		this.#reply(connection, wantsMessages ? uppercase(chunk) : uppercaseInPlace(chunk));
	}

	/** Sends the reply, or holds it for the reply delay (behind any reply already held). */
	#reply(connection: Connection, reply: Uint8Array): void {
		if (
			this.#models.replyDelayMs > 0 ||
			connection.delayedBytes > 0 ||
			(connection.delayed !== undefined && connection.delayed.size > 0)
		) {
			connection.delayed ??= new DelayQueue((held) => this.#releaseHeld(connection, held), this.#models.replyDelayMs);
			connection.delayed.push(reply);
			connection.delayedBytes += reply.length;
			this.#maybePause(connection);
			return;
		}

		this.#send(connection, reply);
	}

	#releaseHeld(connection: Connection, reply: Uint8Array): void {
		connection.delayedBytes -= reply.length;
		if (connection.socket.destroyed) return;
		this.#send(connection, reply);
		if (connection.peerEnded && connection.delayed!.size === 0) connection.socket.end();
		this.#maybeResume(connection);
	}

	#send(connection: Connection, reply: Uint8Array): void {
		const {socket, counters} = connection;
		// No writable check: data stops before the socket can end or be destroyed, and held replies are
		// checked in releaseHeld. write() returning true means less than the stream's own high-water mark
		// is queued, which is below ours: nothing to pause for.
		const belowMark = socket.write(reply) && this.#writeReturnImpliesBelow && connection.delayedBytes === 0;
		counters.bytesOut += reply.length;
		counters.messagesOut += 1;
		if (this.#hub.wantsMessages) {
			this.#hub.emitMessage({
				type: 'message-out',
				protocol: 'tcp',
				connectionId: connection.id,
				peer: connection.peer,
				bytes: reply,
			});
		}

		if (!belowMark) this.#maybePause(connection);
	}

	#maybePause(connection: Connection): void {
		if (connection.paused) return;
		if (connection.socket.writableLength + connection.delayedBytes <= this.#options.writeHighWaterBytes) return;
		connection.paused = true;
		this.#pausedConnections += 1;
		connection.socket.pause();
	}

	#maybeResume(connection: Connection): void {
		if (!connection.paused) return;
		if (connection.socket.writableLength + connection.delayedBytes > this.#options.writeHighWaterBytes) return;
		connection.paused = false;
		this.#pausedConnections -= 1;
		connection.socket.resume();
	}

	/** The idle bookkeeping: connections with traffic since the last tick go to the back; then the idle sweep. */
	#tick(): void {
		const now = Date.now();
		const stirred: Connection[] = [];
		for (const connection of this.#open.values()) if (connection.stirred) stirred.push(connection);
		for (const connection of stirred) this.#touch(connection, now);
		this.#closeIdle(now);
	}

	/** Moves a connection with traffic to the back of the idle order. */
	#touch(connection: Connection, now: number): void {
		connection.stirred = false;
		connection.counters.lastSeen = now;
		if (connection.reason !== undefined || this.#open.get(connection.id) !== connection) return;
		connection.touchedAt = now;
		this.#open.delete(connection.id);
		this.#open.set(connection.id, connection);
	}

	/** The idle timeout now: shorter once the connection cap is nearly reached. 0 = never. */
	#idleTimeoutNow(): number {
		const {idleTimeoutMs, busyIdleTimeoutMs, busyFraction, maxConnections} = this.#options;
		if (idleTimeoutMs <= 0) return 0;
		return this.#open.size >= Math.ceil(maxConnections * busyFraction)
			? Math.min(idleTimeoutMs, busyIdleTimeoutMs)
			: idleTimeoutMs;
	}

	/** Closes connections silent longer than the idle timeout, walking from the longest idle. */
	#closeIdle(now: number): void {
		const timeout = this.#idleTimeoutNow();
		if (timeout <= 0) return;
		const silentSince = now - timeout;
		const idle: Connection[] = [];
		for (const connection of this.#open.values()) {
			// lastSeen >= touchedAt: from here on, nobody has been silent long enough.
			if (connection.touchedAt > silentSince) break;
			// Waiting its turn is not being idle; a worker child applies the idle timeout itself.
			if (connection.waitingSince !== undefined || connection.worker !== undefined) continue;
			if (connection.counters.lastSeen <= silentSince) idle.push(connection);
		}

		for (const connection of idle) this.#closeForIdleness(connection, 'idle', now);
	}

	#closeForIdleness(connection: Connection, reason: 'idle' | 'evicted', now: number): void {
		this.#open.delete(connection.id);
		connection.reason = reason;
		if (connection.stirred) this.#touch(connection, now);
		connection.idleMs = now - connection.counters.lastSeen;
		if (reason === 'idle') this.#idleClosed += 1;
		else this.#evicted += 1;
		connection.socket.destroy();
	}

	#closed(connection: Connection): void {
		if (connection.finished) return;
		connection.finished = true;
		if (this.#open.get(connection.id) === connection) this.#open.delete(connection.id);
		this.#live.delete(connection);
		addTraffic(this.#finishedTotals, connection.counters);
		connection.delayed?.clear();
		connection.delayedBytes = 0;
		if (connection.paused) {
			connection.paused = false;
			this.#pausedConnections -= 1;
		}

		this.#models.release(connection);

		if (this.#hub.active) {
			this.#hub.emit({
				type: 'connection-closed',
				protocol: 'tcp',
				connectionId: connection.id,
				peer: connection.peer,
				reason: connection.reason ?? 'end',
				counters: currentCounters(connection, Date.now()),
				...(connection.idleMs === undefined ? {} : {idleMs: connection.idleMs}),
			});
		}
	}

	/** threads: a request went to the connection's thread; its reply counts as held back until it comes. */
	#away(connection: Connection, bytes: number): void {
		connection.delayedBytes += bytes;
		this.#maybePause(connection);
	}

	/** threads: the reply from the connection's thread (as long as the request it answers). */
	#answered(connection: Connection, reply: Uint8Array): void {
		connection.delayedBytes -= reply.length;
		if (connection.socket.destroyed) return;
		this.#send(connection, reply);
		if (connection.peerEnded && connection.delayedBytes === 0) connection.socket.end();
		this.#maybeResume(connection);
	}

	/** processes: the child owns the socket from now on; it reports the traffic and the end. */
	#handOff(connection: Connection, worker: WorkerProcess): void {
		worker.setListeners({
			traffic: (report) => this.#workerTraffic(connection, report),
			tcpEnd: (reason) => {
				connection.reason ??= reason;
				this.#closed(connection);
			},
			exit: () => this.#models.fail(connection),
		});
		worker.ready.then(
			() => {
				if (connection.finished) return;
				worker.serveTcp(connection.socket, this.#models.knobs(), this.#idleTimeoutNow());
			},
			() => {
				// The child died before it was ready: its exit listener ends the connection.
			},
		);
	}

	#workerTraffic(
		connection: Connection,
		report: {
			bytesIn: number;
			bytesOut: number;
			messagesIn: number;
			messagesOut: number;
			samples: Array<{direction: 'in' | 'out'; bytesBase64: string}>;
		},
	): void {
		if (connection.finished) return;
		const {counters} = connection;
		counters.bytesIn += report.bytesIn;
		counters.bytesOut += report.bytesOut;
		counters.messagesIn += report.messagesIn;
		counters.messagesOut += report.messagesOut;
		counters.lastSeen = Date.now();
		if (!this.#hub.wantsMessages) return;
		for (const sample of report.samples) {
			this.#hub.emitMessage({
				type: sample.direction === 'in' ? 'message-in' : 'message-out',
				protocol: 'tcp',
				connectionId: connection.id,
				peer: connection.peer,
				bytes: Buffer.from(sample.bytesBase64, 'base64'),
			});
		}
	}

	/** Its thread or child failed (the dispatcher counted it): the connection ends, reason `error`. */
	#fail(connection: Connection): void {
		connection.reason ??= 'error';
		if (connection.worker === undefined) connection.socket.destroy();
		else this.#closed(connection);
	}

	/** Open connections still served under an older model, by model. */
	#finishingUnder(): Partial<Record<ServerModel, number>> {
		const finishingUnder: Partial<Record<ServerModel, number>> = {};
		const model = this.#models.model;
		for (const connection of this.#open.values())
			if (connection.model !== model) finishingUnder[connection.model] = (finishingUnder[connection.model] ?? 0) + 1;
		return finishingUnder;
	}
}

type Traffic = Pick<TrafficCounters, 'bytesIn' | 'bytesOut' | 'messagesIn' | 'messagesOut'>;

function addTraffic(totals: Traffic, counters: Traffic): void {
	totals.bytesIn += counters.bytesIn;
	totals.bytesOut += counters.bytesOut;
	totals.messagesIn += counters.messagesIn;
	totals.messagesOut += counters.messagesOut;
}

/** A copy of the counters, `lastSeen` brought up to `now` if there was traffic since the last tick. */
function currentCounters(connection: Connection, now: number): TrafficCounters {
	return connection.stirred ? {...connection.counters, lastSeen: now} : {...connection.counters};
}
