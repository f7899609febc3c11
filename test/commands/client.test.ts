import dgram from 'node:dgram';
import net from 'node:net';
import {spawn as spawnPty} from '@lydell/node-pty';
import {afterEach, describe, expect, it} from 'vitest';
import {startEchoServer} from '../../source/core/echo/start-echo-server.js';
import type {EchoServer} from '../../source/core/echo/types.js';
import {cliPath, runCli} from '../helpers/run-cli.js';
import {waitFor} from '../core/echo/echo-test-kit.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function echoServer(protocol: 'tcp' | 'udp'): Promise<EchoServer> {
	const server = await startEchoServer(protocol, {host: '127.0.0.1', port: 0});
	cleanups.push(async () => server.close());
	return server;
}

async function listenTcp(onConnection: (socket: net.Socket) => void): Promise<number> {
	const server = net.createServer(onConnection);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	cleanups.push(async () => new Promise((resolve) => server.close(() => resolve())));
	return (server.address() as net.AddressInfo).port;
}

async function freePort(): Promise<number> {
	const probe = net.createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const {port} = probe.address() as net.AddressInfo;
	await new Promise((resolve) => probe.close(resolve));
	return port;
}

describe('socktui client, piped (built CLI)', () => {
	it('TCP: sends each non-empty line with a newline, prints each reply on its own line, exits 0', async () => {
		const server = await echoServer('tcp');
		const received: string[] = [];
		server.subscribe((event) => event.type === 'message-in' && received.push(Buffer.from(event.bytes).toString()));
		const result = await runCli(['client', '--port', String(server.local.port)], {input: 'hello\n\nwörld 中文\r\nlast line without newline'});
		expect(result.stderr).toBe('');
		expect(result.stdout).toBe('HELLO\nWöRLD 中文\nLAST LINE WITHOUT NEWLINE\n');
		expect(result.code).toBe(0);
		expect(received.join('')).toBe('hello\nwörld 中文\nlast line without newline\n');
	});

	it('UDP: sends each line as one datagram without the newline', async () => {
		const server = await echoServer('udp');
		const received: string[] = [];
		server.subscribe((event) => event.type === 'message-in' && received.push(Buffer.from(event.bytes).toString()));
		const result = await runCli(['client', '--udp', '--port', String(server.local.port)], {input: 'one\ntwo\n\nthree\n'});
		expect(result.stdout).toBe('ONE\nTWO\nTHREE\n');
		expect(result.code).toBe(0);
		expect(received).toEqual(['one', 'two', 'three']);
	});

	it('shows hostile replies as safe text and keeps raw bytes exact', async () => {
		const server = await echoServer('tcp');
		const input = Buffer.concat([Buffer.from('a\u001b]0;title\u0007b\u001b[31mc\u0008\u009b\u202e'), Buffer.from([0xff, 0x0a])]);
		const result = await runCli(['client', '--port', String(server.local.port)], {input});
		expect(result.code).toBe(0);
		expect(result.stdout).toBe('A\\e]0;TITLE\\aB\\e[31MC\\b\\u009b\\u202e\\xff\n');
	});

	it('empty input: sends nothing, exits 0', async () => {
		const server = await echoServer('tcp');
		const result = await runCli(['client', '--port', String(server.local.port)], {input: '\n\n'});
		expect(result).toMatchObject({code: 0, stdout: '', stderr: ''});
		expect(server.stats().messagesIn).toBe(0);
	});

	it('connection refused: one line, exit 1', async () => {
		const port = await freePort();
		const result = await runCli(['client', '--port', String(port)], {input: 'x\n'});
		expect(result.code).toBe(1);
		expect(result.stderr).toBe(`socktui: connection refused by tcp 127.0.0.1:${port} (is the server running?)\n`);
	});

	it.each(['tcp', 'udp'])('host not found (%s): one line, exit 1', async (protocol) => {
		const result = await runCli(['client', `--${protocol}`, '--host', 'no-such-host.invalid'], {input: 'x\n'});
		expect(result.code).toBe(1);
		expect(result.stderr).toBe('socktui: host not found: no-such-host.invalid\n');
	});

	it('TCP peer closed: the replies so far, then one line, exit 1', async () => {
		// Answers the first line, then closes.
		const port = await listenTcp((socket) => socket.once('data', (data: Buffer) => socket.end(Buffer.from(data.toString().toUpperCase()))));
		const result = await runCli(['client', '--port', String(port)], {input: 'first\nsecond\nthird\n'});
		expect(result.stdout).toBe('FIRST\n');
		expect(result.code).toBe(1);
		expect(result.stderr).toBe(`socktui: connection closed by tcp 127.0.0.1:${port}\n`);
	});

	it('UDP without a reply: the tutorial client would hang; this one says so after --timeout, exit 1', async () => {
		const silent = dgram.createSocket('udp4');
		await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
		cleanups.push(async () => new Promise((resolve) => silent.close(() => resolve())));
		const port = silent.address().port;
		const result = await runCli(['client', '--udp', '--port', String(port), '--timeout', '300ms'], {input: 'hello?\n'});
		expect(result.code).toBe(1);
		expect(result.stderr).toBe(`socktui: no reply from 127.0.0.1:${port} (is a UDP server listening?)\n`);
	});

	it.each([
		[['client', '--timeout', 'soon'], '--timeout must be a duration'],
		[['client', '--port', '0'], '--port must name the server port'],
		[['client', '--nope'], "unknown option '--nope'"],
		[['client', '--tcp', '--udp'], '--tcp and --udp cannot be used together'],
	])('%j is a usage error: exit 2', async (args, message) => {
		const result = await runCli(args, {input: ''});
		expect(result.code).toBe(2);
		expect(result.stderr).toContain(message);
	});

	it('--help describes the modes and options', async () => {
		const result = await runCli(['client', '--help']);
		expect(result.code).toBe(0);
		for (const text of ['socktui client', '--udp', '--timeout', ">>> "]) expect(result.stdout).toContain(text);
	});
});

