import type {Protocol} from '../defaults.js';
import type {ReadReport} from './read-report.js';
import type {ServerModel, ServerModelStats} from './server-model.js';
import type {WorkerSpawnOptions} from './workers/worker-process.js';

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
			/**
			 * `end`: the peer closed; `reset`: ECONNRESET/EPIPE; `error`: another socket error; `server`: we closed
			 * it; `idle`: silent longer than the idle timeout; `evicted`: the longest-idle connection, closed at the
			 * connection cap to make room for a new one.
			 */
			reason: CloseReason;
			counters: TrafficCounters;
			/** For `idle` and `evicted`: how long the peer had been silent. */
			idleMs?: number;
	  }
	| {type: 'connection-refused'; protocol: 'tcp'; peer: Endpoint; reason: 'limit'}
	| {
			type: 'message-in';
			protocol: Protocol;
			connectionId: string;
			peer: Endpoint;
			bytes: Uint8Array;
			/** TCP, after the trip from the server process: the read's size and line ends (from all its bytes). */
			read?: ReadReport;
	  }
	| {type: 'message-out'; protocol: Protocol; connectionId: string; peer: Endpoint; bytes: Uint8Array}
	| {
			type: 'dropped';
			protocol: Protocol;
			peer: Endpoint;
			byteCount: number;
			reason: DropReason;
			/** Guard drops are reported at most once a second per reason: drops of this reason not reported since. */
			unreported?: number;
	  }
	/** A UDP peer that returned our own replies at a high rate (an echo loop) gets no replies for `forMs`. */
	| {type: 'peer-muted'; protocol: 'udp'; peer: Endpoint; reason: 'loop'; forMs: number}
	| {type: 'error'; protocol: Protocol; message: string}
	| {type: 'closed'; protocol: Protocol};

export type CloseReason = 'end' | 'reset' | 'error' | 'server' | 'idle' | 'evicted';

/**
 * Why a UDP datagram got no reply. `overload`: too many replies pending; `too-large`: over 65,507 bytes;
 * `unreplyable`: its source cannot be replied to (port 0, an unspecified, broadcast or multicast address);
 * `own-address`: it claims to come from this server itself; `low-port`: from a port below 1024 (a
 * well-known service such as echo or chargen); `rate-limit`: its peer is over the per-peer reply rate;
 * `muted`: its peer is muted as a suspected echo loop.
 */
export type DropReason = 'overload' | 'too-large' | 'unreplyable' | 'own-address' | 'low-port' | 'rate-limit' | 'muted';

/** What the guards against hostile peers did (all zero on a quiet network). */
export interface EchoGuardStats {
	/** UDP datagrams dropped, by reason (`droppedMessages` is their sum). */
	unreplyable: number;
	ownAddress: number;
	lowPort: number;
	rateLimited: number;
	muted: number;
	overload: number;
	tooLarge: number;
	/** UDP peers muted as suspected echo loops. */
	loopsSuspected: number;
	/** UDP replies the kernel refused to send (counted, never thrown). */
	sendErrors: number;
	/** TCP connections closed after the idle timeout. */
	idleClosed: number;
	/** TCP connections closed at the connection cap to make room for a new one. */
	evicted: number;
}

/** Datagrams the kernel dropped because the socket's receive buffer was full (Linux /proc/net/udp). */
export type KernelDrops = {count: number} | {unavailable: string};

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
	/** UDP datagrams received and not answered, for any reason (see `guards` for the reasons). */
	droppedMessages: number;
	/** TCP connections currently paused because their peer is not reading. */
	pausedConnections: number;
	/** Reply bytes the server holds right now (socket write queues plus replies held by the delay). */
	bufferedBytes?: number;
	guards: EchoGuardStats;
	/** UDP only: the kernel's receive-buffer drops for this socket, or why they cannot be read. */
	kernelDrops?: KernelDrops;
	/** The server model and what it is doing (queued clients, live threads or children). */
	models: ServerModelStats;
	/** The reply delay in force in the server itself (ms): what a knob turned really set. */
	replyDelayMs?: number;
}

export interface EchoServerOptions {
	host?: string;
	/** 0 picks a free port. */
	port?: number;
	maxTcpConnections?: number;
	/** Reply delay in ms: the IO-latency knob (a slow disk or network). 0 = reply at once. */
	replyDelayMs?: number;
	/** TCP: close a connection silent this long (ms; 0 = never). */
	idleTimeoutMs?: number;
	/** TCP: the idle timeout while the connection cap is nearly reached (ms; applies only if shorter). */
	busyIdleTimeoutMs?: number;
	/** UDP: reply to source ports below 1024 (well-known services such as echo and chargen). */
	allowLowPorts?: boolean;
	/** UDP: replies per second to one peer; more are dropped and counted (0 = no cap). */
	udpPeerRate?: number;
	/** UDP: mute a peer that returns our own replies at a high rate (an echo loop). */
	loopGuard?: boolean;
	/** UDP: how long a suspected echo loop peer is muted (ms). */
	loopMuteMs?: number;
	/** How clients are served (default event-loop). */
	model?: ServerModel;
	/** CPU burned per message in the handler (ms; default 0). */
	handlerCpuMs?: number;
	/** processes model: pre-started children (default 0: a fresh child each time). */
	pool?: number;
	/** How a processes-model child is started (default: this process's own CLI script). */
	workerSpawn?: WorkerSpawnOptions;
	/** Tests only: a handler thread throws on a message containing this text. */
	failHandlerOn?: string;
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
	/** New connections (TCP) or datagrams (UDP) get this model; open connections keep theirs. */
	setModel(model: ServerModel): void;
	/** CPU burned per message in the handler (ms). */
	setHandlerCpu(ms: number): void;
	/** Closes the listening socket and every connection. Idempotent. */
	close(): Promise<void>;
}

/** One request/reply with an echo server, as a client sees it. */
export interface EchoExchange {
	request: Uint8Array;
	reply: Uint8Array;
	rttMs: number;
	/** TCP: the size of each read the reply arrived in (a stream has no message boundaries). */
	readSizes?: number[];
}
