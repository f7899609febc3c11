import {spawn} from 'node:child_process';
import dgram from 'node:dgram';
import net from 'node:net';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {maxBatchLines} from '../../../source/core/server-process/server-messages.js';
import {ServerProcess, type ServerProcessEvent} from '../../../source/core/server-process/server-process.js';
import {isSocktuiError} from '../../../source/core/errors.js';
import {fileURLToPath} from 'node:url';
import {assertBuilt, cliPath, isAlive, waitUntilGone} from '../sessions/session-test-kit.js';
import {waitUntil} from '../../helpers/wait.js';

const host = '127.0.0.1';
const started: ServerProcess[] = [];

function serverProcess(options: {port?: number; replyDelayMs?: number} = {}) {
	const server = new ServerProcess({
		cliPath,
		server: {
			host,
			port: options.port ?? 0,
			...(options.replyDelayMs === undefined ? {} : {replyDelayMs: options.replyDelayMs}),
		},
	});
	started.push(server);
	const events: ServerProcessEvent[] = [];
	server.subscribe((event) => events.push(event));
	return {server, events};
}

async function waitFor<T>(pick: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
	return waitUntil(pick, what, {timeoutMs});
}

async function tcpExchange(port: number, text: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const socket = net.connect({host, port}, () => socket.write(text));
		let reply = '';
		socket.setEncoding('utf8');
		socket.on('data', (chunk: string) => {
			reply += chunk;
			if (reply.length >= text.length) {
				socket.end();
				resolve(reply);
			}
		});
		socket.on('error', reject);
	});
}

async function udpExchange(port: number, text: string): Promise<string> {
	const socket = dgram.createSocket('udp4');
	try {
		return await new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error('no UDP reply within 5 s')), 5000);
			socket.once('message', (message) => {
				clearTimeout(timer);
				resolve(message.toString());
			});
			socket.send(text, port, host);
		});
	} finally {
		socket.close();
	}
}

beforeAll(() => {
	assertBuilt();
});

afterEach(async () => {
	for (const server of started.splice(0)) server.killNow();
});

