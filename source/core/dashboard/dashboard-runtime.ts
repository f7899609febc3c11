import {errorDetail, noParams, type Notice} from './notice.js';
import {defaults, type Protocol} from '../defaults.js';
import type {ServerModel} from '../echo/server-model.js';
import type {EchoServerOptions, EchoServerStats} from '../echo/types.js';
import {formatHostPort} from '../errors.js';
import type {ServerChildOptions} from '../server-process/server-messages.js';
import type {ServerProcessEvent, ServerReady} from '../server-process/server-process.js';
import type {AutoMode, SessionEvent, SessionInfo} from '../sessions/types.js';
import type {DashboardStore} from './dashboard-store.js';
import type {ServerKnobs} from './snapshot.js';
import {isLoopback} from '../loopback.js';

/** The part of the ServerProcess the dashboard uses. */
export interface ServerProcessLike {
	readonly pid: number | undefined;
	readonly running: boolean;
	/** The CPU the running server was spawned pinned to, if it was. */
	readonly startedOnCpu?: number | undefined;
	start(): Promise<ServerReady>;
	setReplyDelay(ms: number): void;
	setModel?(model: ServerModel): void;
	setHandlerCpu?(ms: number): void;
	shutdown(): Promise<void>;
	killNow(): void;
	subscribe(listener: (event: ServerProcessEvent) => void): () => void;
	setPinCpu?(cpu: number | undefined): void;
}

/** The part of the SessionManager the dashboard uses. */
export interface SessionManagerLike {
	open(protocol: Protocol): {sessionId: number};
	send(sessionId: number, text: string): boolean;
	sendPair(sessionId: number, first: string, second: string): boolean;
	setAuto(sessionId: number, auto: AutoMode): AutoMode | undefined;
	close(sessionId: number): Promise<void>;
	closeAll(): Promise<void>;
	killAllNow(): void;
	subscribe(listener: (event: SessionEvent) => void): () => void;
	setPinCpu?(cpu: number | undefined): void;
	list(): SessionInfo[];
}

export interface DashboardRuntimeOptions {
	host: string;
	/** undefined = the default port, falling back to a free one when taken; a number (0 = free) is strict. */
	port?: number;
	/**
	 * Sessions of a protocol talk to this server instead of ours (`--connect` gives both, `--connect-tcp` and
	 * `--connect-udp` one each). With both, no server process is started; with one, ours serves the other.
	 */
	connect?: Partial<Record<Protocol, {host: string; port: number}>>;
	sessions: number;
	store: DashboardStore;
	/** Further server options (limits, guards), handed to the server process as they are. */
	serverOptions?: Omit<EchoServerOptions, 'host' | 'port'>;
	/** The echo server's own process (source/core/server-process/server-process.ts). */
	createServerProcess: (options: ServerChildOptions) => ServerProcessLike;
	createSessionManager: (
		target: {host: string; port: number},
		byProtocol?: Partial<Record<Protocol, {host: string; port: number}>>,
	) => SessionManagerLike;
}

export interface DashboardRuntime {
	/** The echo server process (undefined with --connect). */
	readonly server: ServerProcessLike | undefined;
	readonly sessions: SessionManagerLike;
	readonly target: {host: string; port: number};
	/** Opens a session; its id, or undefined when it could not be opened (a notice says why). */
	openSession(protocol: Protocol): number | undefined;
	/** Marks the session closing and closes it; resolves once it has exited (a failure becomes a notice). */
	closeSession(sessionId: number): Promise<void>;
	send(sessionId: number, text: string): void;
	/** Two messages back to back in one go (`defaults.pairMessages`). */
	sendPair(sessionId: number): void;
	setAuto(sessionId: number, auto: AutoMode): void;
	setReplyDelay(ms: number): void;
	/** New connections get this server model (open ones keep theirs). */
	setModel(model: ServerModel): void;
	setHandlerCpu(ms: number): void;
	/** The knobs as last asked for, by anyone (keys, the tour, an experiment's run): one source of intent. */
	knobs(): ServerKnobs;
	/**
	 * Resolves true once the server process's own stats report every knob as last asked for (false after
	 * `timeoutMs`, or when the server is not running). Without a server of ours (--connect): true at once.
	 */
	confirmKnobs(timeoutMs?: number): Promise<boolean>;
	/** Starts the server process again on the same port after it died (key `r`); says so when it runs. */
	restartServer(): Promise<void>;
	/** Graceful: close every session, then the server. */
	shutdown(): Promise<void>;
	/** Synchronous last resort (process 'exit'): SIGKILL every session child and the server. */
	killAllNow(): void;
}

export type {ServerKnobs} from './snapshot.js';

