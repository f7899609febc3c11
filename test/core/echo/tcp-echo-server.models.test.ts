import {existsSync, readdirSync, readFileSync} from 'node:fs';
import type net from 'node:net';
import process from 'node:process';
import {describe, expect, it} from 'vitest';
import type {ServerModel} from '../../../source/core/echo/server-model.js';
import type {EchoServerEvent} from '../../../source/core/echo/types.js';
import {cliPath} from '../../helpers/run-cli.js';
import {readBytes, waitFor, echoKit} from './echo-test-kit.js';

const kit = echoKit({workerSpawn: {cliPath}});

async function closeSocket(socket: net.Socket): Promise<void> {
	await new Promise<void>((resolve) => {
		socket.once('close', () => resolve());
		socket.end();
	});
}

/** Bytes that arrive on `socket` within `ms` (used to assert that nothing arrives while a client waits its turn). */
async function bytesWithin(socket: net.Socket, ms: number): Promise<number> {
	let count = 0;
	const onData = (chunk: Buffer) => {
		count += chunk.length;
	};

	socket.on('data', onData);
	await new Promise((resolve) => setTimeout(resolve, ms));
	socket.off('data', onData);
	return count;
}

/** Names of this process's threads, from /proc (not from the server's own counters). */
function threadNames(): string[] {
	return readdirSync('/proc/self/task').flatMap((tid) => {
		try {
			return [readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim()];
		} catch {
			return [];
		}
	});
}

