import {defaults} from '../defaults.js';
import {burnCpu} from '../procs/cpu-burst.js';
import {clampDelay} from './counters.js';
import {clampHandlerCpu, modelWorkers, type ModelOptions} from './model-options.js';
import {modelStats} from './model-stats.js';
import type {HandlerKnobs, ServerModel, ServerModelStats} from './server-model.js';
import type {Endpoint} from './types.js';
import {uppercaseInPlace} from './uppercase.js';
import type {HandlerThread} from './workers/handler-thread.js';
import {blockingSleep} from './workers/handler-work.js';
import type {ThreadCache} from './workers/thread-cache.js';
import type {WorkerPool} from './workers/worker-pool.js';
import type {WorkerProcess} from './workers/worker-process.js';

/**
 * A client as the dispatcher serves it: a TCP connection (admitted once, many requests) or a UDP datagram
 * (one request). The transport owns the object; the dispatcher reads `model` and keeps the other fields.
 */
export interface ModelClient {
	/** The connection id (TCP) or the peer's id (UDP): how the stats name the worker serving it. */
	readonly id: string;
	readonly peer: Endpoint;
	/** The model it was admitted under: it keeps it until it is released. */
	readonly model: ServerModel;
	/** Waiting its turn (iterative) or for a worker (threads, processes) since this time. */
	waitingSince: number | undefined;
	/** threads: its handler thread, once started. */
	thread: HandlerThread | undefined;
	/** threads: it counts against the live-thread bound (from start until it is released). */
	holdsThread: boolean;
	/** processes: the child serving it. */
	worker: WorkerProcess | undefined;
	/** The transport is done with it (set by the transport before or when it releases it). */
	finished: boolean;
}

/** A client's dispatcher fields as it arrives, under `model`: not waiting, no thread, no worker. */
export function arrivingClient(model: ServerModel): Omit<ModelClient, 'id' | 'peer'> {
	return {model, waitingSince: undefined, thread: undefined, holdsThread: false, worker: undefined, finished: false};
}

/** What the transport does for the dispatcher. Given once; nothing is made per message. */
export interface ModelHooks<C extends ModelClient> {
	/** event-loop: the handler's reply, to send now or after the reply delay (behind any reply held). */
	reply(client: C, reply: Uint8Array): void;
	/** iterative: the handler has already waited the reply delay: send now. */
	send(client: C, reply: Uint8Array): void;
	/** threads: a request went to the client's thread; its reply comes back through `answered`. */
	away(client: C, bytes: number): void;
	/** threads: the reply from the client's thread (the thread waited the delay). */
	answered(client: C, reply: Uint8Array): void;
	/** The client's turn starts (its thread, if any, is ready): TCP reads from now on; UDP runs its datagram. */
	start(client: C): void;
	/** A client that waited has started (TCP restarts its idle clock). */
	admitted?(client: C): void;
	/** processes: `worker` serves the client from now on. */
	handOff(client: C, worker: WorkerProcess): void;
	/** Its thread or child failed or could not be had: end the client (never the server). */
	fail(client: C): void;
}

/**
 * The server models (see server-model.ts) for one TCP or UDP echo server: the knobs (model, reply delay,
 * handler CPU), where each request's handler runs (this thread, a handler thread, a child), who waits for a
 * turn or a worker, and the model stats. The transport reads its sockets and sends; this decides the rest.
 *
 * The hot path stays with the transport: under event-loop with no handler CPU it uppercases and replies
 * itself, reading `handlerCpuMs` and `replyDelayMs` from here; every other case calls `handle`.
 */
