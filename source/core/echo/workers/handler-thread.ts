import {Worker} from 'node:worker_threads';
import type {HandlerKnobs} from '../server-model.js';

/**
 * The thread's whole program. A worker started from the CLI bundle would load all of it (Ink included),
 * so the handler is this small self-contained source instead: the same uppercase, CPU burn and blocking
 * sleep as runHandler. The thread learns its Linux TID from /proc/thread-self and names itself (ps, htop
 * and the timeline show the name); both are best effort elsewhere.
 */
const threadSource = `
const {parentPort, workerData} = require('node:worker_threads');
const fs = require('node:fs');
const {performance} = require('node:perf_hooks');
let tid = -1;
try { tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop()); } catch {}
try { fs.writeFileSync('/proc/thread-self/comm', workerData.label.slice(0, 15)); } catch {}
const cell = new Int32Array(new SharedArrayBuffer(4));
parentPort.postMessage({type: 'ready', tid});
parentPort.on('message', (request) => {
	if (request.rename !== undefined) {
		try { fs.writeFileSync('/proc/thread-self/comm', String(request.rename).slice(0, 15)); } catch {}
		return;
	}
	if (workerData.failOn !== undefined && Buffer.from(request.bytes).includes(workerData.failOn)) {
		throw new Error('the handler failed');
	}
	const bytes = request.bytes;
	for (let i = 0; i < bytes.length; i++) if ((bytes[i] - 0x61) >>> 0 < 26) bytes[i] -= 0x20;
	const end = performance.now() + request.cpu;
	while (performance.now() < end) {}
	if (request.delay > 0) Atomics.wait(cell, 0, 0, request.delay);
	parentPort.postMessage({type: 'reply', bytes}, [bytes.buffer]);
});
`;

export interface HandlerThreadOptions {
	/** The thread's name in ps and htop (cut to 15 bytes by the kernel). */
	label: string;
	/** Tests only: the handler throws when a request contains this text (a handler bug, in a thread). */
	failOn?: string;
}

/**
 * One worker thread running the echo handler (the threads model: a thread per connection or datagram).
 * Node cannot hand a socket to a worker thread, so the socket IO stays on the main thread; the handler
 * (uppercase, CPU cost, blocking reply delay) runs here, blocking only this thread. Requests are answered
 * in order. If the handler throws, every pending request fails and the thread is gone.
 */
export class HandlerThread {
	static async start(options: HandlerThreadOptions): Promise<HandlerThread> {
		const worker = new Worker(threadSource, {
			eval: true,
			workerData: {label: options.label, failOn: options.failOn},
			// A handler thread needs little: keep its heap small.
			resourceLimits: {maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4},
			stdout: true,
			stderr: true,
		});
		const tid = await new Promise<number>((resolve, reject) => {
			const onError = (error: Error) => reject(error);
			worker.once('error', onError);
			worker.once('exit', () => reject(new Error('the handler thread exited before it started')));
			worker.once('message', (message: {type?: string; tid?: unknown}) => {
				worker.off('error', onError);
				resolve(typeof message.tid === 'number' ? message.tid : -1);
			});
		});
		worker.removeAllListeners('exit');
		return new HandlerThread(worker, tid);
	}

	readonly tid: number;
	readonly #worker: Worker;
	readonly #pending: Array<{resolve(reply: Uint8Array): void; reject(error: Error): void}> = [];
	#failure: Error | undefined;
	#closed = false;
	#onExit: ((error: Error | undefined) => void) | undefined;

	/** Use `start` (or `spawn`): they wait for and wire up the new thread or child. */
	constructor(worker: Worker, tid: number) {
		this.#worker = worker;
		this.tid = tid;
		worker.on('message', (message: {type?: string; bytes?: unknown}) => {
			if (message.type !== 'reply' || !(message.bytes instanceof Uint8Array)) return;
			this.#pending.shift()?.resolve(message.bytes);
		});
		worker.on('error', (error) => {
			this.#failure = error;
		});
		worker.on('exit', () => this.#exited());
	}

	/** Requests sent and not answered yet. */
	get pending(): number {
		return this.#pending.length;
	}

	/** Called once when the thread ends: with the error if it failed, undefined after close(). */
	onExit(listener: (error: Error | undefined) => void): void {
		this.#onExit = listener;
	}

	/** Runs the handler on this thread; `bytes` is moved to the thread (the caller must not use it again). */
	async handle(bytes: Uint8Array, knobs: HandlerKnobs): Promise<Uint8Array> {
		if (this.#closed) throw this.#failure ?? new Error('the handler thread has ended');
		// Only a buffer of its own can be moved: a view (a line inside a read, a Buffer from Node's pool) is copied.
		// Not with `bytes.slice()`, which on a Buffer is a view too: moving its memory would detach the rest of the
		// read (or the pool), and Node 22+ refuses to move the pool at all (DataCloneError: the request was lost).
		const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
		return new Promise<Uint8Array>((resolve, reject) => {
			// Posted first: if it throws, the promise rejects and no answer is waited for.
			this.#worker.postMessage({bytes: own, cpu: knobs.handlerCpuMs, delay: knobs.replyDelayMs}, [
				own.buffer as ArrayBuffer,
			]);
			this.#pending.push({resolve, reject});
		});
	}

	/** Renames the thread (ps, htop): a reused thread serves someone else now. */
	rename(label: string): void {
		if (!this.#closed) this.#worker.postMessage({rename: label});
	}

	get closed(): boolean {
		return this.#closed;
	}

	/** Ends the thread (a request in its handler is abandoned). Idempotent. */
	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		await this.#worker.terminate();
	}

	#exited(): void {
		const error = this.#failure;
		const wasClosed = this.#closed;
		this.#closed = true;
		const failure = error ?? new Error('the handler thread has ended');
		for (const request of this.#pending.splice(0)) request.reject(failure);
		this.#onExit?.(wasClosed && error === undefined ? undefined : failure);
	}
}
