import type {Protocol} from '../defaults.js';

/** A socket address as Node reports it. */
export interface Endpoint {
	address: string;
	port: number;
}

/** Counters kept per TCP connection or per UDP peer. Times are `Date.now()` milliseconds. */
export interface TrafficCounters {
	bytesIn: number;
	bytesOut: number;
	messagesIn: number;
	messagesOut: number;
	firstSeen: number;
	lastSeen: number;
}

/**
 * What an echo server reports. The dashboard folds these into snapshots; the `server` command prints
 * them. `connectionId` identifies a TCP connection (UDP peers use `udp:ADDRESS:PORT`).
 */
export type EchoServerEvent =
	| {type: 'listening'; protocol: Protocol; local: Endpoint}
	| {type: 'connection-opened'; protocol: 'tcp'; connectionId: string; peer: Endpoint}
	| {
			type: 'connection-closed';
			protocol: 'tcp';
			connectionId: string;
			peer: Endpoint;
			/** `end`: the peer closed; `reset`: ECONNRESET/EPIPE; `error`: another socket error; `server`: we closed it. */
			reason: 'end' | 'reset' | 'error' | 'server';
			counters: TrafficCounters;
	  }
	| {type: 'connection-refused'; protocol: 'tcp'; peer: Endpoint; reason: 'limit'}
	| {type: 'message-in'; protocol: Protocol; connectionId: string; peer: Endpoint; bytes: Uint8Array}
	| {type: 'message-out'; protocol: Protocol; connectionId: string; peer: Endpoint; bytes: Uint8Array}
	| {type: 'dropped'; protocol: Protocol; peer: Endpoint; byteCount: number; reason: 'overload' | 'too-large'}
	| {type: 'error'; protocol: Protocol; message: string}
	| {type: 'closed'; protocol: Protocol};

export type EchoServerListener = (event: EchoServerEvent) => void;

export interface EchoSubscribeOptions {
	/** Receive message-in/message-out events (default true). */
	messages?: boolean;
}

/** Whole-server totals (cheap to read at any time). */
export interface EchoServerStats extends Omit<TrafficCounters, 'firstSeen' | 'lastSeen'> {
	protocol: Protocol;
	local: Endpoint;
	/** Open TCP connections, or UDP peers seen in the last minute. */
	activeConnections: number;
	totalConnections: number;
	refusedConnections: number;
	droppedMessages: number;
	/** TCP connections currently paused because their peer is not reading. */
	pausedConnections: number;
	/** Reply bytes the server holds right now (socket write queues plus replies held by the delay). */
	bufferedBytes?: number;
}

export interface EchoServerOptions {
	host?: string;
	/** 0 picks a free port. */
	port?: number;
	maxTcpConnections?: number;
	/** Reply delay in ms: the IO-latency knob (a slow disk or network). 0 = reply at once. */
	replyDelayMs?: number;
}

export interface EchoServer {
	readonly protocol: Protocol;
	/** The bound address (the real port when 0 was asked for). */
	readonly local: Endpoint;
	/**
	 * Subscribe to events; returns the unsubscribe function. With `{messages: false}` the listener gets
	 * everything except message-in/message-out, and a server with no message listener does no per-message
	 * event work at all. Event `bytes` are shared: read them, never modify them.
	 */
	subscribe(listener: EchoServerListener, options?: EchoSubscribeOptions): () => void;
	stats(): EchoServerStats;
	/** Per-connection counters (TCP connections open now; UDP peers recently seen). */
	connections(): Array<{connectionId: string; peer: Endpoint; counters: TrafficCounters}>;
	setReplyDelay(ms: number): void;
	/** Closes the listening socket and every connection. Idempotent. */
	close(): Promise<void>;
}

/** One request/reply with an echo server, as a client sees it. */
export interface EchoExchange {
	request: Uint8Array;
	reply: Uint8Array;
	rttMs: number;
}
