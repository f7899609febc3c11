import type {ChildProcess} from 'node:child_process';
import type net from 'node:net';
import process from 'node:process';
import {spawnCliChild} from '../../procs/spawn-child.js';
import type {HandlerKnobs} from '../server-model.js';
import type {CloseReason} from '../types.js';
import {parseWorkerReport, type WorkerCommand, type WorkerReport} from './worker-messages.js';

export interface WorkerSpawnOptions {
	/** The CLI to run (`server-worker`); defaults to this process's script (the bundled dist/cli.js). */
	cliPath?: string;
	/** Node flags for the child (e.g. a loader when cliPath is TypeScript). */
	execArgv?: string[];
	/** A pooled worker serves one job after another instead of ending after its first. */
	pooled?: boolean;
}

export interface WorkerListeners {
	/** Traffic the child served since its last report (payload samples for the log included). */
	traffic?(report: Extract<WorkerReport, {type: 'traffic'}>): void;
	/** The TCP connection it served has closed. */
	tcpEnd?(reason: CloseReason): void;
	/** The process is gone (a pooled one only when it died or was ended). */
	exit?(code: number | null, signal: NodeJS.Signals | null): void;
}

/**
 * The server's side of one `server-worker` child (the processes model). The child gets the connection's
 * socket (it owns it from then on: the server no longer sees its bytes, only the child's reports) or a
 * datagram to answer. Every report is validated; the child is only ever signalled by its own PID.
 */
export class WorkerProcess {
	static spawn(options: WorkerSpawnOptions, listeners: WorkerListeners = {}): WorkerProcess {
		const cliPath = options.cliPath ?? process.argv[1];
		if (!cliPath) throw new Error('cannot find the socktui CLI to start a server worker');
		const argv = [...(options.execArgv ?? []), cliPath, 'server-worker', ...(options.pooled ? ['--pooled'] : [])];
		const child = spawnCliChild([process.execPath, ...argv], undefined, 'a server worker process');
		return new WorkerProcess(child, listeners, options.pooled ?? false);
	}

	readonly pid: number;
	readonly pooled: boolean;
	/** Resolves once the child said it is ready; rejects if it died first. */
	readonly ready: Promise<void>;
	/** Resolves when the process is gone, whatever the reason. */
	readonly exited: Promise<{code: number | null; signal: NodeJS.Signals | null}>;
	#exited = false;
	#nextId = 1;
	readonly #replies = new Map<number, {resolve(bytes: Uint8Array): void; reject(error: Error): void}>();
	readonly #child: ChildProcess & {readonly pid: number};
	#listeners: WorkerListeners;

	/** Use `start` (or `spawn`): they wait for and wire up the new thread or child. */
	constructor(child: ChildProcess & {readonly pid: number}, listeners: WorkerListeners, pooled: boolean) {
		this.#child = child;
		this.pid = child.pid;
		this.pooled = pooled;
		this.#listeners = listeners;
		child.stderr?.resume();
		child.on('error', () => {});
		let markReady!: () => void;
		let failReady!: (error: Error) => void;
		this.ready = new Promise<void>((resolve, reject) => {
			markReady = resolve;
			failReady = reject;
		});
		this.ready.catch(() => {});
		this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({code, signal})));
		child.on('message', (message: unknown) => {
			const report = parseWorkerReport(message);
			if (!report) return;
			switch (report.type) {
				case 'ready': {
					markReady();
					break;
				}

				case 'traffic': {
					this.#listeners.traffic?.(report);
					break;
				}

				case 'tcp-end': {
					this.#listeners.tcpEnd?.(report.reason);
					break;
				}

				case 'udp-reply': {
					const waiting = this.#replies.get(report.id);
					this.#replies.delete(report.id);
					waiting?.resolve(Buffer.from(report.bytesBase64, 'base64'));
					break;
				}
			}
		});
		child.once('exit', (code, signal) => {
			this.#exited = true;
			const error = new Error(`server worker ${this.pid} ended (${signal ?? `code ${code}`})`);
			failReady(error);
			for (const waiting of this.#replies.values()) waiting.reject(error);
			this.#replies.clear();
			this.#listeners.exit?.(code, signal);
		});
	}

	/** Who hears this child's reports from now on (a pooled child serves one job after another). */
	setListeners(listeners: WorkerListeners): void {
		this.#listeners = listeners;
	}

	get alive(): boolean {
		return !this.#exited;
	}

	/** Hands the connection to the child, which serves it from now on. The socket must not be read here. */
	serveTcp(socket: net.Socket, knobs: HandlerKnobs, idleTimeoutMs: number): void {
		// Node remembers a socket sent with its server as held by the child, and then server.close() waits
		// for children that may have exited long ago (Node 20): send it detached, and close our copy once sent.
		(socket as net.Socket & {server: unknown}).server = null;
		this.#send({type: 'serve-tcp', knobs, idleTimeoutMs}, socket);
	}

	/** The child's reply to one datagram (the server sends it from its own socket). */
	async serveUdp(bytes: Uint8Array, knobs: HandlerKnobs): Promise<Uint8Array> {
		const id = this.#nextId++;
		return new Promise<Uint8Array>((resolve, reject) => {
			this.#replies.set(id, {resolve, reject});
			this.#send({type: 'serve-udp', id, bytesBase64: Buffer.from(bytes).toString('base64'), knobs});
		});
	}

	setKnobs(knobs: HandlerKnobs): void {
		this.#send({type: 'knobs', knobs});
	}

	/** Ends the child: asks, then SIGKILL if it is still there after `graceMs`. Resolves once it is gone. */
	async stop(graceMs = 500): Promise<void> {
		if (this.#exited) return;
		const gone = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()));
		this.#send({type: 'shutdown'});
		const timer = setTimeout(() => this.#child.kill('SIGKILL'), graceMs);
		await gone;
		clearTimeout(timer);
	}

	#send(command: WorkerCommand, handle?: net.Socket): void {
		if (this.#exited || !this.#child.connected) {
			handle?.destroy();
			return;
		}

		try {
			this.#child.send(command, handle, {keepOpen: handle !== undefined}, () => handle?.destroy());
		} catch {
			// The channel closed under us: the exit handler reports it.
			handle?.destroy();
		}
	}
}
