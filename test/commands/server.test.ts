import net from 'node:net';
import {newGuardStats} from '../../source/core/echo/counters.js';
import {afterEach, describe, expect, it} from 'vitest';
import {formatServerEvent, guardSummary, reachabilityWarning} from '../../source/commands/server.js';
import {startEchoServer} from '../../source/core/echo/start-echo-server.js';
import type {EchoServer} from '../../source/core/echo/types.js';
import {runCli} from '../helpers/run-cli.js';
import {startCliServer, type CliProcess} from '../core/echo/cli-process.js';
import {connectTcp, readBytes, udpRoundTrip} from '../core/echo/echo-test-kit.js';

const running: CliProcess[] = [];
const servers: EchoServer[] = [];
afterEach(async () => {
	await Promise.all(running.splice(0).map(async (server) => server.stop('SIGKILL')));
	await Promise.all(servers.splice(0).map(async (server) => server.close()));
});

async function start(args: string[] = []) {
	const server = await startCliServer(args);
	running.push(server);
	return server;
}

describe('socktui server (built CLI)', () => {
	it('--help describes the options', async () => {
		const result = await runCli(['server', '--help']);
		expect(result.code).toBe(0);
		for (const text of [
			'socktui server',
			'--tcp',
			'--udp',
			'--host',
			'--port',
			'--quiet',
			'listening tcp 127.0.0.1:8082',
			'--idle-timeout',
			'--udp-peer-rate',
			'--allow-low-ports',
			'--no-loop-guard',
		]) {
			expect(result.stdout).toContain(text);
		}
	});

	it('--version prints the version', async () => {
		const result = await runCli(['server', '--version']);
		expect(result.code).toBe(0);
		expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
	});

	it.each([
		[['server', '--bogus'], "unknown option '--bogus'"],
		[['server', '--port', 'abc'], '--port must be a port number'],
		[['server', '--port', '70000'], '--port must be a port number'],
		[['server', '--tcp', '--udp'], '--tcp and --udp cannot be used together'],
		[['server', 'extra'], "unexpected argument 'extra'"],
		[['server', '--idle-timeout', 'soon'], '--idle-timeout must be a number of seconds from 0 (never)'],
		[['server', '--idle-timeout', '99999999'], '--idle-timeout must be a number of seconds from 0 (never)'],
		[['server', '--udp-peer-rate', '-5'], '--udp-peer-rate must be a whole number'],
		[['server', '--udp-peer-rate', '1.5'], '--udp-peer-rate must be a whole number'],
	])('%j is a usage error: one line, exit 2', async (args, message) => {
		const result = await runCli(args);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain(message);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stdout).toBe('');
	});

	it('prints the ready line with the real port for --port 0, logs messages as safe text, and exits 0 on SIGTERM', async () => {
		const server = await start();
		expect(server.lines[0]).toBe(`listening tcp 127.0.0.1:${server.port}`);
		const socket = await connectTcp(server.port);
		const localPort = socket.localPort;
		const payload = Buffer.from('hi \u001b]52;c;SGVsbG8=\u0007\u001b[2J\u009b\xff\n', 'latin1');
		const reply = readBytes(socket, payload.length);
		socket.write(payload);
		await reply;
		socket.end();
		await server.waitForOutput((stdout) => stdout.includes('disconnected'), 'the disconnect line');
		const lines = server.lines;
		expect(lines[1]).toMatch(/^\[127\.0\.0\.1:\d+\] connected$/);
		const peer = `[127.0.0.1:${localPort}]`;
		expect(lines[2]).toBe(`${peer} in  26 bytes: hi \\e]52;c;SGVsbG8=\\a\\e[2J\\x9b\\xff\\n`);
		expect(lines[3]).toBe(`${peer} out 26 bytes: HI \\e]52;C;SGVSBG8=\\a\\e[2J\\x9b\\xff\\n`);
		expect(lines.at(-1)).toMatch(/disconnected, closed by the peer \(1 message, \d+ bytes in, \d+ bytes out\)$/);
		// Nothing from the payload reaches the terminal as a control byte.
		expect(server.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
		expect(await server.stop('SIGTERM')).toEqual({code: 0, signal: null});
	});

	it('serves UDP, exits 0 on SIGINT', async () => {
		const server = await start(['--udp']);
		expect(server.lines[0]).toBe(`listening udp 127.0.0.1:${server.port}`);
		expect((await udpRoundTrip(server.port, Buffer.from('ping'))).toString()).toBe('PING');
		await server.waitForOutput((stdout) => stdout.includes('out 4 bytes: PING'), 'the out line');
		expect(await server.stop('SIGINT')).toEqual({code: 0, signal: null});
	});

	it('--quiet prints only the ready line', async () => {
		const server = await start(['--quiet']);
		const socket = await connectTcp(server.port);
		const reply = readBytes(socket, 6);
		socket.write('quiet\n');
		expect((await reply).toString()).toBe('QUIET\n');
		socket.end();
		await new Promise((resolve) => socket.once('close', resolve));
		expect(await server.stop('SIGTERM')).toEqual({code: 0, signal: null});
		expect(server.lines).toEqual([`listening tcp 127.0.0.1:${server.port}`]);
	});

	it('SIGTERM with clients still connected closes them and exits 0', async () => {
		const server = await start();
		const socket = await connectTcp(server.port);
		socket.on('error', () => {});
		const closed = new Promise((resolve) => socket.once('close', resolve));
		await server.waitForOutput((stdout) => stdout.includes('connected'), 'the connect line');
		expect(await server.stop('SIGTERM')).toEqual({code: 0, signal: null});
		await closed;
	});

	it.each(['tcp', 'udp'] as const)('port in use (%s): one line naming port and protocol, exit 1', async (protocol) => {
		const taken = await startEchoServer(protocol, {host: '127.0.0.1', port: 0});
		servers.push(taken);
		const result = await runCli(['server', `--${protocol}`, '--port', String(taken.local.port)]);
		expect(result.code).toBe(1);
		expect(result.stderr).toBe(
			`socktui: port ${taken.local.port} is already in use (${protocol} 127.0.0.1:${taken.local.port})\n`,
		);
		expect(result.stdout).toBe('');
	});

	it('an address not on this machine: one line, exit 1', async () => {
		// 192.0.2.1 is TEST-NET-1 (documentation only): never assigned to a local interface.
		const result = await runCli(['server', '--host', '192.0.2.1', '--port', '0']);
		expect(result.code).toBe(1);
		expect(result.stderr).toBe('socktui: cannot bind tcp 192.0.2.1:0: address not available on this machine\n');
	});

	it('binds IPv6 loopback without a warning', async () => {
		const probe = net.createServer();
		const hasIpv6 = await new Promise<boolean>((resolve) => {
			probe.once('error', () => resolve(false));
			probe.listen(0, '::1', () => probe.close(() => resolve(true)));
		});
		if (!hasIpv6) {
			console.log('skipped: no IPv6 loopback on this machine');
			return;
		}

		const server = await start(['--host', '::1']);
		expect(server.lines[0]).toBe(`listening tcp [::1]:${server.port}`);
		expect(await server.stop('SIGTERM')).toEqual({code: 0, signal: null});
		expect(server.stderr).toBe('');
	});
});

