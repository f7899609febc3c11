import type dgram from 'node:dgram';
import {existsSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import type {ServerModel} from '../../../source/core/echo/server-model.js';
import {cliPath} from '../../helpers/run-cli.js';
import {waitFor, echoKit} from './echo-test-kit.js';

const kit = echoKit({workerSpawn: {cliPath}});

async function client(): Promise<{socket: dgram.Socket; replies: string[]}> {
	const socket = await kit.boundUdpSocket();
	const replies: string[] = [];
	socket.on('message', (message) => replies.push(message.toString()));
	return {socket, replies};
}

describe('UDP server models', () => {
	it('iterative: one datagram at a time, answered in arrival order', async () => {
		const server = await kit.start('udp', {model: 'iterative', replyDelayMs: 30});
		const {socket, replies} = await client();
		const sent = ['a1', 'b2', 'c3', 'd4', 'e5'];
		for (const text of sent) socket.send(text, server.local.port, '127.0.0.1');
		await waitFor(() => replies.length === sent.length, 'every reply', 20_000);
		expect(replies).toEqual(sent.map((text) => text.toUpperCase()));
	});

	it.each<ServerModel>(['event-loop', 'threads', 'processes'])('%s: every datagram is answered', async (model) => {
		const server = await kit.start('udp', {model});
		const {socket, replies} = await client();
		for (const text of ['x', 'y', 'z']) socket.send(text, server.local.port, '127.0.0.1');
		await waitFor(() => replies.length === 3, 'three replies', 20_000);
		expect(replies.sort()).toEqual(['X', 'Y', 'Z']);
	});

	it('threads: a thread per datagram while its handler runs, gone afterwards (from /proc)', async () => {
		const server = await kit.start('udp', {model: 'threads', replyDelayMs: 400});
		const {socket, replies} = await client();
		socket.send('slow', server.local.port, '127.0.0.1');
		await waitFor(() => server.stats().models.workerCount === 1, 'a live handler thread');
		const [worker] = server.stats().models.workers;
		expect(worker?.kind).toBe('thread');
		const tid = worker!.kind === 'thread' ? worker!.tid : 0;
		expect(existsSync(`/proc/self/task/${tid}`)).toBe(true);
		await waitFor(() => replies.length === 1, 'the reply');
		await waitFor(() => !existsSync(`/proc/self/task/${tid}`), 'the thread to end');
		expect(server.stats().models.workerCount).toBe(0);
	});

	it('threads: a handler that throws loses one datagram, never the server', async () => {
		const server = await kit.start('udp', {model: 'threads', failHandlerOn: 'boom'});
		const {socket, replies} = await client();
		socket.send('boom', server.local.port, '127.0.0.1');
		await waitFor(() => server.stats().models.handlerFailures === 1, 'the failure to be counted');
		socket.send('fine', server.local.port, '127.0.0.1');
		await waitFor(() => replies.includes('FINE'), 'the next reply');
		expect(replies).toEqual(['FINE']);
	});

	it('processes with a pool: pre-started children answer, and are listed as pooled', async () => {
		const server = await kit.start('udp', {model: 'processes', pool: 2});
		await waitFor(() => server.stats().models.workerCount === 2, 'two pooled children');
		const pids = server.stats().models.workers.map((worker) => (worker.kind === 'process' ? worker.pid : 0));
		const {socket, replies} = await client();
		for (const text of ['p', 'q', 'r', 's']) socket.send(text, server.local.port, '127.0.0.1');
		await waitFor(() => replies.length === 4, 'four replies', 20_000);
		// The same two children served all four.
		expect(
			server
				.stats()
				.models.workers.map((worker) => (worker.kind === 'process' ? worker.pid : 0))
				.sort(),
		).toEqual(pids.sort());
		expect(server.stats().models.pool).toBe(2);
		await server.close();
		await waitFor(() => pids.every((pid) => !existsSync(`/proc/${pid}/cmdline`) || !isLive(pid)), 'the pool to end');
	});
});

function isLive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}