export class ModelDispatcher<C extends ModelClient> {
	#model: ServerModel;
	#handlerCpuMs: number;
	#replyDelayMs: number;
	/** The knobs as sent to threads and children (a new object on each change, none per message). */
	#knobs: HandlerKnobs;
	#handlerFailures = 0;
	#queuedForWorkerTotal = 0;
	/** iterative: the client being served; the others wait in `#waiting` (as do clients waiting for a worker). */
	#serving: C | undefined;
	readonly #waiting: C[] = [];
	/** Clients holding a thread slot or a child, in the order they got it. */
	readonly #running = new Set<C>();
	#liveThreads = 0;
	#closing = false;
	readonly #maxThreads: number;
	readonly #pool: WorkerPool;
	readonly #threads: ThreadCache;
	readonly #hooks: ModelHooks<C>;

	constructor(models: ModelOptions, replyDelayMs: number, hooks: ModelHooks<C>) {
		this.#model = models.model;
		this.#handlerCpuMs = clampHandlerCpu(models.handlerCpuMs);
		this.#replyDelayMs = clampDelay(replyDelayMs, defaults.maxReplyDelayMs);
		this.#knobs = {replyDelayMs: this.#replyDelayMs, handlerCpuMs: this.#handlerCpuMs};
		this.#maxThreads = models.maxThreads;
		this.#hooks = hooks;
		({pool: this.#pool, threads: this.#threads} = modelWorkers(models, () => this.#admitWaiting()));
	}

	/** The model new clients get. */
	get model(): ServerModel {
		return this.#model;
	}

	get handlerCpuMs(): number {
		return this.#handlerCpuMs;
	}

	get replyDelayMs(): number {
		return this.#replyDelayMs;
	}

	/** What a thread or child is told to do per message. */
	knobs(): HandlerKnobs {
		return this.#knobs;
	}

	/** Clients on a thread or in a child now, and those waiting for one (UDP: replies still to come). */
	get busy(): number {
		return this.#running.size + this.#waiting.length;
	}

	/** New clients get this model; admitted ones keep theirs. */
	setModel(model: ServerModel): void {
		this.#model = model;
	}

	setHandlerCpu(ms: number): void {
		this.#handlerCpuMs = clampHandlerCpu(ms);
		this.#pushKnobs();
	}

	setReplyDelay(ms: number): void {
		this.#replyDelayMs = clampDelay(ms, defaults.maxReplyDelayMs);
		this.#pushKnobs();
	}

	/** TCP: a new connection, served now if its model allows, else it waits its turn (`now`: since when). */
	admit(client: C, now: number): void {
		if (this.#start(client)) return;
		client.waitingSince = now;
		if (client.model !== 'iterative') this.#queuedForWorkerTotal += 1;
		this.#waiting.push(client);
	}

	/** UDP: a client with one request, handled now on this thread, or admitted to wait for a thread or child. */
	handleOnce(client: C, request: Uint8Array, now: number): void {
		if (client.model === 'threads' || client.model === 'processes') this.admit(client, now);
		else this.handle(client, request);
	}

	/**
	 * Runs the handler for one request of an admitted client (`request` is ours to change) under the
	 * client's model: on this thread (event-loop: then the reply delay as a timer; iterative: blocking the
	 * whole server) or on the client's thread. Never called under processes (the child reads for itself).
	 */
	handle(client: C, request: Uint8Array): void {
		const model = client.model;
		if (model === 'threads') {
			this.#toThread(client, request);
			return;
		}

		const reply = uppercaseInPlace(request);
		burnCpu(this.#handlerCpuMs);
		if (model === 'iterative') {
			// The blocking handler: the whole server waits, like TCPServer's handle() in its only thread.
			blockingSleep(this.#replyDelayMs);
			this.#hooks.send(client, reply);
			return;
		}

		this.#hooks.reply(client, reply);
	}

	/** A handler thread or worker child failed: that client ends (counted), never the server. */
	fail(client: C): void {
		if (client.finished) return;
		if (!this.#closing) this.#handlerFailures += 1;
		this.#hooks.fail(client);
	}

	/** The client is done (closed, or its one reply sent): its turn, thread slot or child go to who waits. */
	release(client: C): void {
		if (client.waitingSince !== undefined) {
			const index = this.#waiting.indexOf(client);
			if (index !== -1) this.#waiting.splice(index, 1);
			client.waitingSince = undefined;
		}

		if (this.#running.delete(client) && client.worker !== undefined) this.#pool.release(client.worker);

		if (client.holdsThread) {
			client.holdsThread = false;
			this.#liveThreads -= 1;
			if (client.thread !== undefined) this.#threads.release(client.thread);
			this.#admitWaiting();
		}

		if (this.#serving === client) {
			this.#serving = undefined;
			this.#admitWaiting();
		}
	}

	/**
	 * `finishingUnder`: TCP's open connections still served under an older model (the transport counts
	 * them; UDP has none).
	 */
	stats(finishingUnder?: Partial<Record<ServerModel, number>>): ServerModelStats {
		return modelStats({
			model: this.#model,
			finishingUnder,
			handlerCpuMs: this.#handlerCpuMs,
			waiting: this.#waiting,
			running: this.#running,
			threads: this.#threads,
			pool: this.#pool,
			queuedForWorkerTotal: this.#queuedForWorkerTotal,
			handlerFailures: this.#handlerFailures,
		});
	}

	/** Nobody else starts; threads in use and every child end. Resolves once the pool and the cache are closed. */
	async close(): Promise<void> {
		this.#closing = true;
		this.#waiting.length = 0;
		for (const client of this.#running) void client.thread?.close();
		await Promise.all([this.#pool.close(), this.#threads.close()]);
	}

	/** Serves the client now if its model allows (otherwise it waits). */
	#start(client: C): boolean {
		switch (client.model) {
			case 'event-loop': {
				this.#hooks.start(client);
				return true;
			}

			case 'iterative': {
				if (this.#serving !== undefined) return false;
				this.#serving = client;
				this.#hooks.start(client);
				return true;
			}

			case 'threads': {
				if (this.#liveThreads >= this.#maxThreads) return false;
				this.#startThread(client);
				return true;
			}

			case 'processes': {
				let worker: WorkerProcess | undefined;
				try {
					worker = this.#pool.acquire();
				} catch {
					this.fail(client);
					return true;
				}

				if (worker === undefined) return false;
				client.worker = worker;
				this.#running.add(client);
				this.#hooks.handOff(client, worker);
				return true;
			}
		}
	}

	/** Something was freed (a served client released, a thread or child ended): start who waits, in order. */
	#admitWaiting(): void {
		for (let index = 0; index < this.#waiting.length && !this.#closing;) {
			const client = this.#waiting[index]!;
			if (client.finished || this.#start(client)) {
				this.#waiting.splice(index, 1);
				client.waitingSince = undefined;
				if (!client.finished) this.#hooks.admitted?.(client);
			} else {
				index++;
			}
		}
	}

	#startThread(client: C): void {
		this.#liveThreads += 1;
		client.holdsThread = true;
		this.#running.add(client);
		this.#threads.acquire(`echo ${client.peer.port}`).then(
			(thread) => {
				if (client.finished || this.#closing) {
					this.#threads.release(thread);
					return;
				}

				client.thread = thread;
				thread.onExit((error) => {
					if (error !== undefined && client.thread === thread) this.fail(client);
				});
				this.#hooks.start(client);
			},
			() => this.fail(client),
		);
	}

	#toThread(client: C, request: Uint8Array): void {
		this.#hooks.away(client, request.length);
		client.thread!.handle(request, this.#knobs).then(
			(reply) => this.#hooks.answered(client, reply),
			() => {
				// The thread failed: its exit handler ends the client.
			},
		);
	}

	#pushKnobs(): void {
		this.#knobs = {replyDelayMs: this.#replyDelayMs, handlerCpuMs: this.#handlerCpuMs};
		for (const client of this.#running) client.worker?.setKnobs(this.#knobs);
	}
}
