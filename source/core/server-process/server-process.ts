import type {ChildProcess} from 'node:child_process';
import process from 'node:process';
import {defaults} from '../defaults.js';
import type {ServerModel} from '../echo/server-model.js';
import type {Endpoint} from '../echo/types.js';
import {SocktuiError} from '../errors.js';
import {spawnCliChild} from '../procs/spawn-child.js';
import {
	parseServerChildMessage,
	type ServerBatch,
	type ServerChildCommand,
	type ServerChildOptions,
} from './server-messages.js';

export interface ServerProcessOptions {
	/** The CLI the child runs (`server-child`); defaults to this process's script (the bundled dist/cli.js). */
	cliPath?: string;
	/** Node flags for the child (e.g. a loader when cliPath is TypeScript); none by default. */
	execArgv?: string[];
	/** What the child binds and how it serves; passed to it as one JSON object. */
	server: ServerChildOptions;
	/** Spawn the child pinned to this CPU with taskset (one-CPU mode). */
	pinCpu?: number;
	/** The child must say ready (or why not) within this time. */
	readyTimeoutMs?: number;
	/** Shutdown: wait this long after asking before SIGTERM, and again before SIGKILL. */
	closeGraceMs?: number;
}

export interface ServerReady {
	pid: number;
	port: number;
	local: {tcp: Endpoint; udp: Endpoint};
	/** Set when the default port was taken and a free one is used instead. */
	fellBackFrom?: number;
}

export type ServerProcessEvent =
	| ({type: 'ready'} & ServerReady)
	| {type: 'batch'; pid: number; batch: ServerBatch}
	/** `expected`: we asked it to end (shutdown, killNow); otherwise it died or was killed by someone else. */
	| {type: 'exited'; pid: number; code: number | null; signal: NodeJS.Signals | null; expected: boolean};

export type ServerProcessListener = (event: ServerProcessEvent) => void;

/** Batches folded per second at most: the child sends about 10; more means it misbehaves, and the rest are dropped. */
const maxBatchesPerSecond = 40;

interface Live {
	child: ChildProcess;
	pid: number;
	pinnedCpu: number | undefined;
	ready: boolean;
	stopping: boolean;
	stderrTail: Buffer;
	/** Rate guard: batches taken in the current one-second window. */
	windowStart: number;
	windowCount: number;
	gone: Promise<void>;
}

function lastLine(bytes: Buffer): string | undefined {
	return bytes
		.toString('utf8')
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line.length > 0)
		.at(-1);
}

/**
 * The dashboard's side of the echo server process: spawns `node CLI server-child --options=JSON` with an
 * IPC channel, validates every message from it (a child is untrusted input) and emits typed events.
 * One child at a time; `start` again after it exited restarts it. Only ever signals its own child.
 */
export class ServerProcess {
	readonly #cliPath: string;
	readonly #execArgv: string[];
	readonly #readyTimeoutMs: number;
	readonly #closeGraceMs: number;
	readonly #listeners = new Set<ServerProcessListener>();
	#options: ServerChildOptions;
	#pinCpu: number | undefined;
	#live: Live | undefined;
	#droppedMessages = 0;

	constructor(options: ServerProcessOptions) {
		const cliPath = options.cliPath ?? process.argv[1];
		if (!cliPath)
			throw new SocktuiError('Internal', 'cannot start the server process: the path of the socktui CLI is unknown');
		this.#cliPath = cliPath;
		this.#execArgv = options.execArgv ?? [];
		this.#options = {...options.server};
		this.#pinCpu = options.pinCpu;
		this.#readyTimeoutMs = options.readyTimeoutMs ?? 20_000;
		this.#closeGraceMs = options.closeGraceMs ?? defaults.sessionCloseGraceMs;
	}

	/** PID of the running child, if any. */
	get pid(): number | undefined {
		return this.#live?.pid;
	}

	get running(): boolean {
		return this.#live !== undefined;
	}