describe('ServerProcess: the echo server in its own process', () => {
	it('says ready with its port, serves TCP and UDP from another PID, takes the reply-delay knob and shuts down', async () => {
		const {server, events} = serverProcess();
		const ready = await server.start();
		expect(ready.port).toBeGreaterThan(0);
		expect(ready.local.tcp).toEqual({address: host, port: ready.port});
		expect(ready.local.udp).toEqual({address: host, port: ready.port});
		expect(ready.pid).toBe(server.pid);
		expect(ready.pid).not.toBe(process.pid);
		expect(isAlive(ready.pid)).toBe(true);

		expect(await tcpExchange(ready.port, 'hello tcp\n')).toBe('HELLO TCP\n');
		expect(await udpExchange(ready.port, 'hello udp')).toBe('HELLO UDP');
		// The exchanges arrive as batched events and totals.
		await waitFor(
			() =>
				events.find(
					(event) =>
						event.type === 'batch' && event.batch.stats.find((stats) => stats.protocol === 'udp')?.messagesIn === 1,
				),
			'UDP totals in a batch',
		);
		const lines = events.flatMap((event) => (event.type === 'batch' ? event.batch.events : []));
		expect(
			lines.some(
				(event) =>
					event.type === 'message-in' &&
					event.protocol === 'tcp' &&
					Buffer.from(event.bytes).toString() === 'hello tcp\n',
			),
		).toBe(true);
		expect(lines.some((event) => event.type === 'connection-opened')).toBe(true);

		server.setReplyDelay(300);
		await waitFor(() => (server.options.replyDelayMs === 300 ? true : undefined), 'the knob');
		const before = performance.now();
		expect(await udpExchange(ready.port, 'slow')).toBe('SLOW');
		expect(performance.now() - before).toBeGreaterThanOrEqual(250);

		await server.shutdown();
		expect(events.at(-1)).toMatchObject({type: 'exited', pid: ready.pid, expected: true});
		await waitUntilGone([ready.pid], 5000);
		expect(server.running).toBe(false);
	});

	it('a taken explicit port is an error with the reason, and no process stays', async () => {
		const blocker = net.createServer();
		await new Promise<void>((resolve) => blocker.listen(0, host, resolve));
		const {port} = blocker.address() as net.AddressInfo;
		try {
			const {server} = serverProcess({port});
			const error = await server.start().then(
				() => undefined,
				(error_: unknown) => error_,
			);
			expect(isSocktuiError(error) && error.kind).toBe('PortInUse');
			expect((error as Error).message).toMatch(new RegExp(`port ${port} is already in use`));
			await waitFor(() => (server.running ? undefined : true), 'the child to exit');
		} finally {
			blocker.close();
		}
	});

	it('restarts on the same port after being killed, and reports the kill as unexpected', async () => {
		const {server, events} = serverProcess();
		const first = await server.start();
		process.kill(first.pid, 'SIGKILL');
		const exited = await waitFor(() => events.find((event) => event.type === 'exited'), 'the exit');
		expect(exited).toMatchObject({pid: first.pid, signal: 'SIGKILL', expected: false});
		const second = await server.start();
		expect(second.pid).not.toBe(first.pid);
		expect(second.port).toBe(first.port);
		expect(await udpExchange(second.port, 'again')).toBe('AGAIN');
	});

	it('under a UDP flood sends bounded batches: about one IPC message per 100 ms, at most 20 lines each, the rest counted', async () => {
		const {server, events} = serverProcess();
		const ready = await server.start();
		const batchesBefore = events.filter((event) => event.type === 'batch').length;
		const total = 20_000;
		const client = dgram.createSocket('udp4');
		client.on('message', () => {});
		const start = performance.now();
		try {
			// 20,000 datagrams over about 2 s, 1,000 every 100 ms.
			for (let sent = 0; sent < total; sent += 1000) {
				for (let index = 0; index < 1000; index++) client.send(`flood ${sent + index}`, ready.port, host);

				await new Promise((resolve) => setTimeout(resolve, 100));
			}

			// Wait until the server's totals stop growing (UDP may drop some under load; the counts say how many arrived).
			let last = -1;
			let stable = 0;
			await waitFor(
				() => {
					const latest = events.filter((event) => event.type === 'batch').at(-1);
					const count =
						latest?.type === 'batch'
							? (latest.batch.stats.find((stats) => stats.protocol === 'udp')?.messagesIn ?? 0)
							: 0;
					stable = count === last && count > 0 ? stable + 1 : 0;
					last = count;
					return stable >= 30 ? true : undefined;
				},
				'the totals to settle',
				30_000,
			);
		} finally {
			client.close();
		}

		const elapsedMs = performance.now() - start;
		const batches = events
			.filter((event): event is Extract<ServerProcessEvent, {type: 'batch'}> => event.type === 'batch')
			.slice(batchesBefore);
		const received = batches.at(-1)!.batch.stats.find((stats) => stats.protocol === 'udp')!.messagesIn;
		expect(received).toBeGreaterThan(1000);
		// One message per batch interval at most, plus the once-a-second totals, plus slack.
		expect(batches.length).toBeLessThanOrEqual(Math.ceil(elapsedMs / 100) + Math.ceil(elapsedMs / 1000) + 5);
		expect(Math.max(...batches.map((event) => event.batch.events.length))).toBeLessThanOrEqual(maxBatchLines);
		// Every message-in and message-out is either a line or counted as not shown.
		const lines = batches.reduce(
			(sum, event) =>
				sum + event.batch.events.filter((line) => line.protocol === 'udp').length + event.batch.notShown.udp,
			0,
		);
		const stats = batches.at(-1)!.batch.stats.find((item) => item.protocol === 'udp')!;
		expect(lines).toBe(stats.messagesIn + stats.messagesOut + stats.droppedMessages);
		expect(server.droppedMessages).toBe(0);
	});

	it('the child exits by itself when its IPC channel closes (the dashboard went away)', async () => {
		const child = spawn(process.execPath, [cliPath, 'server-child', `--options=${JSON.stringify({host, port: 0})}`], {
			stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
		});
		const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
		try {
			const ready = await new Promise<{type: string; pid: number}>((resolve, reject) => {
				child.once('message', (message) => resolve(message as {type: string; pid: number}));
				child.once('exit', () => reject(new Error('the child exited before it was ready')));
			});
			expect(ready).toMatchObject({type: 'ready', pid: child.pid});
			child.disconnect();
			expect(await exit).toBe(0);
		} finally {
			child.kill('SIGKILL');
		}
	});

	it('drops whatever a misbehaving child sends that is malformed, names another PID, comes twice or comes too fast', async () => {
		const server = new ServerProcess({
			cliPath: fileURLToPath(new URL('fixtures/garbage-server.mjs', import.meta.url)),
			server: {host},
		});
		started.push(server);
		const batches: number[] = [];
		server.subscribe((event) => {
			if (event.type === 'batch') batches.push(event.batch.seq);
		});
		const ready = await server.start();
		expect(ready).toEqual({
			pid: server.pid,
			port: 5,
			local: {tcp: {address: host, port: 5}, udp: {address: host, port: 5}},
		});
		// 6 malformed or foreign messages before the ready, the late second ready, and the batches over the rate.
		await waitFor(
			() => (batches.length + server.droppedMessages >= 6 + 500 + 1 ? true : undefined),
			'every message to be handled',
		);
		expect(batches.length).toBeGreaterThan(0);
		expect(batches.length).toBeLessThanOrEqual(80);
		expect(batches.length + server.droppedMessages).toBe(6 + 500 + 1);
		expect(server.options.port).toBe(5);
		await server.shutdown();
	});

	it('run by hand it explains itself and exits 2', async () => {
		const child = spawn(process.execPath, [cliPath, 'server-child'], {stdio: ['ignore', 'pipe', 'pipe']});
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const code = await new Promise<number | null>((resolve) => child.once('close', (code_) => resolve(code_)));
		expect(code).toBe(2);
		expect(stderr).toMatch(
			/^socktui: 'socktui server-child' is the dashboard's internal server process; use 'socktui server' instead\n$/,
		);
	});
});
