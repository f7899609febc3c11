import {afterEach, describe, expect, it} from 'vitest';
import {DashboardStore} from '../../../source/core/dashboard/dashboard-store.js';
import {
	startDashboardRuntime,
	type ServerProcessLike,
	type SessionManagerLike,
} from '../../../source/core/dashboard/dashboard-runtime.js';
import type {ServerProcessEvent, ServerReady} from '../../../source/core/server-process/server-process.js';
import type {EchoServerStats} from '../../../source/core/echo/types.js';
import {SocktuiError} from '../../../source/core/errors.js';
import {quietModelStats} from '../../../source/core/echo/server-model.js';
import {echoStats} from '../../helpers/echo-stats.js';

const local = {address: '127.0.0.1', port: 9000};
const peer = {address: '127.0.0.1', port: 40_000};

/** A stand-in for the server process: the test decides what it reports. */
class FakeServer implements ServerProcessLike {
	pid: number | undefined;
	running = false;
	starts = 0;
	failNext: SocktuiError | undefined;
	readonly listeners = new Set<(event: ServerProcessEvent) => void>();

	async start(): Promise<ServerReady> {
		this.starts++;
		if (this.failNext) throw this.failNext;
		this.pid = 1000 + this.starts;
		this.running = true;
		const ready: ServerReady = {
			pid: this.pid,
			port: local.port,
			local: {tcp: local, udp: local},
			...(this.starts === 1 ? {fellBackFrom: 8082} : {}),
		};
		this.emit({type: 'ready', ...ready});
		return ready;
	}

	setReplyDelay(): void {}
	async shutdown(): Promise<void> {
		this.running = false;
	}

