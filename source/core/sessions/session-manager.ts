import type {ChildProcess} from 'node:child_process';
import process from 'node:process';
import {defaults, type Protocol} from '../defaults.js';
import {SocktuiError} from '../errors.js';
import {spawnCliChild} from '../procs/spawn-child.js';
import {sessionArgv} from './session-argv.js';
import {clampAuto, parseSessionReport} from './session-messages.js';
import {type AutoMode, type SessionCommand, type SessionEvent, type SessionInfo, sessionExitCodes} from './types.js';

export interface SessionManagerOptions {
	/** The CLI the children run in session mode; defaults to this process's script (the bundled dist/cli.js). */
	cliPath?: string;
	/** The echo server every session talks to. */
	target: {host: string; port: number};
	/** Another server for one protocol's sessions (`--connect-udp`, `--connect-tcp`). */
	targets?: Partial<Record<Protocol, {host: string; port: number}>>;
	/**
	 * Pin new session processes to this CPU with taskset (the one-CPU demo); undefined = not pinned. Check
	 * `detectPinning()` first: when pinning is unavailable, `open` throws with the reason.
	 */
	pinCpu?: number | undefined;
	/** Node flags for the children (e.g. a loader when cliPath is TypeScript); none by default. */
	execArgv?: string[];
	/** UDP (and TCP) reply timeout inside the sessions. */
	replyTimeoutMs?: number;
	maxSessions?: number;
	/** Close: wait this long after asking before SIGTERM, and again before SIGKILL. */
	closeGraceMs?: number;
}

export type SessionListener = (event: SessionEvent) => void;

interface LiveSession {
	info: SessionInfo;
	child: ChildProcess;
	stderrTail: Buffer;
	/** Resolves once the 'close' event has been handled and `session-exited` emitted. */
	gone: Promise<void>;
	closing?: Promise<void>;
	/** We sent SIGTERM/SIGKILL ourselves: an exit by signal is expected, not a crash. */
	killedByUs: boolean;
	droppedMessages: number;
}

const expectedCodes = new Set<number>(Object.values(sessionExitCodes));

function lastLine(bytes: Buffer): string | undefined {
	const lines = bytes
		.toString('utf8')
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line.length > 0);
	return lines.at(-1);
}

/**
 * The dashboard's side of the client sessions: spawns each as `node CLI session ...` (its own OS process
 * with a real PID), forwards commands over IPC, validates every report (a child is untrusted input) and
 * emits `SessionEvent`s. Only ever signals the children it spawned, through their ChildProcess handles.
 */
export class SessionManager {
	readonly #cliPath: string;
	readonly #target: {host: string; port: number};
	readonly #targets: Partial<Record<Protocol, {host: string; port: number}>>;
	readonly #execArgv: string[];
	readonly #replyTimeoutMs: number;
	readonly #maxSessions: number;
	readonly #closeGraceMs: number;
	#pinCpu: number | undefined;
	#nextId = 1;
	readonly #sessions = new Map<number, LiveSession>();
	readonly #listeners = new Set<SessionListener>();

	constructor(options: SessionManagerOptions) {
		const cliPath = options.cliPath ?? process.argv[1];
		if (!cliPath)
			throw new SocktuiError('Internal', 'cannot start client sessions: the path of the socktui CLI is unknown');
		this.#cliPath = cliPath;
		this.#target = {...options.target};
		this.#targets = {...options.targets};
		this.#pinCpu = options.pinCpu;
		this.#execArgv = options.execArgv ?? [];
		this.#replyTimeoutMs = options.replyTimeoutMs ?? defaults.udpReplyTimeoutMs;
		this.#maxSessions = options.maxSessions ?? defaults.maxSessions;
		this.#closeGraceMs = options.closeGraceMs ?? defaults.sessionCloseGraceMs;
	}