describe('server output formatting', () => {
	it('warns only for addresses that are not loopback', () => {
		expect(reachabilityWarning('tcp', {address: '127.0.0.1', port: 1})).toBeUndefined();
		expect(reachabilityWarning('udp', {address: '::1', port: 1})).toBeUndefined();
		expect(reachabilityWarning('tcp', {address: '0.0.0.0', port: 8082})).toBe(
			'tcp 0.0.0.0:8082 is reachable from the network, not just this machine',
		);
		expect(reachabilityWarning('udp', {address: '::', port: 8082})).toBe(
			'udp [::]:8082 is reachable from the network, not just this machine',
		);
	});

	it('shortens long payloads and names drops and refusals', () => {
		const peer = {address: '127.0.0.1', port: 5};
		const long = formatServerEvent(
			{type: 'message-in', protocol: 'udp', connectionId: 'x', peer, bytes: Buffer.alloc(1000, 0x61)},
			9,
		);
		expect(long).toBe(`[127.0.0.1:5] in  1000 bytes: ${'a'.repeat(200)}…`);
		expect(formatServerEvent({type: 'dropped', protocol: 'udp', peer, byteCount: 10, reason: 'overload'}, 9)).toBe(
			'[127.0.0.1:5] dropped 10 bytes (too many replies pending)',
		);
		expect(formatServerEvent({type: 'connection-refused', protocol: 'tcp', peer, reason: 'limit'}, 9)).toBe(
			'[127.0.0.1:5] refused: 9 connections already open',
		);
		expect(formatServerEvent({type: 'closed', protocol: 'tcp'}, 9)).toBeUndefined();
	});

	it('names the guards in words', () => {
		const peer = {address: '127.0.0.1', port: 41_041};
		const counters = {bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0, firstSeen: 0, lastSeen: 0};
		expect(formatServerEvent({type: 'peer-muted', protocol: 'udp', peer, reason: 'loop', forMs: 10_000}, 9)).toBe(
			'echo loop with 127.0.0.1:41041 suspected: muted 10 s',
		);
		expect(
			formatServerEvent(
				{type: 'connection-closed', protocol: 'tcp', connectionId: 'x', peer, reason: 'idle', counters, idleMs: 30_400},
				1024,
			),
		).toBe('[127.0.0.1:41041] closed idle connection after 30 s (0 messages, 0 bytes in, 0 bytes out)');
		expect(
			formatServerEvent(
				{
					type: 'connection-closed',
					protocol: 'tcp',
					connectionId: 'x',
					peer,
					reason: 'evicted',
					counters,
					idleMs: 2000,
				},
				1024,
			),
		).toBe(
			'[127.0.0.1:41041] connection cap 1024 reached: closed the longest-idle connection, silent for 2 s (0 messages, 0 bytes in, 0 bytes out)',
		);
		expect(
			formatServerEvent(
				{
					type: 'dropped',
					protocol: 'udp',
					peer: {address: '127.0.0.1', port: 0},
					byteCount: 4,
					reason: 'unreplyable',
					unreported: 2,
				},
				9,
			),
		).toBe('[127.0.0.1:0] dropped 4 bytes (its source cannot be replied to; 2 more like it since the last report)');
	});

	it('sums up what the guards did since the last report', () => {
		const zero = newGuardStats();
		expect(guardSummary({guards: zero, kernelDrops: 5}, {guards: zero, kernelDrops: 5})).toBe('');
		expect(
			guardSummary(
				{guards: zero, kernelDrops: 5},
				{guards: {...zero, loopsSuspected: 1, muted: 1200}, kernelDrops: 2005},
			),
		).toBe(
			'2,000 kernel drops (receive buffer full), 1 echo loop suspected (peer muted), 1,200 datagrams from muted peers',
		);
	});
});
