import {defaults, type Protocol} from '../defaults.js';
import type {EchoServer} from '../echo/types.js';
import {formatHostPort, isSocktuiError, SocktuiError} from '../errors.js';
import type {AutoMode, SessionEvent, SessionInfo} from '../sessions/types.js';
import type {DashboardStore} from './dashboard-store.js';
import {isLoopback} from '../loopback.js';

export type StartEchoServer = (protocol: Protocol, options: {host: string; port: number; replyDelayMs?: number}) => Promise<EchoServer>;

/** The part of the SessionManager the dashboard uses. */
export interface SessionManagerLike {
	open(protocol: Protocol): unknown;
	send(sessionId: number, text: string): boolean;
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
	/** Sessions talk to this server instead of ours; no local server is started. */
	connect?: {host: string; port: number};
	sessions: number;
	store: DashboardStore;
	startEchoServer: StartEchoServer;
	createSessionManager: (target: {host: string; port: number}) => SessionManagerLike;
	/** How often server totals are re-read (UDP peers "seen recently" change without events). */
	statsIntervalMs?: number;
}

export interface DashboardRuntime {
	readonly servers: readonly EchoServer[];
	readonly sessions: SessionManagerLike;
	readonly target: {host: string; port: number};
	openSession(protocol: Protocol): void;
	closeSession(sessionId: number): void;
	send(sessionId: number, text: string): void;
	setAuto(sessionId: number, auto: AutoMode): void;
	setReplyDelay(ms: number): void;
	/** Graceful: close every session, then the servers. */
	shutdown(): Promise<void>;
	/** Synchronous last resort (process 'exit'): SIGKILL every session child. */
	killAllNow(): void;
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * Binds TCP and UDP on the same port, so one target serves both kinds of session. With no explicit port,
 * a taken default falls back to a free port (and says so); an explicit port that is taken is an error.
 */
async function startServers(options: DashboardRuntimeOptions): Promise<EchoServer[]> {
	const {store, host} = options;
	const explicit = options.port !== undefined;
	const wanted = options.port ?? defaults.port;
	let port = wanted;
	for (let attempt = 0; attempt < 5; attempt++) {
		let tcp: EchoServer | undefined;
		try {
			tcp = await options.startEchoServer('tcp', {host, port});
			const udp = await options.startEchoServer('udp', {host, port: tcp.local.port});
			if (!explicit && tcp.local.port !== wanted) {
				store.apply({type: 'notice', level: 'warn', text: `port ${wanted} is in use; using ${tcp.local.port} instead`});
			}

			return [tcp, udp];
		} catch (error: unknown) {
			await tcp?.close();
			const inUse = isSocktuiError(error) && error.kind === 'PortInUse';
			// Strict ports fail; with port 0 or a fallback, a UDP clash on the TCP's free port is just bad luck: retry.
			if (!inUse || (explicit && wanted !== 0)) throw error;
			port = 0;
		}
	}

	throw new SocktuiError('PortInUse', `could not find a port free for both TCP and UDP on ${host}`);
}

export async function startDashboardRuntime(options: DashboardRuntimeOptions): Promise<DashboardRuntime> {
	const {store} = options;
	let servers: EchoServer[] = [];
	const unsubscribers: Array<() => void> = [];
	let target: {host: string; port: number};
	if (options.connect) {
		target = {...options.connect};
		store.apply({type: 'remote', remote: {address: target.host, port: target.port}});
	} else {
		store.apply({type: 'server-starting', protocol: 'tcp'});
		store.apply({type: 'server-starting', protocol: 'udp'});
		servers = await startServers(options);
		for (const server of servers) {
			unsubscribers.push(server.subscribe((event) => store.apply({type: 'server', event})));
			// The 'listening' event may have fired before we subscribed: fold the facts now.
			store.apply({type: 'server', event: {type: 'listening', protocol: server.protocol, local: server.local}});
			store.apply({type: 'server-stats', stats: server.stats()});
		}

		const connectHost = options.host === '0.0.0.0' ? '127.0.0.1' : options.host === '::' ? '::1' : options.host;
		target = {host: connectHost, port: servers[0]!.local.port};
		if (!isLoopback(options.host)) {
			store.apply({type: 'notice', level: 'warn', text: `listening on ${formatHostPort(options.host, target.port)}: reachable from other machines`});
		}
	}

	const sessions = options.createSessionManager(target);
	unsubscribers.push(sessions.subscribe((event) => store.apply({type: 'session', event})));
	const statsTimer = setInterval(() => {
		for (const server of servers) store.apply({type: 'server-stats', stats: server.stats()});
	}, options.statsIntervalMs ?? 1000);
	statsTimer.unref();

	const openSession = (protocol: Protocol) => {
		try {
			sessions.open(protocol);
		} catch (error: unknown) {
			store.apply({type: 'notice', level: 'warn', text: describe(error)});
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
		servers,
		sessions,
		target,
		openSession,
		closeSession(sessionId) {
			store.apply({type: 'session-closing', sessionId});
			sessions.close(sessionId).catch((error: unknown) => store.apply({type: 'notice', level: 'warn', text: describe(error)}));
		},
		send(sessionId, text) {
			sessions.send(sessionId, text);
		},
		setAuto(sessionId, auto) {
			const applied = sessions.setAuto(sessionId, auto);
			if (applied) store.apply({type: 'auto-set', sessionId, auto: applied});
		},
		setReplyDelay(ms) {
			for (const server of servers) server.setReplyDelay(ms);
			store.apply({type: 'reply-delay', ms});
		},
		async shutdown() {
			shutdownPromise ??= (async () => {
				clearImmediate(startSessions);
				clearInterval(statsTimer);
				await sessions.closeAll();
				await Promise.all(servers.map(async (server) => server.close()));
				for (const unsubscribe of unsubscribers) unsubscribe();
			})();
			return shutdownPromise;
		},
		killAllNow() {
			sessions.killAllNow();
		},
	};
}