	/** The options the next start uses (the port becomes strict once a server was ready on it). */
	get options(): ServerChildOptions {
		return {...this.#options};
	}

	get pinCpu(): number | undefined {
		return this.#pinCpu;
	}

	/** The CPU the running child was spawned pinned to, if it was. */
	get startedOnCpu(): number | undefined {
		return this.#live?.pinnedCpu;
	}

	/** Messages from the child that failed validation and were dropped. */
	get droppedMessages(): number {
		return this.#droppedMessages;
	}

	/** A server started from now on runs pinned to `cpu` (undefined: not pinned). A running one keeps its own. */
	setPinCpu(cpu: number | undefined): void {
		this.#pinCpu = cpu;
	}

	subscribe(listener: ServerProcessListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/**
	 * Spawns the child and resolves once it listens. Rejects with the child's own SocktuiError (a taken port:
	 * PortInUse) or Internal when it cannot start; the child is gone by then. After a ready, the port is kept:
	 * a restart binds the same one, so the sessions reach it again.
	 */
	async start(): Promise<ServerReady> {
		if (this.#live) throw new SocktuiError('Internal', `the server process ${this.#live.pid} is already running`);
		const argv: [string, ...string[]] = [
			process.execPath,
			...this.#execArgv,
			this.#cliPath,
			'server-child',
			`--options=${JSON.stringify(this.#options)}`,
		];
		const pinnedCpu = this.#pinCpu;
		const child = spawnCliChild(argv, pinnedCpu, 'the server process');

		const pid = child.pid;
		let markGone!: () => void;
		const live: Live = {
			child,
			pid,
			pinnedCpu,
			ready: false,
			stopping: false,
			stderrTail: Buffer.alloc(0),
			windowStart: 0,
			windowCount: 0,
			gone: new Promise((resolve) => {
				markGone = resolve;
			}),
		};
		this.#live = live;
		child.on('error', () => {});
		child.stderr?.on('data', (chunk: Buffer) => {
			const joined = Buffer.concat([live.stderrTail, chunk]);
			live.stderrTail = joined.subarray(Math.max(0, joined.length - defaults.sessionStderrBytes));
		});

		return new Promise<ServerReady>((resolve, reject) => {
			let settled = false;
			const fail = (error: SocktuiError) => {
				if (settled) return;
				settled = true;
				clearTimeout(timer);
				reject(error);
			};

			const timer = setTimeout(() => {
				this.killNow();
				fail(
					new SocktuiError(
						'Internal',
						`the server process ${pid} did not start within ${Math.round(this.#readyTimeoutMs / 1000)} s`,
					),
				);
			}, this.#readyTimeoutMs);

			child.on('message', (value: unknown) => {
				const message = parseServerChildMessage(value);
				if (!message) {
					this.#droppedMessages++;
					return;
				}

				if (message.type === 'batch') {
					if (!live.ready || !this.#withinRate(live)) {
						this.#droppedMessages++;
						return;
					}

					this.#emit({type: 'batch', pid, batch: message});
					return;
				}

				// Only the first word counts, and a ready must name the process we spawned.
				if (live.ready || settled || (message.type === 'ready' && message.pid !== pid)) {
					this.#droppedMessages++;
					return;
				}

				if (message.type === 'error') {
					fail(new SocktuiError(message.kind, message.message));
					return;
				}

				live.ready = true;
				settled = true;
				clearTimeout(timer);
				this.#options = {...this.#options, port: message.port};
				const ready: ServerReady = {
					pid,
					port: message.port,
					local: message.local,
					...(message.fellBackFrom === undefined ? {} : {fellBackFrom: message.fellBackFrom}),
				};
				this.#emit({type: 'ready', ...ready});
				resolve(ready);
			});
			child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
				if (this.#live === live) this.#live = undefined;
				const line = lastLine(live.stderrTail);
				fail(
					new SocktuiError(
						'Internal',
						`the server process exited before it was ready (${signal ?? `code ${code}`})${line === undefined ? '' : `: ${line}`}`,
					),
				);
				if (live.ready) this.#emit({type: 'exited', pid, code, signal, expected: live.stopping});
				markGone();
			});
		});
	}

	/** Sets the reply delay of the running server and of any restarted one. */
	setReplyDelay(ms: number): void {
		this.#options = {...this.#options, replyDelayMs: ms};
		if (this.#live) this.#send(this.#live, {type: 'set-reply-delay', ms});
	}

	/** Sets the model new connections get, in the running server and any restarted one. */
	setModel(model: ServerModel): void {
		this.#options = {...this.#options, model};
		if (this.#live) this.#send(this.#live, {type: 'set-model', model});
	}

	/** Sets the handler's CPU cost per message, in the running server and any restarted one. */
	setHandlerCpu(ms: number): void {
		this.#options = {...this.#options, handlerCpuMs: ms};
		if (this.#live) this.#send(this.#live, {type: 'set-handler-cpu', ms});
	}

	/** Asks the server to end; SIGTERM after the grace period, SIGKILL after another. Resolves once it is gone. */
	async shutdown(): Promise<void> {
		const live = this.#live;
		if (!live) return;
		live.stopping = true;
		if (!this.#send(live, {type: 'shutdown'})) live.child.kill('SIGTERM');
		const timers: NodeJS.Timeout[] = [];
		timers.push(
			setTimeout(() => {
				live.child.kill('SIGTERM');
				timers.push(setTimeout(() => live.child.kill('SIGKILL'), this.#closeGraceMs));
			}, this.#closeGraceMs),
		);
		await live.gone;
		for (const timer of timers) clearTimeout(timer);
	}

	/** Synchronous last resort for `process.on('exit')`: SIGKILL the child if it still runs. */
	killNow(): void {
		const live = this.#live;
		if (!live) return;
		live.stopping = true;
		try {
			live.child.kill('SIGKILL');
		} catch {
			// Already gone: nothing to end.
		}
	}

	#withinRate(live: Live): boolean {
		const now = performance.now();
		if (now - live.windowStart >= 1000) {
			live.windowStart = now;
			live.windowCount = 0;
		}

		return ++live.windowCount <= maxBatchesPerSecond;
	}

	#send(live: Live, command: ServerChildCommand): boolean {
		if (!live.child.connected) return false;
		try {
			live.child.send(command, () => {});
			return true;
		} catch {
			return false;
		}
	}

	#emit(event: ServerProcessEvent): void {
		for (const listener of this.#listeners) listener(event);
	}
}
