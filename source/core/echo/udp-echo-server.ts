import type dgram from 'node:dgram';
import net from 'node:net';
import {defaults} from '../defaults.js';
import {newGuardStats} from './counters.js';
import {DelayQueue} from './delay-queue.js';
import {EventHub} from './event-hub.js';
import {arrivingClient, ModelDispatcher, type ModelClient} from './model-dispatcher.js';
import type {ModelOptions} from './model-options.js';
import type {ServerModel} from './server-model.js';
import {UdpPeerTable, type UdpPeer as Peer} from './udp-peer-table.js';
import {fingerprint, uppercaseWithPrints} from './fingerprint.js';
import {readKernelDrops} from './kernel-drops.js';
import {LocalAddresses} from './local-addresses.js';
import type {
	DropReason,
	EchoGuardStats,
	EchoServer,
	EchoServerListener,
	EchoSubscribeOptions,
	EchoServerStats,
	Endpoint,
	TrafficCounters,
} from './types.js';
import {uppercase, uppercaseInPlace} from './uppercase.js';
import type {WorkerProcess} from './workers/worker-process.js';

/**
 * Slots of the per-peer table of recent reply fingerprints (direct-mapped: a slot holds the latest reply
 * whose fingerprint falls in it). With many datagrams looping at once some are overwritten, but enough
 * still match for the rate test to see the loop.
 */
const recentSlots = 256;
/** Guard drops of one reason are reported (as events) at most this often. */
const dropReportMs = 1000;

interface HeldReply {
	peer: Peer;
	bytes: Uint8Array;
}

/** Every model but a plain event loop: a datagram as the model dispatcher serves it (a client with one request). */
interface Job extends ModelClient {
	readonly from: Peer;
	readonly request: Uint8Array;
	/** The peer is watched for echo loops: remember the reply's fingerprint. */
	readonly watchLoop: boolean;
}

export interface UdpEchoServerOptions {
	replyDelayMs: number;
	maxPendingReplies: number;
	maxTrackedPeers: number;
	maxDatagramBytes: number;
	allowLowPorts: boolean;
	/** Replies per second per peer; 0 = no cap. */
	peerRate: number;
	loopGuard: boolean;
	loopMuteMs: number;
	loopWindowMs: number;
	loopMatches: number;
	loopWindows: number;
	models: ModelOptions;
}

const guardKeys: Record<DropReason, keyof EchoGuardStats> = {
	overload: 'overload',
	'too-large': 'tooLarge',
	unreplyable: 'unreplyable',
	'own-address': 'ownAddress',
	'low-port': 'lowPort',
	'rate-limit': 'rateLimited',
	muted: 'muted',
};

/**
 * The UDP uppercase echo: one datagram in, one datagram back to its sender. Replies waiting in the send
 * queue or behind the reply delay are capped; a flood beyond the cap is dropped and counted.
 *
 * Guards against hostile peers (each a drop, counted by reason, never an exception): no reply to a source
 * that cannot take one (port 0, broadcast, ...), to this host's own address on our own port, or to a
 * well-known service port below 1024; at most `peerRate` replies a second per peer; and a peer that keeps
 * sending back our own recent replies (an echo loop with another server) is muted for a while.
 */
export class UdpEchoServer implements EchoServer {
	readonly protocol = 'udp' as const;
	readonly #hub = new EventHub();
	readonly #peers: UdpPeerTable;
	readonly #held: DelayQueue<HeldReply>;
	readonly #options: UdpEchoServerOptions;
	readonly #addresses: LocalAddresses;
	readonly #family: 'udp4' | 'udp6';
	#closing: Promise<void> | undefined;
	#totals = {bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0};
	#droppedMessages = 0;
	readonly #guards = newGuardStats();
	readonly #dropReportedAt = new Map<DropReason, number>();
	readonly #dropsUnreported = new Map<DropReason, number>();
	/** The request's and the reply's fingerprints from the one-pass uppercase (no allocation per datagram). */
	readonly #prints = new Int32Array(2);
	/** pendingReplies() when last counted in full, and datagrams let past the overload check since then. */
	#pendingAtCount = 0;
	#admittedSinceCount = 0;
	/** The server models: where each datagram's handler runs, its knobs, who waits for a worker. */
	readonly #models: ModelDispatcher<Job>;