function alive(pid: number): boolean {
	if (!existsSync(`/proc/${pid}/stat`)) return false;
	// A zombie is not serving anyone.
	return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

describe('TCP server models', () => {
	it('iterative: a second client connects but gets no reply until the first closes, then gets it', async () => {
		const server = await kit.start('tcp', {model: 'iterative'});
		const first = await kit.connect(server);
		const firstReply = readBytes(first, 5);
		first.write('first');
		expect((await firstReply).toString()).toBe('FIRST');

		const second = await kit.connect(server);
		second.write('second');
		await waitFor(() => server.stats().models.queuedCount === 1, 'the second client to be listed as queued');
		const queued = server.stats().models.queued[0]!;
		expect(queued.peer.port).toBe(second.localPort);
		expect(queued.since).toBeLessThanOrEqual(Date.now());
		// Absence, not speed: while the first stays connected, nothing comes back to the second.
		expect(await bytesWithin(second, 300)).toBe(0);

		const secondReply = readBytes(second, 6);
		await closeSocket(first);
		expect((await secondReply).toString()).toBe('SECOND');
		expect(server.stats().models.queuedCount).toBe(0);
	});

	it('iterative: a client waiting its turn is not closed as idle, nor evicted at the cap; the served one can be', async () => {
		const server = await kit.start('tcp', {model: 'iterative', idleTimeoutMs: 300, maxTcpConnections: 2});
		const served = await kit.connect(server);
		const waiting = await kit.connect(server);
		await waitFor(() => server.stats().models.queuedCount === 1, 'the second client to queue');
		// At the cap a third client makes room by evicting the served (longest-idle) one, never the waiting one.
		const third = await kit.connect(server);
		const servedClosed = new Promise<void>((resolve) => served.once('close', () => resolve()));
		await servedClosed;
		// The waiting client's turn came; it is now served, and the third waits.
		await waitFor(() => server.stats().models.queuedCount === 1, 'the third client to queue');
		const reply = readBytes(waiting, 2);
		waiting.write('ok');
		expect((await reply).toString()).toBe('OK');
		// Silent longer than the idle timeout: the served client goes, the one waiting its turn does not.
		const waitingClosed = new Promise<void>((resolve) => waiting.once('close', () => resolve()));
		await waitingClosed;
		// The third waited all that time (longer than the idle timeout) and is now the one served.
		await waitFor(() => server.stats().models.queuedCount === 0, 'the third client to be served');
		expect(server.stats().activeConnections).toBe(1);
		const thirdReply = readBytes(third, 2);
		third.write('hi');
		expect((await thirdReply).toString()).toBe('HI');
		expect(server.stats().guards.evicted).toBe(1);
		expect(server.stats().guards.idleClosed).toBeGreaterThanOrEqual(1);
	});

	it.each<ServerModel>(['event-loop', 'threads', 'processes'])(
		'%s: two clients connected at once both get their replies',
		async (model) => {
			const server = await kit.start('tcp', {model});
			const first = await kit.connect(server);
			const second = await kit.connect(server);
			const replies = [readBytes(first, 3, 20_000), readBytes(second, 3, 20_000)];
			first.write('one');
			second.write('two');
			expect((await Promise.all(replies)).map(String)).toEqual(['ONE', 'TWO']);
			expect(server.stats().messagesOut).toBeGreaterThanOrEqual(model === 'processes' ? 0 : 2);
		},
	);

	it('threads: a named thread per connection, from /proc, gone once the peers leave', async () => {
		const server = await kit.start('tcp', {model: 'threads'});
		const before = threadNames().filter((name) => name.startsWith('echo ')).length;
		const clients = [await kit.connect(server), await kit.connect(server)];
		for (const client of clients) {
			const reply = readBytes(client, 1);
			client.write('x');
			await reply;
			expect(threadNames()).toContain(`echo ${client.localPort}`);
		}

		// One worker per connection; the threads come online in either order on a busy machine.
		expect(
			server
				.stats()
				.models.workers.map((worker) => worker.connectionId)
				.sort(),
		).toEqual(clients.map((client) => `tcp:127.0.0.1:${client.localPort}`).sort());

		const tids = server.stats().models.workers.map((worker) => (worker.kind === 'thread' ? worker.tid : 0));
		for (const tid of tids) expect(existsSync(`/proc/self/task/${tid}`)).toBe(true);
		await Promise.all(clients.map(async (client) => closeSocket(client)));
		await waitFor(() => tids.every((tid) => !existsSync(`/proc/self/task/${tid}`)), 'the handler threads to end');
		expect(threadNames().filter((name) => name.startsWith('echo ')).length).toBe(before);
		await waitFor(() => server.stats().models.workerCount === 0, 'no worker listed');
	});

	it('threads: a thread whose client left serves the next one (a Node thread is slow to start), renamed after it', async () => {
		const server = await kit.start('tcp', {model: 'threads'});
		const first = await kit.connect(server);
		const reply = readBytes(first, 1);
		first.write('a');
		await reply;
		const [worker] = server.stats().models.workers;
		const tid = worker!.kind === 'thread' ? worker!.tid : 0;
		await closeSocket(first);
		await waitFor(() => server.stats().models.workers[0]?.connectionId === '', 'the thread to wait, idle');
		const comm = () => readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim();
		await waitFor(() => comm() === 'echo idle', 'the idle thread to be named so');
		const second = await kit.connect(server);
		const secondReply = readBytes(second, 1);
		second.write('b');
		await secondReply;
		expect(server.stats().models.workers).toEqual([
			{kind: 'thread', tid, connectionId: `tcp:127.0.0.1:${second.localPort}`},
		]);
		await waitFor(() => comm() === `echo ${second.localPort}`, 'the thread to be named after its new client');
	});

	it('threads: a handler that throws ends its own connection, and the server keeps serving', async () => {
		const server = await kit.start('tcp', {model: 'threads', failHandlerOn: 'boom'});
		const healthy = await kit.connect(server);
		const doomed = await kit.connect(server);
		const closed = new Promise<void>((resolve) => doomed.once('close', () => resolve()));
		doomed.write('boom');
		await closed;
		const reply = readBytes(healthy, 5);
		healthy.write('still');
		expect((await reply).toString()).toBe('STILL');
		expect(server.stats().models.handlerFailures).toBe(1);
	});

	it('processes: a child per connection that owns the socket, gone after the peer leaves; the log still sees the traffic', async () => {
		const server = await kit.start('tcp', {model: 'processes'});
		const events: EchoServerEvent[] = [];
		server.subscribe((event) => events.push(event));
		const client = await kit.connect(server);
		const reply = readBytes(client, 5, 20_000);
		client.write('hello');
		expect((await reply).toString()).toBe('HELLO');
		const [worker] = server.stats().models.workers;
		expect(worker?.kind).toBe('process');
		const pid = worker!.kind === 'process' ? worker!.pid : 0;
		expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).toContain('server-worker');
		expect(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]).toBe(String(process.pid));
		await waitFor(() => events.some((event) => event.type === 'message-out'), 'the reply in the log');
		await closeSocket(client);
		await waitFor(() => !alive(pid), 'the child to exit');
		await waitFor(
			() => events.some((event) => event.type === 'connection-closed' && event.reason === 'end'),
			'the connection to be reported closed',
		);
		expect(server.stats().messagesIn).toBe(1);
		expect(server.stats().activeConnections).toBe(0);
	});

	it('processes: a SIGKILLed child takes down its connection only', async () => {
		const server = await kit.start('tcp', {model: 'processes'});
		const victim = await kit.connect(server);
		const reply = readBytes(victim, 1, 20_000);
		victim.write('v');
		await reply;
		const [worker] = server.stats().models.workers;
		const pid = worker!.kind === 'process' ? worker!.pid : 0;
		const closed = new Promise<void>((resolve) => victim.once('close', () => resolve()));
		process.kill(pid, 'SIGKILL');
		await closed;
		const other = await kit.connect(server);
		const otherReply = readBytes(other, 2, 20_000);
		other.write('ok');
		expect((await otherReply).toString()).toBe('OK');
		await waitFor(() => server.stats().models.handlerFailures === 1, 'the failure to be counted');
	});

	it('switching the model: an open connection keeps its model, a new one gets the new model', async () => {
		const server = await kit.start('tcp', {model: 'event-loop'});
		const old = await kit.connect(server);
		server.setModel('iterative');
		const first = await kit.connect(server);
		const firstReply = readBytes(first, 1);
		first.write('a');
		await firstReply;
		expect(server.stats().models).toMatchObject({model: 'iterative', finishingUnder: {'event-loop': 1}});
		// The event-loop connection is not queued behind the iterative one.
		const oldReply = readBytes(old, 3);
		old.write('old');
		expect((await oldReply).toString()).toBe('OLD');
		const second = await kit.connect(server);
		second.write('b');
		await waitFor(() => server.stats().models.queuedCount === 1, 'the new iterative client to queue');
	});

	it('close() ends every thread and child', async () => {
		const server = await kit.start('tcp', {model: 'processes'});
		const client = await kit.connect(server);
		const reply = readBytes(client, 1, 20_000);
		client.write('z');
		await reply;
		const [worker] = server.stats().models.workers;
		const pid = worker!.kind === 'process' ? worker!.pid : 0;
		await server.close();
		await waitFor(() => !alive(pid), 'the child to be gone');
	});
});