/** Whether the stats a server process sent report these knobs in force. */
export function knobsInForce(stats: readonly EchoServerStats[], knobs: ServerKnobs): boolean {
	const tcp = stats.find((item) => item.protocol === 'tcp');
	if (!tcp || tcp.models.model !== knobs.model || tcp.models.handlerCpuMs !== knobs.handlerCpuMs) return false;
	return stats.length > 0 && stats.every((item) => item.replyDelayMs === knobs.replyDelayMs);
}

/** Folds what the server process reports into the store through the store's usual events. */
function foldServerEvents(server: ServerProcessLike, store: DashboardStore): () => void {
	return server.subscribe((event) => {
		switch (event.type) {
			case 'ready': {
				store.apply({type: 'server', event: {type: 'listening', protocol: 'tcp', local: event.local.tcp}});
				store.apply({type: 'server', event: {type: 'listening', protocol: 'udp', local: event.local.udp}});
				store.apply({type: 'server-process', process: {pid: event.pid, state: 'running'}});
				if (event.fellBackFrom !== undefined) {
					store.apply({
						type: 'notice',
						level: 'warn',
						notice: {code: 'portFellBack', params: {from: event.fellBackFrom, port: event.port}},
					});
				}

				return;
			}

			case 'batch': {
				// Lines first, totals last: the counters shown are the server's own, not a count of sampled lines.
				for (const serverEvent of event.batch.events) store.apply({type: 'server', event: serverEvent});
				for (const protocol of ['tcp', 'udp'] as const) {
					const count = event.batch.notShown[protocol];
					if (count > 0) store.apply({type: 'server-log-skipped', protocol, count});
				}

				for (const stats of event.batch.stats) store.apply({type: 'server-stats', stats});
				return;
			}

			case 'exited': {
				store.apply({type: 'server', event: {type: 'closed', protocol: 'tcp'}});
				store.apply({type: 'server', event: {type: 'closed', protocol: 'udp'}});
				store.apply({
					type: 'server-process',
					process: {
						pid: event.pid,
						state: event.expected ? 'stopped' : 'exited',
						code: event.code,
						signal: event.signal,
					},
				});
				if (!event.expected) {
					const notice: Notice = event.signal
						? {code: 'serverKilled', params: {pid: event.pid, signal: event.signal}}
						: {code: 'serverExited', params: {pid: event.pid, exitCode: String(event.code ?? '?')}};
					store.apply({type: 'notice', level: 'warn', notice});
				}
			}
		}
	});
}