describe('socktui client in a terminal', () => {
	it('prompts with >>> , prints replies, keeps going after an empty line, quits on Ctrl-D with 0', async () => {
		const server = await echoServer('tcp');
		const env: Record<string, string> = {};
		for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'CI') env[key] = value;
		const pty = spawnPty(process.execPath, [cliPath, 'client', '--port', String(server.local.port)], {cols: 80, rows: 24, env});
		let output = '';
		pty.onData((data) => (output += data));
		const exited = new Promise<number>((resolve) => pty.onExit(({exitCode}) => resolve(exitCode)));
		cleanups.push(() => {
			try {
				pty.kill();
			} catch {}
		});
		await waitFor(() => output.includes('>>> '), 'the first prompt');
		expect(output).toContain(`connected to tcp 127.0.0.1:${server.local.port}`);
		pty.write('hello there\r');
		await waitFor(() => output.includes('HELLO THERE'), 'the reply');
		pty.write('\r');
		pty.write('again\r');
		await waitFor(() => output.includes('AGAIN'), 'the second reply');
		expect(output.split('>>> ').length - 1).toBeGreaterThanOrEqual(4);
		// Pasted lines arrive while a reply is awaited: each is still sent, in order.
		pty.write('one\rtwo\rthree\r');
		await waitFor(() => /ONE[\s\S]*TWO[\s\S]*THREE/.test(output), 'three pasted replies');
		pty.write('\u0004');
		expect(await exited).toBe(0);
		expect(server.stats().bytesIn).toBe('hello there\nagain\none\ntwo\nthree\n'.length);
	});

	it('a server that closes the connection ends the session: one line, exit 1', async () => {
		const port = await listenTcp((socket) => socket.once('data', () => socket.end()));
		const env: Record<string, string> = {};
		for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'CI') env[key] = value;
		const pty = spawnPty(process.execPath, [cliPath, 'client', '--port', String(port)], {cols: 80, rows: 24, env});
		let output = '';
		pty.onData((data) => (output += data));
		const exited = new Promise<number>((resolve) => pty.onExit(({exitCode}) => resolve(exitCode)));
		await waitFor(() => output.includes('>>> '), 'the first prompt');
		pty.write('bye\r');
		expect(await exited).toBe(1);
		expect(output).toContain(`socktui: connection closed by tcp 127.0.0.1:${port}`);
	});
});
