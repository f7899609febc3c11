import type {Endpoint} from './types.js';

/**
 * How the echo server serves its clients: the tutorial's socketserver classes made visible.
 * `event-loop`: one thread multiplexes every socket (Node's default). `iterative`: one client at a time
 * (TCPServer/UDPServer). `threads`: a thread per connection or datagram (ThreadingTCPServer/UDPServer).
 * `processes`: a child process per connection or datagram (ForkingTCPServer/UDPServer).
 */
export const serverModels = ['event-loop', 'iterative', 'threads', 'processes'] as const;
export type ServerModel = (typeof serverModels)[number];

export function isServerModel(value: unknown): value is ServerModel {
	return typeof value === 'string' && (serverModels as readonly string[]).includes(value);
}

/** The model after `model` in the cycle the `m` key walks. */
export function nextServerModel(model: ServerModel): ServerModel {
	return serverModels[(serverModels.indexOf(model) + 1) % serverModels.length]!;
}

/** What the handler does per message besides uppercasing: the two knobs that make the models differ. */
export interface HandlerKnobs {
	/** IO latency: the reply is held this long (a timer under event-loop, a blocking sleep elsewhere). */
	replyDelayMs: number;
	/** CPU burned per message in the handler (a busy loop), on whatever thread or process runs it. */
	handlerCpuMs: number;
}

/** A thread or child process serving one TCP connection or one UDP datagram right now. */
export type ServerWorker =
	| {kind: 'thread'; tid: number; connectionId: string}
	| {kind: 'process'; pid: number; connectionId: string; pooled?: boolean};

/** An iterative server's client that is connected (the kernel accepted it) but not served yet. */
export interface QueuedClient {
	connectionId: string;
	peer: Endpoint;
	/** When it connected (`Date.now()` ms): the pane shows how long it has waited. */
	since: number;
}

/** What the server's model is doing, part of its stats. */
export interface ServerModelStats {
	/** The model new connections (TCP) or datagrams (UDP) get. */
	model: ServerModel;
	/** Open connections still served under an older model, by model (absent when none). */
	finishingUnder?: Partial<Record<ServerModel, number>>;
	handlerCpuMs: number;
	/** iterative: clients connected and waiting their turn, oldest first (at most `maxListedClients`). */
	queued: QueuedClient[];
	/** All queued clients (the list may be cut). */
	queuedCount: number;
	/** threads/processes: the workers alive now, oldest first (at most `maxListedWorkers`). */
	workers: ServerWorker[];
	workerCount: number;
	/** UDP threads/processes: datagrams waiting because the live-worker bound was reached, and in total. */
	waitingForWorker: number;
	queuedForWorkerTotal: number;
	/** Handlers that threw, and workers that died (each took down one connection or datagram, never the server). */
	handlerFailures: number;
	/** processes with --pool N: the pool size (0 = a fresh child each time). */
	pool: number;
}

export const maxListedClients = 16;
export const maxListedWorkers = 32;

/** The stats of a server with nothing going on under `model` (a starting point, and for tests). */
export function quietModelStats(model: ServerModel = 'event-loop'): ServerModelStats {
	return {
		model,
		handlerCpuMs: 0,
		queued: [],
		queuedCount: 0,
		workers: [],
		workerCount: 0,
		waitingForWorker: 0,
		queuedForWorkerTotal: 0,
		handlerFailures: 0,
		pool: 0,
	};
}