export async function startDashboardRuntime(options: DashboardRuntimeOptions): Promise<DashboardRuntime> {
	const {store} = options;
	let server: ServerProcessLike | undefined;
	const unsubscribers: Array<() => void> = [];
	const asked: ServerKnobs = {
		model: options.serverOptions?.model ?? 'event-loop',
		replyDelayMs: options.serverOptions?.replyDelayMs ?? 0,
		handlerCpuMs: options.serverOptions?.handlerCpuMs ?? 0,
	};
	// The server's own latest stats, and who waits for them to report the knobs asked for.
	let reported: readonly EchoServerStats[] = [];
	const waiters = new Set<() => void>();
	const onStats = (event: ServerProcessEvent) => {
		if (event.type === 'batch' && event.batch.stats.length > 0) reported = event.batch.stats;
		else if (event.type === 'exited') reported = [];
		else return;
		for (const waiter of waiters) waiter();
	};
	let target: {host: string; port: number};
	const remotes = options.connect ?? {};
	for (const protocol of ['tcp', 'udp'] as const) {
		const remote = remotes[protocol];
		if (remote) store.apply({type: 'remote', protocol, remote: {address: remote.host, port: remote.port}});
	}

	if (remotes.tcp && remotes.udp) {
		target = {...remotes.tcp};
		store.apply({type: 'remote', remote: {address: target.host, port: target.port}});
	} else {
		store.apply({type: 'server-starting', protocol: 'tcp'});
		store.apply({type: 'server-starting', protocol: 'udp'});
		// The server process starts with these: in force before it reports anything.
		store.apply({type: 'knobs-asked', knobs: {...asked}, inForce: true});
		server = options.createServerProcess({
			...options.serverOptions,
			host: options.host,
			...(options.port === undefined ? {} : {port: options.port}),
		});
		unsubscribers.push(foldServerEvents(server, store), server.subscribe(onStats));
		const ready = await server.start();
		const connectHost = options.host === '0.0.0.0' ? '127.0.0.1' : options.host === '::' ? '::1' : options.host;
		target = {host: connectHost, port: ready.port};
		if (!isLoopback(options.host)) {
			store.apply({
				type: 'notice',
				level: 'warn',
				notice: {code: 'publicListen', params: {where: formatHostPort(options.host, target.port)}},
			});
		}
	}

	let sessions: SessionManagerLike;
	try {
		sessions =
			remotes.tcp || remotes.udp
				? options.createSessionManager(target, {...remotes})
				: options.createSessionManager(target);
	} catch (error: unknown) {
		server?.killNow();
		throw error;
	}

	unsubscribers.push(sessions.subscribe((event) => store.apply({type: 'session', event})));
	let restarting = false;
	// Every knob asked for goes to the store at once: the snapshot shows it as pending until the stats confirm it.
	const ask = (change: Partial<ServerKnobs>) => {
		Object.assign(asked, change);
		store.apply({type: 'knobs-asked', knobs: {...asked}});
	};

	const openSession = (protocol: Protocol) => {
		try {
			return sessions.open(protocol).sessionId;
		} catch (error: unknown) {
			store.apply({
				type: 'notice',
				level: 'warn',
				notice: {code: 'sessionOpenFailed', params: {detail: errorDetail(error)}},
			});
			return undefined;
		}
	};

	// The first sessions start on the next turn of the event loop, after the caller has drawn its first
	// frame: each child loads the whole bundle, and on a 2-core machine two of them starting at once slow
	// the dashboard's own start-up by competing for the CPU.
	const startSessions = setImmediate(() => {
		for (let index = 0; index < options.sessions; index++) openSession(index % 2 === 0 ? 'tcp' : 'udp');
	});

	let shutdownPromise: Promise<void> | undefined;
	return {
		server,
		sessions,
		target,
		openSession,
		async closeSession(sessionId) {
			store.apply({type: 'session-closing', sessionId});
			await sessions.close(sessionId).catch((error: unknown) =>
				store.apply({
					type: 'notice',
					level: 'warn',
					notice: {code: 'sessionCloseFailed', params: {detail: errorDetail(error)}},
				}),
			);
		},
		send(sessionId, text) {
			sessions.send(sessionId, text);
		},
		sendPair(sessionId) {
			const [first, second] = defaults.pairMessages;
			sessions.sendPair(sessionId, first, second);
		},
		setAuto(sessionId, auto) {
			const applied = sessions.setAuto(sessionId, auto);
			if (applied) store.apply({type: 'auto-set', sessionId, auto: applied});
		},
		setReplyDelay(ms) {
			ask({replyDelayMs: ms});
			server?.setReplyDelay(ms);
		},
		setModel(model) {
			if (!server?.setModel) {
				store.apply({type: 'notice', level: 'info', notice: {code: 'remoteModel', params: noParams}});
				return;
			}

			ask({model});
			server.setModel(model);
		},
		setHandlerCpu(ms) {
			ask({handlerCpuMs: ms});
			server?.setHandlerCpu?.(ms);
		},
		knobs: () => ({...asked}),
		async confirmKnobs(timeoutMs = 5000) {
			if (!server) return true;
			const live = server;
			return new Promise<boolean>((resolve) => {
				const check = () => {
					const done = knobsInForce(reported, asked) ? true : live.running ? undefined : false;
					if (done === undefined) return;
					waiters.delete(check);
					clearTimeout(timer);
					resolve(done);
				};

				const timer = setTimeout(() => {
					waiters.delete(check);
					resolve(false);
				}, timeoutMs);
				waiters.add(check);
				check();
			});
		},
		async restartServer() {
			if (!server) {
				store.apply({
					type: 'notice',
					level: 'info',
					notice: {code: 'remoteNoRestart', params: noParams},
				});
				return;
			}

			if (server.running || restarting) {
				store.apply({
					type: 'notice',
					level: 'info',
					notice: {code: 'serverStillRunning', params: {pid: String(server.pid ?? '')}},
				});
				return;
			}

			restarting = true;
			store.apply({type: 'server-starting', protocol: 'tcp'});
			store.apply({type: 'server-starting', protocol: 'udp'});
			// The new process starts with the knobs as last asked for.
			store.apply({type: 'knobs-asked', knobs: {...asked}, inForce: true});
			try {
				const ready = await server.start();
				store.apply({
					type: 'notice',
					level: 'info',
					notice: {code: 'serverRestarted', params: {pid: ready.pid, port: ready.port}},
				});
			} catch (error: unknown) {
				store.apply({
					type: 'notice',
					level: 'warn',
					notice: {code: 'restartFailed', params: {detail: errorDetail(error)}},
				});
			} finally {
				restarting = false;
			}
		},
		async shutdown() {
			shutdownPromise ??= (async () => {
				clearImmediate(startSessions);
				await sessions.closeAll();
				await server?.shutdown();
				for (const unsubscribe of unsubscribers) unsubscribe();
			})();
			return shutdownPromise;
		},
		killAllNow() {
			sessions.killAllNow();
			server?.killNow();
		},
	};
}
