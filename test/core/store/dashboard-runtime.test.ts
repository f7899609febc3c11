import {afterEach, describe, expect, it} from 'vitest';
import {newGuardStats} from '../../../source/core/echo/counters.js';
import {quietModelStats} from '../../../source/core/echo/server-model.js';
import {DashboardStore} from '../../../source/core/store/dashboard-store.js';
import {
	startDashboardRuntime,
	type ServerProcessLike,
	type SessionManagerLike,
} from '../../../source/core/store/dashboard-runtime.js';
import type {ServerProcessEvent, ServerReady} from '../../../source/core/server-process/server-process.js';
import type {EchoServerStats} from '../../../source/core/echo/types.js';
import {SocktuiError} from '../../../source/core/errors.js';

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
	setAuto: () => undefined,
	close: async () => undefined,
	closeAll: async () => undefined,
	killAllNow: () => undefined,
	subscribe: () => () => undefined,
	list: () => [],
};

const guards = newGuardStats();

function stats(protocol: 'tcp' | 'udp', messagesIn: number): EchoServerStats {
	return {
		protocol,
		local,
		bytesIn: messagesIn,
		bytesOut: 0,
		messagesIn,
		messagesOut: 0,
		activeConnections: 0,
		totalConnections: 0,
		refusedConnections: 0,
		droppedMessages: 0,
		pausedConnections: 0,
		guards,
		models: quietModelStats(),
	};
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
		expect(snapshot.serverLog.map((entry) => [entry.kind, entry.text])).toEqual([
			['in', 'flood'],
			['skipped', '+4999 lines not shown'],
		]);
		expect(snapshot.notices.map((notice) => notice.text)).toContain('port 8082 is in use; using 9000 instead');
	});

	it('an unexpected exit is a state in words; r restarts only a stopped server, and says why not otherwise', async () => {
		const {server, started} = await runtime();
		await started.restartServer();
		expect(server.starts).toBe(1);
		store.flush();
		expect(store.getSnapshot().notices.at(-1)?.text).toMatch(/is running; R restarts it only after it stopped/);

		server.running = false;
		server.emit({type: 'exited', pid: 1001, code: null, signal: 'SIGKILL', expected: false});
		store.flush();
		expect(store.getSnapshot().serverProcess).toEqual({pid: 1001, state: 'exited', code: null, signal: 'SIGKILL'});
		expect(store.getSnapshot().servers.every((view) => view.state === 'closed')).toBe(true);

		server.failNext = new SocktuiError('PortInUse', 'port 9000 is already in use');
		await started.restartServer();
		store.flush();
		expect(store.getSnapshot().notices.at(-1)?.text).toBe('cannot restart the server: port 9000 is already in use');

		server.failNext = undefined;
		await started.restartServer();
		store.flush();
		expect(store.getSnapshot().serverProcess).toEqual({pid: 1003, state: 'running'});
		expect(store.getSnapshot().servers.every((view) => view.state === 'listening')).toBe(true);
	});
});