	killNow(): void {}
	subscribe(listener: (event: ServerProcessEvent) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	emit(event: ServerProcessEvent): void {
		for (const listener of this.listeners) listener(event);
	}
}

const sessions: SessionManagerLike = {
	open: () => ({sessionId: 1}),
	send: () => true,
	sendPair: () => true,
	setAuto: () => undefined,
	close: async () => undefined,
	closeAll: async () => undefined,
	killAllNow: () => undefined,
	subscribe: () => () => undefined,
	list: () => [],
};

function stats(protocol: 'tcp' | 'udp', messagesIn: number): EchoServerStats {
	return echoStats(protocol, {local, bytesIn: messagesIn, messagesIn});
}

let store: DashboardStore;
afterEach(() => store?.dispose());

async function runtime() {
	store = new DashboardStore({serverPid: 1});
	const server = new FakeServer();
	const started = await startDashboardRuntime({
		host: '127.0.0.1',
		sessions: 0,
		store,
		createServerProcess: () => server,
		createSessionManager: () => sessions,
	});
	return {server, started};
}

describe('dashboard runtime with a server process', () => {
	it('folds batches into the store: lines, "+k lines not shown", and the server totals last', async () => {
		const {server, started} = await runtime();
		expect(started.target).toEqual({host: '127.0.0.1', port: 9000});
		server.emit({
			type: 'batch',
			pid: 1001,
			batch: {
				seq: 2,
				stats: [stats('udp', 5000)],
				events: [{type: 'message-in', protocol: 'udp', connectionId: 'u', peer, bytes: Buffer.from('flood')}],
				notShown: {tcp: 0, udp: 4999},
			},
		});
		store.flush();
		const snapshot = store.getSnapshot();
		expect(snapshot.serverPid).toBe(1001);
		expect(snapshot.serverProcess).toEqual({pid: 1001, state: 'running'});
		expect(snapshot.servers.find((view) => view.protocol === 'udp')).toMatchObject({
			state: 'listening',
			messagesIn: 5000,
		});
		expect(snapshot.serverLog.map((entry) => [entry.kind, entry.note ?? entry.text])).toEqual([
			['in', 'flood'],
			['skipped', {code: 'skipped', count: 4999}],
		]);
		expect(snapshot.notices.map((entry) => entry.notice)).toContainEqual({
			code: 'portFellBack',
			params: {from: 8082, port: 9000},
		});
	});

	it('a knob asked for is pending until the server process reports it in force, then pending goes away', async () => {
		const {server, started} = await runtime();
		const pending = () => store.getSnapshot().knobs?.pending;
		expect(pending()).toEqual({model: false, replyDelayMs: false, handlerCpuMs: false});
		started.setReplyDelay(200);
		started.setHandlerCpu(20);
		// At once, without waiting for a frame: asked for, not yet confirmed.
		expect(store.getSnapshot().knobs).toEqual({
			asked: {model: 'event-loop', replyDelayMs: 200, handlerCpuMs: 20},
			pending: {model: false, replyDelayMs: true, handlerCpuMs: true},
		});
		const report = (replyDelayMs: number, handlerCpuMs: number) =>
			server.emit({
				type: 'batch',
				pid: 1001,
				batch: {
					seq: 3,
					stats: (['tcp', 'udp'] as const).map((protocol) => ({
						...stats(protocol, 0),
						replyDelayMs,
						models: {...quietModelStats(), handlerCpuMs},
					})),
					events: [],
					notShown: {tcp: 0, udp: 0},
				},
			});
		// The server has not applied them yet: its stats still say the old values.
		report(0, 0);
		expect(pending()).toEqual({model: false, replyDelayMs: true, handlerCpuMs: true});
		report(200, 20);
		expect(pending()).toEqual({model: false, replyDelayMs: false, handlerCpuMs: false});
		expect(store.getSnapshot().servers.map((view) => view.replyDelayMs)).toEqual([200, 200]);
		await expect(started.confirmKnobs(100)).resolves.toBe(true);
	});

	it('an unexpected exit is a state in words; r restarts only a stopped server, and says why not otherwise', async () => {
		const {server, started} = await runtime();
		await started.restartServer();
		expect(server.starts).toBe(1);
		store.flush();
		expect(store.getSnapshot().notices.at(-1)?.notice).toEqual({code: 'serverStillRunning', params: {pid: '1001'}});

		server.running = false;
		server.emit({type: 'exited', pid: 1001, code: null, signal: 'SIGKILL', expected: false});
		store.flush();
		expect(store.getSnapshot().serverProcess).toEqual({pid: 1001, state: 'exited', code: null, signal: 'SIGKILL'});
		expect(store.getSnapshot().servers.every((view) => view.state === 'closed')).toBe(true);

		server.failNext = new SocktuiError('PortInUse', 'port 9000 is already in use');
		await started.restartServer();
		store.flush();
		expect(store.getSnapshot().notices.at(-1)?.notice).toEqual({
			code: 'restartFailed',
			params: {detail: 'port 9000 is already in use'},
		});

		server.failNext = undefined;
		await started.restartServer();
		store.flush();
		expect(store.getSnapshot().serverProcess).toEqual({pid: 1003, state: 'running'});
		expect(store.getSnapshot().servers.every((view) => view.state === 'listening')).toBe(true);
	});
});

describe('dashboard runtime with separate UDP and TCP targets (--connect-udp, --connect-tcp)', () => {
	const udp = {host: '127.0.0.1', port: 8080};
	const tcp = {host: '127.0.0.1', port: 8082};

	async function withTargets(connect: {tcp?: typeof tcp; udp?: typeof udp}) {
		store = new DashboardStore({serverPid: 1});
		const server = new FakeServer();
		const made: unknown[] = [];
		const started = await startDashboardRuntime({
			host: '127.0.0.1',
			sessions: 0,
			store,
			connect,
			createServerProcess: () => server,
			createSessionManager(target, byProtocol) {
				made.push({target, byProtocol});
				return sessions;
			},
		});
		store.flush();
		return {server, started, made, snapshot: store.getSnapshot()};
	}

	it('both given: no server of its own; the sessions of each protocol go to their target; the pane knows both', async () => {
		const {server, started, made, snapshot} = await withTargets({udp, tcp});
		expect(server.starts).toBe(0);
		expect(started.server).toBeUndefined();
		expect(made).toEqual([{target: tcp, byProtocol: {tcp, udp}}]);
		expect(snapshot.remotes).toEqual({
			tcp: {address: '127.0.0.1', port: 8082},
			udp: {address: '127.0.0.1', port: 8080},
		});
		expect(snapshot.remote).toBeDefined();
	});

	it('only UDP given: the own server serves TCP, UDP sessions go to the remote one (which it cannot see)', async () => {
		const {server, started, made, snapshot} = await withTargets({udp});
		expect(server.starts).toBe(1);
		expect(made).toEqual([{target: {host: '127.0.0.1', port: 9000}, byProtocol: {udp}}]);
		expect(started.server).toBe(server);
		expect(snapshot.remote).toBeUndefined();
		expect(snapshot.remotes).toEqual({udp: {address: '127.0.0.1', port: 8080}});
	});
});