	get target(): {host: string; port: number} {
		return {...this.#target};
	}

	get pinCpu(): number | undefined {
		return this.#pinCpu;
	}

	/** Sessions opened from now on are pinned to `cpu` (undefined: not pinned). Running ones keep theirs. */
	setPinCpu(cpu: number | undefined): void {
		this.#pinCpu = cpu;
	}

	/** Subscribe to session events; returns the unsubscribe function. */
	subscribe(listener: SessionListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Sessions whose process has not exited yet, oldest first. */
	list(): SessionInfo[] {
		return [...this.#sessions.values()].map((session) => ({...session.info, remote: {...session.info.remote}}));
	}

	/** Reports from children that failed validation and were dropped (all sessions, including exited). */
	get droppedMessages(): number {
		return this.#droppedTotal;
	}

	#droppedTotal = 0;

	/**
	 * Spawns a session process and emits `session-started` (synchronously, before returning). Throws a
	 * SocktuiError when the cap is reached or the process cannot be started.
	 */
	open(protocol: Protocol): SessionInfo {
		if (this.#sessions.size >= this.#maxSessions) {
			throw new SocktuiError(
				'BadInput',
				`at most ${this.#maxSessions} client sessions can run at once; close one first`,
			);
		}

		const argv = sessionArgv({
			execPath: process.execPath,
			execArgv: this.#execArgv,
			cliPath: this.#cliPath,
			protocol,
			target: this.#targets[protocol] ?? this.#target,
			replyTimeoutMs: this.#replyTimeoutMs,
		}) as [string, ...string[]];
		const pinnedCpu = this.#pinCpu;
		const child = spawnCliChild(argv, pinnedCpu, 'a client session');

		const sessionId = this.#nextId++;
		const info: SessionInfo = {
			sessionId,
			pid: child.pid,
			protocol,
			remote: {address: this.#target.host, port: this.#target.port},
			...(pinnedCpu === undefined ? {} : {pinnedCpu}),
		};
		let markGone!: () => void;
		const session: LiveSession = {
			info,
			child,
			stderrTail: Buffer.alloc(0),
			gone: new Promise((resolve) => {
				markGone = resolve;
			}),
			killedByUs: false,
			droppedMessages: 0,
		};
		this.#sessions.set(sessionId, session);

		child.on('error', () => {
			// kill() or send() failures after exit; 'close' still follows and reports the end.
		});
		child.stderr?.on('data', (chunk: Buffer) => {
			const joined = Buffer.concat([session.stderrTail, chunk]);
			session.stderrTail = joined.subarray(Math.max(0, joined.length - defaults.sessionStderrBytes));
		});
		child.on('message', (message: unknown) => {
			const report = parseSessionReport(message);
			// A hello must name the process we spawned: the PID on screen is a measured fact.
			if (!report || (report.type === 'hello' && report.pid !== child.pid)) {
				session.droppedMessages++;
				this.#droppedTotal++;
				return;
			}

			this.#emit({type: 'session-report', sessionId, report});
		});
		child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
			this.#sessions.delete(sessionId);
			const crashed = signal !== null ? !session.killedByUs : code === null || !expectedCodes.has(code);
			const line = lastLine(session.stderrTail);
			if (crashed && line !== undefined) {
				this.#emit({
					type: 'session-report',
					sessionId,
					report: {type: 'error', message: `session process failed: ${line}`, problem: {code: 'processFailed', line}},
				});
			}

			this.#emit({type: 'session-exited', sessionId, code, signal});
			markGone();
		});

		this.#emit({
			type: 'session-started',
			sessionId,
			pid: child.pid,
			protocol,
			remote: {...info.remote},
			...(pinnedCpu === undefined ? {} : {pinnedCpu}),
		});
		return {...info, remote: {...info.remote}};
	}

	/** Sends a line of text from the session. False when the session is not running. */
	send(sessionId: number, text: string): boolean {
		return this.#command(sessionId, {type: 'send', text});
	}

	/** Sends two lines in one go (TCP: one write; UDP: two datagrams). False when the session is not running. */
	sendPair(sessionId: number, first: string, second: string): boolean {
		return this.#command(sessionId, {type: 'send-pair', first, second});
	}

	/** Sets auto mode; returns the settings applied (clamped to the bounds), or undefined when not running. */
	setAuto(sessionId: number, auto: AutoMode): AutoMode | undefined {
		const applied = clampAuto(auto);
		return this.#command(sessionId, {type: 'set-auto', auto: applied}) ? applied : undefined;
	}

	/**
	 * Asks the session to close; SIGTERM after the grace period, SIGKILL after another. Resolves once the
	 * process has exited and `session-exited` was emitted. Unknown or exited sessions resolve at once.
	 */
	async close(sessionId: number): Promise<void> {
		const session = this.#sessions.get(sessionId);
		if (!session) return;
		session.closing ??= this.#closeSession(session);
		return session.closing;
	}

	/** Closes every session (used on every dashboard exit path). */
	async closeAll(): Promise<void> {
		await Promise.all([...this.#sessions.keys()].map(async (sessionId) => this.close(sessionId)));
	}

	/** Synchronous last resort for `process.on('exit')`: SIGKILL every child still running. */
	killAllNow(): void {
		for (const session of this.#sessions.values()) {
			session.killedByUs = true;
			try {
				session.child.kill('SIGKILL');
			} catch {
				// Already gone: nothing to end.
			}
		}
	}

	async #closeSession(session: LiveSession): Promise<void> {
		const {child} = session;
		if (!this.#deliver(child, {type: 'close'})) {
			session.killedByUs = true;
			child.kill('SIGTERM');
		}

		const timers: NodeJS.Timeout[] = [];
		timers.push(
			setTimeout(() => {
				session.killedByUs = true;
				child.kill('SIGTERM');
				timers.push(
					setTimeout(() => {
						child.kill('SIGKILL');
					}, this.#closeGraceMs),
				);
			}, this.#closeGraceMs),
		);
		await session.gone;
		for (const timer of timers) clearTimeout(timer);
	}

	#command(sessionId: number, command: SessionCommand): boolean {
		const session = this.#sessions.get(sessionId);
		if (!session || session.closing) return false;
		return this.#deliver(session.child, command);
	}

	#deliver(child: ChildProcess, command: SessionCommand): boolean {
		if (!child.connected) return false;
		try {
			// The callback turns a late channel failure into a no-op instead of an 'error' event. send()'s
			// false only means "queued behind others", so it is not a failure.
			child.send(command, () => {});
			return true;
		} catch {
			return false;
		}
	}

	#emit(event: SessionEvent): void {
		for (const listener of this.#listeners) listener(event);
	}
}