	readonly #socket: dgram.Socket;

	readonly local: Endpoint;

	constructor(socket: dgram.Socket, local: Endpoint, options: UdpEchoServerOptions) {
		this.local = local;
		this.#socket = socket;
		this.#options = options;
		this.#peers = new UdpPeerTable(options.maxTrackedPeers);
		this.#addresses = new LocalAddresses(local.address);
		this.#family = net.isIPv6(local.address) ? 'udp6' : 'udp4';
		this.#models = new ModelDispatcher<Job>(options.models, options.replyDelayMs, {
			reply: (job, reply) => this.#reply(this.#remembered(job, reply), reply),
			send: (job, reply) => this.#send(this.#remembered(job, reply), reply),
			away() {
				// The datagram is counted as pending until its job is released.
			},
			answered: (job, reply) => this.#answered(job, reply),
			// Its thread is ready: run the handler there.
			start: (job) => this.#models.handle(job, job.request),
			handOff: (job, worker) => this.#handOff(job, worker),
			// One datagram lost, never the server.
			fail: (job) => this.#done(job),
		});
		this.#held = new DelayQueue((reply) => this.#send(reply.peer, reply.bytes), this.#models.replyDelayMs);
		socket.on('message', (message, remote) => this.#receive(message, remote));
		socket.on(
			'error',
			(error) => this.#hub.active && this.#hub.emit({type: 'error', protocol: 'udp', message: error.message}),
		);
	}

	subscribe(listener: EchoServerListener, options?: EchoSubscribeOptions): () => void {
		return this.#hub.subscribe(listener, options);
	}

	stats(): EchoServerStats {
		const now = Date.now();
		const activeSince = now - defaults.udpPeerActiveMs;
		let activeConnections = 0;
		for (const peer of this.#peers.values()) if (peer.counters.lastSeen >= activeSince) activeConnections += 1;
		return {
			protocol: 'udp',
			local: this.local,
			...this.#totals,
			activeConnections,
			totalConnections: this.#peers.total,
			refusedConnections: 0,
			droppedMessages: this.#droppedMessages,
			pausedConnections: 0,
			bufferedBytes: this.#closing === undefined ? this.#socket.getSendQueueSize() : 0,
			guards: {...this.#guards},
			// Read from /proc on each call (a few KiB; callers ask about once a second), never per packet.
			kernelDrops:
				this.#closing === undefined ? readKernelDrops(this.local, this.#family) : {unavailable: 'the server is closed'},
			models: this.#models.stats(),
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
		const activeSince = Date.now() - defaults.udpPeerActiveMs;
		return [...this.#peers.values()]
			.filter((peer) => peer.counters.lastSeen >= activeSince)
			.map(({id, endpoint, counters}) => ({connectionId: id, peer: endpoint, counters: {...counters}}));
	}

	setReplyDelay(ms: number): void {
		this.#models.setReplyDelay(ms);
		this.#held.setDelay(this.#models.replyDelayMs);
	}

	/** Replies not yet handed to the kernel (held by the delay, in a handler or waiting for one, or queued in the socket). */
	pendingReplies(): number {
		return this.#held.size + this.#models.busy + (this.#closing === undefined ? this.#socket.getSendQueueCount() : 0);
	}

	async close(): Promise<void> {
		this.#closing ??= new Promise<void>((resolve) => {
			this.#held.clear();
			const stopped = this.#models.close();
			this.#socket.close(() => {
				void stopped.then(() => {
					if (this.#hub.active) this.#hub.emit({type: 'closed', protocol: 'udp'});
					resolve();
				});
			});
		});
		return this.#closing;
	}

	/**
	 * The hot path: guard, count, uppercase, reply (or hold the reply for the delay). For an ordinary peer
	 * the guards cost two port comparisons, a muted check and a window counter; fingerprints are taken only
	 * for a peer sending more than `loopMatches` datagrams a second, and then (event-loop model) in the same
	 * pass over the bytes as the uppercase.
	 */
	#receive(message: Buffer, remote: dgram.RemoteInfo): void {
		const length = message.length;
		if (length > this.#options.maxDatagramBytes) {
			this.#drop(remote, length, 'too-large');
			return;
		}

		const port = remote.port;
		if (port < 1024 && (port === 0 || !this.#options.allowLowPorts)) {
			this.#drop(remote, length, port === 0 ? 'unreplyable' : 'low-port');
			return;
		}

		if (port === this.local.port && this.#addresses.isOwn(remote.address)) {
			this.#drop(remote, length, 'own-address');
			return;
		}

		if (this.#overloaded()) {
			this.#drop(remote, length, 'overload');
			return;
		}

		const peer = this.#peers.of(remote);
		if (peer.blocked !== undefined) {
			this.#drop(remote, length, peer.blocked);
			return;
		}

		const now = Date.now();
		if (peer.mutedUntil > now) {
			this.#drop(remote, length, 'muted');
			return;
		}

		if (now - peer.rateWindowStart >= 1000) {
			peer.rateWindowStart = now;
			peer.rateCount = 0;
		}

		peer.rateCount += 1;
		if (this.#options.peerRate > 0 && peer.rateCount > this.#options.peerRate) {
			this.#drop(remote, length, 'rate-limit');
			return;
		}

		const watchLoop = this.#options.loopGuard && peer.rateCount > this.#options.loopMatches;
		const model = this.#models.model;
		const inline = model === 'event-loop' && this.#models.handlerCpuMs === 0;
		const wantsMessages = this.#hub.wantsMessages;
		// Listeners may keep the request bytes, so then the reply gets its own copy.
		let reply: Uint8Array | undefined;
		let replyPrint = 0;
		if (watchLoop) {
			let print: number;
			if (inline) {
				reply = wantsMessages ? new Uint8Array(length) : message;
				uppercaseWithPrints(message, reply, this.#prints);
				print = this.#prints[0]!;
				replyPrint = this.#prints[1]!;
			} else {
				print = fingerprint(message);
			}

			if (this.#loopSuspected(peer, print, now)) {
				this.#drop(remote, length, 'muted');
				return;
			}
		}

		const counters = peer.counters;
		counters.bytesIn += length;
		counters.messagesIn += 1;
		counters.lastSeen = now;
		this.#totals.bytesIn += length;
		this.#totals.messagesIn += 1;
		if (wantsMessages) {
			this.#hub.emitMessage({
				type: 'message-in',
				protocol: 'udp',
				connectionId: peer.id,
				peer: peer.endpoint,
				bytes: message,
			});
		}

		if (!inline) {
			const request = wantsMessages ? Uint8Array.from(message) : message;
			this.#models.handleOnce(this.#job(peer, request, model, watchLoop), request, now);
			return;
		}

		if (reply === undefined) reply = wantsMessages ? uppercase(message) : uppercaseInPlace(message);
		else this.#remember(peer, replyPrint);
		this.#reply(peer, reply);
	}

	/**
	 * pendingReplies() >= the cap, counting in full (which asks Node's native handle for its send queue) only
	 * when it could be true: each datagram let past adds at most one pending reply, so until the last full
	 * count plus the datagrams let past since reaches the cap, it cannot be.
	 */
	#overloaded(): boolean {
		const cap = this.#options.maxPendingReplies;
		if (this.#pendingAtCount + this.#admittedSinceCount < cap) {
			this.#admittedSinceCount += 1;
			return false;
		}

		this.#pendingAtCount = this.pendingReplies();
		if (this.#pendingAtCount >= cap) {
			this.#admittedSinceCount = 0;
			return true;
		}

		this.#admittedSinceCount = 1;
		return false;
	}

	/** Sends the reply, or holds it for the reply delay (behind any reply already held). */
	#reply(peer: Peer, reply: Uint8Array): void {
		if (this.#models.replyDelayMs > 0 || this.#held.size > 0) {
			this.#held.push({peer, bytes: reply});
			return;
		}

		this.#send(peer, reply);
	}

	/** Counts a datagram that equals one of our recent replies to this peer; true once the peer is muted. */
	#loopSuspected(peer: Peer, print: number, now: number): boolean {
		const recent = peer.recent;
		if (recent === undefined) return false;
		if (recent[print & (recentSlots - 1)] !== print) return false;
		const {loopWindowMs, loopMatches, loopWindows} = this.#options;
		if (now - peer.loopWindowStart >= loopWindowMs) {
			// A new window; the streak goes on only if the last one was busy and just ended.
			const continues = peer.loopMatches >= loopMatches && now - peer.loopWindowStart < 2 * loopWindowMs;
			peer.loopStreak = continues ? peer.loopStreak + 1 : 0;
			peer.loopWindowStart = now;
			peer.loopMatches = 0;
		}

		peer.loopMatches += 1;
		if (peer.loopMatches < loopMatches || peer.loopStreak + 1 < loopWindows) return false;
		peer.mutedUntil = now + this.#options.loopMuteMs;
		peer.loopMatches = 0;
		peer.loopStreak = 0;
		recent.fill(0);
		this.#guards.loopsSuspected += 1;
		if (this.#hub.active)
			this.#hub.emit({
				type: 'peer-muted',
				protocol: 'udp',
				peer: peer.endpoint,
				reason: 'loop',
				forMs: this.#options.loopMuteMs,
			});
		return true;
	}

	#remember(peer: Peer, print: number): void {
		peer.recent ??= new Int32Array(recentSlots);
		peer.recent[print & (recentSlots - 1)] = print;
	}

	#send(peer: Peer, reply: Uint8Array): void {
		if (this.#closing !== undefined) return;
		try {
			this.#socket.send(reply, peer.endpoint.port, peer.endpoint.address);
		} catch {
			// Node throws for addresses it cannot send to (the guards should have caught them): count, never crash.
			this.#guards.sendErrors += 1;
			return;
		}

		peer.counters.bytesOut += reply.length;
		peer.counters.messagesOut += 1;
		this.#totals.bytesOut += reply.length;
		this.#totals.messagesOut += 1;
		if (this.#hub.wantsMessages) {
			this.#hub.emitMessage({
				type: 'message-out',
				protocol: 'udp',
				connectionId: peer.id,
				peer: peer.endpoint,
				bytes: reply,
			});
		}
	}

	/** Counts a dropped datagram; reports it as an event at most once a second per reason. */
	#drop(remote: dgram.RemoteInfo, byteCount: number, reason: DropReason): void {
		this.#droppedMessages += 1;
		this.#guards[guardKeys[reason]] += 1;
		if (!this.#hub.active) return;
		const now = Date.now();
		const unreported = this.#dropsUnreported.get(reason) ?? 0;
		if (now - (this.#dropReportedAt.get(reason) ?? -Infinity) < dropReportMs) {
			this.#dropsUnreported.set(reason, unreported + 1);
			return;
		}

		this.#dropReportedAt.set(reason, now);
		this.#dropsUnreported.set(reason, 0);
		const event = {
			type: 'dropped',
			protocol: 'udp',
			peer: {address: remote.address, port: remote.port},
			byteCount,
			reason,
		} as const;
		this.#hub.emit(unreported > 0 ? {...event, unreported} : event);
	}

	#job(from: Peer, request: Uint8Array, model: ServerModel, watchLoop: boolean): Job {
		return {
			id: from.id,
			peer: from.endpoint,
			...arrivingClient(model),
			from,
			request,
			watchLoop,
		};
	}

	/** The reply's peer, after remembering the reply's fingerprint if the peer is watched for echo loops. */
	#remembered(job: Job, reply: Uint8Array): Peer {
		if (job.watchLoop) this.#remember(job.from, fingerprint(reply));
		return job.from;
	}

	/** threads, processes: the reply from the datagram's thread or child (the handler waited the delay). */
	#answered(job: Job, reply: Uint8Array): void {
		if (job.finished) return;
		if (this.#closing === undefined) this.#send(this.#remembered(job, reply), reply);
		this.#done(job);
	}

	/** processes: the child runs the handler on the datagram; the reply is sent from our socket. */
	#handOff(job: Job, worker: WorkerProcess): void {
		worker.ready
			.then(async () => worker.serveUdp(job.request, this.#models.knobs()))
			.then(
				(reply) => this.#answered(job, reply),
				() => this.#models.fail(job),
			);
	}

	/** The datagram's job is over (replied or lost): its thread or child goes to the next. */
	#done(job: Job): void {
		job.finished = true;
		this.#models.release(job);
	}
}
