import type dgram from 'node:dgram';
import {defaults} from '../defaults.js';
import {clampDelay, connectionIdOf, newCounters} from './counters.js';
import {DelayQueue} from './delay-queue.js';
import {EventHub} from './event-hub.js';
import type {EchoServer, EchoServerListener, EchoSubscribeOptions, EchoServerStats, Endpoint, TrafficCounters} from './types.js';
import {uppercase, uppercaseInPlace} from './uppercase.js';

interface Peer {
	readonly id: string;
	readonly endpoint: Endpoint;
	readonly counters: TrafficCounters;
}

interface HeldReply {
	peer: Peer;
	bytes: Uint8Array;
}

export interface UdpEchoServerOptions {
	replyDelayMs: number;
	maxPendingReplies: number;
	maxTrackedPeers: number;
	maxDatagramBytes: number;
}

/**
 * The UDP uppercase echo: one datagram in, one datagram back to its sender. Replies waiting in the send
 * queue or behind the reply delay are capped; a flood beyond the cap is dropped and counted.
 */
export class UdpEchoServer implements EchoServer {
	readonly protocol = 'udp' as const;
	private readonly hub = new EventHub();
	private readonly peers = new Map<string, Peer>();
	private readonly held: DelayQueue<HeldReply>;
	private readonly options: UdpEchoServerOptions;
	private replyDelayMs: number;
	private closing: Promise<void> | undefined;
	private totals = {bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0};
	private totalPeers = 0;
	private droppedMessages = 0;
	// The last peer seen: a ping-pong client needs no map lookup or key string per datagram.
	private lastPeer: Peer | undefined;

	constructor(
		private readonly socket: dgram.Socket,
		readonly local: Endpoint,
		options: UdpEchoServerOptions,
	) {
		this.options = options;
		this.replyDelayMs = clampDelay(options.replyDelayMs, defaults.maxReplyDelayMs);
		this.held = new DelayQueue((reply) => this.send(reply.peer, reply.bytes), this.replyDelayMs);
		socket.on('message', (message, remote) => this.receive(message, remote));
		socket.on('error', (error) => this.hub.active && this.hub.emit({type: 'error', protocol: 'udp', message: error.message}));
	}

	subscribe(listener: EchoServerListener, options?: EchoSubscribeOptions): () => void {
		return this.hub.subscribe(listener, options);
	}

	stats(): EchoServerStats {
		const activeSince = Date.now() - defaults.udpPeerActiveMs;
		let activeConnections = 0;
		for (const peer of this.peers.values()) if (peer.counters.lastSeen >= activeSince) activeConnections += 1;
		return {
			protocol: 'udp',
			local: this.local,
			...this.totals,
			activeConnections,
			totalConnections: this.totalPeers,
			refusedConnections: 0,
			droppedMessages: this.droppedMessages,
			pausedConnections: 0,
			bufferedBytes: this.closing === undefined ? this.socket.getSendQueueSize() : 0,
		};
	}

	connections(): Array<{connectionId: string; peer: Endpoint; counters: TrafficCounters}> {
		const activeSince = Date.now() - defaults.udpPeerActiveMs;
		return [...this.peers.values()]
			.filter((peer) => peer.counters.lastSeen >= activeSince)
			.map(({id, endpoint, counters}) => ({connectionId: id, peer: endpoint, counters: {...counters}}));
	}

	setReplyDelay(ms: number): void {
		this.replyDelayMs = clampDelay(ms, defaults.maxReplyDelayMs);
		this.held.setDelay(this.replyDelayMs);
	}

	/** Replies not yet handed to the kernel (held by the delay or queued in the socket). */
	pendingReplies(): number {
		return this.held.size + (this.closing === undefined ? this.socket.getSendQueueCount() : 0);
	}

	async close(): Promise<void> {
		this.closing ??= new Promise<void>((resolve) => {
			this.held.clear();
			this.socket.close(() => {
				if (this.hub.active) this.hub.emit({type: 'closed', protocol: 'udp'});
				resolve();
			});
		});
		return this.closing;
	}

	/** The hot path: count, uppercase, reply (or hold the reply for the delay), dropping beyond the caps. */
	private receive(message: Buffer, remote: dgram.RemoteInfo): void {
		const length = message.length;
		if (length > this.options.maxDatagramBytes) {
			this.drop(remote, length, 'too-large');
			return;
		}

		if (this.pendingReplies() >= this.options.maxPendingReplies) {
			this.drop(remote, length, 'overload');
			return;
		}

		const peer = this.peerOf(remote);
		const counters = peer.counters;
		counters.bytesIn += length;
		counters.messagesIn += 1;
		counters.lastSeen = Date.now();
		this.totals.bytesIn += length;
		this.totals.messagesIn += 1;
		let reply: Uint8Array;
		if (this.hub.wantsMessages) {
			this.hub.emitMessage({type: 'message-in', protocol: 'udp', connectionId: peer.id, peer: peer.endpoint, bytes: message});
			reply = uppercase(message);
		} else {
			reply = uppercaseInPlace(message);
		}

		if (this.replyDelayMs > 0 || this.held.size > 0) {
			this.held.push({peer, bytes: reply});
			return;
		}

		this.send(peer, reply);
	}

	private send(peer: Peer, reply: Uint8Array): void {
		if (this.closing !== undefined) return;
		this.socket.send(reply, peer.endpoint.port, peer.endpoint.address);
		peer.counters.bytesOut += reply.length;
		peer.counters.messagesOut += 1;
		this.totals.bytesOut += reply.length;
		this.totals.messagesOut += 1;
		if (this.hub.wantsMessages) {
			this.hub.emitMessage({type: 'message-out', protocol: 'udp', connectionId: peer.id, peer: peer.endpoint, bytes: reply});
		}
	}

	private drop(remote: dgram.RemoteInfo, byteCount: number, reason: 'overload' | 'too-large'): void {
		this.droppedMessages += 1;
		if (this.hub.active) {
			this.hub.emit({type: 'dropped', protocol: 'udp', peer: {address: remote.address, port: remote.port}, byteCount, reason});
		}
	}

	private peerOf(remote: dgram.RemoteInfo): Peer {
		const last = this.lastPeer;
		if (last !== undefined && last.endpoint.port === remote.port && last.endpoint.address === remote.address) return last;
		const endpoint = {address: remote.address, port: remote.port};
		const id = connectionIdOf('udp', endpoint);
		let peer = this.peers.get(id);
		if (peer === undefined) {
			if (this.peers.size >= this.options.maxTrackedPeers) {
				// Forget the peer tracked longest (Map keeps insertion order); totals keep its traffic.
				const oldest = this.peers.keys().next().value;
				if (oldest !== undefined) this.peers.delete(oldest);
			}

			peer = {id, endpoint, counters: newCounters(Date.now())};
			this.peers.set(id, peer);
			this.totalPeers += 1;
		}

		this.lastPeer = peer;
		return peer;
	}
}
