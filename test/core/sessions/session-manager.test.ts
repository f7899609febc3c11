import {execFileSync} from 'node:child_process';
import dgram from 'node:dgram';
import net from 'node:net';
import {performance} from 'node:perf_hooks';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {defaults} from '../../../source/core/defaults.js';
import {startEchoServer} from '../../../source/core/echo/start-echo-server.js';
import type {EchoServer} from '../../../source/core/echo/types.js';
import {isSocktuiError} from '../../../source/core/errors.js';
import {chooseOneCpu, detectPinning} from '../../../source/core/procs/pinning.js';
import {SessionManager} from '../../../source/core/sessions/session-manager.js';
import {sessionExitCodes} from '../../../source/core/sessions/types.js';
import {assertBuilt, cliPath, decode, fixture, isAlive, recordEvents} from './session-test-kit.js';

const host = '127.0.0.1';
let tcp: EchoServer;
let udp: EchoServer;
const managers: SessionManager[] = [];

function manager(options: Partial<ConstructorParameters<typeof SessionManager>[0]> = {}) {
	const created = new SessionManager({cliPath, target: {host, port: tcp.local.port}, ...options});
	managers.push(created);
	return {manager: created, ...recordEvents(created)};
}

/** A port with nothing listening on it (TCP or UDP), found by binding port 0 and closing again. */
async function freePort(kind: 'tcp' | 'udp'): Promise<number> {
	if (kind === 'udp') {
		const socket = dgram.createSocket('udp4');
		await new Promise<void>((resolve) => socket.bind(0, host, resolve));
		const {port} = socket.address();
		await new Promise<void>((resolve) => socket.close(() => resolve()));
		return port;
	}

	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, host, resolve));
	const {port} = server.address() as net.AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

beforeAll(async () => {
	assertBuilt();
	// The sessions share one target port, like the dashboard's servers: UDP on the TCP server's port.
	for (let attempt = 0; ; attempt++) {
		tcp = await startEchoServer('tcp', {host, port: 0});
		try {
			udp = await startEchoServer('udp', {host, port: tcp.local.port});
			break;
		} catch (error: unknown) {
			await tcp.close();
			if (attempt >= 5) throw error;
		}
	}
});

afterEach(async () => {
	await Promise.all(managers.splice(0).map(async (created) => created.closeAll()));
});

afterAll(async () => {
	await tcp?.close();
	await udp?.close();
});

describe('SessionManager with real session processes', () => {
	it('runs a TCP and a UDP session as their own processes, echoing uppercased with an RTT, and closes them with code 0', async () => {
		const {manager: sessions, waitForReport, waitForExit, events} = manager();
		const tcpInfo = sessions.open('tcp');
		const udpInfo = sessions.open('udp');
		expect(events.filter((event) => event.type === 'session-started')).toHaveLength(2);
		expect(new Set([process.pid, tcpInfo.pid, udpInfo.pid]).size).toBe(3);
		expect(isAlive(tcpInfo.pid) && isAlive(udpInfo.pid)).toBe(true);
		expect(sessions.list().map((info) => info.sessionId)).toEqual([tcpInfo.sessionId, udpInfo.sessionId]);

		for (const info of [tcpInfo, udpInfo]) {
			const hello = await waitForReport(info.sessionId, 'hello');
			const timeout = info.protocol === 'udp' ? {replyTimeoutMs: defaults.udpReplyTimeoutMs} : {};
			expect(hello).toEqual({
				type: 'hello',
				pid: info.pid,
				protocol: info.protocol,
				remote: {address: host, port: tcp.local.port},
				...timeout,
			});
			// UDP has no connection: its socket is only ready.
			const connected = await waitForReport(
				info.sessionId,
				'state',
				(report) => report.state === (info.protocol === 'udp' ? 'ready' : 'connected'),
			);
			expect(connected.local?.port).toBeGreaterThan(0);
			expect(sessions.send(info.sessionId, `hello ${info.protocol} ä`)).toBe(true);
			const sent = await waitForReport(info.sessionId, 'sent');
			expect(decode(sent.requestBase64)).toBe(`hello ${info.protocol} ä`);
			const reply = await waitForReport(info.sessionId, 'reply');
			expect(reply.id).toBe(sent.id);
			expect(decode(reply.replyBase64)).toBe(`HELLO ${info.protocol.toUpperCase()} ä`);
			expect(reply.rttMs).toBeGreaterThanOrEqual(0);
		}

		// The servers saw the sessions as real peers.
		expect(tcp.stats().messagesIn).toBeGreaterThan(0);
		expect(udp.stats().messagesIn).toBeGreaterThan(0);

		await sessions.close(tcpInfo.sessionId);
		const tcpExit = await waitForExit(tcpInfo.sessionId);
		expect(tcpExit).toMatchObject({code: sessionExitCodes.closed, signal: null});
		expect(isAlive(tcpInfo.pid)).toBe(false);
		expect(sessions.send(tcpInfo.sessionId, 'too late')).toBe(false);
		await sessions.closeAll();
		expect(await waitForExit(udpInfo.sessionId)).toMatchObject({code: 0, signal: null});
		expect(sessions.list()).toEqual([]);
	});

	it('reports a SIGKILLed session as exited by that signal', async () => {
		const {manager: sessions, waitForReport, waitForExit, reports} = manager();
		const info = sessions.open('tcp');
		await waitForReport(info.sessionId, 'state', (report) => report.state === 'connected');
		process.kill(info.pid, 'SIGKILL');
		expect(await waitForExit(info.sessionId)).toMatchObject({code: null, signal: 'SIGKILL'});
		expect(reports(info.sessionId).filter((report) => report.type === 'error')).toEqual([]);
	});

	it('auto mode computes, sends, waits for the reply and goes idle, repeatedly', async () => {
		const {manager: sessions, waitForReport, waitFor, reports} = manager();
		const info = sessions.open('tcp');
		await waitForReport(info.sessionId, 'state', (report) => report.state === 'connected');
		expect(sessions.setAuto(info.sessionId, {enabled: true, intervalMs: 100, burstMs: 30})).toEqual({
			enabled: true,
			intervalMs: 100,
			burstMs: 30,
		});
		await waitForReport(info.sessionId, 'reply', (report) => decode(report.replyBase64) === 'AUTO 2', 'AUTO 2');
		const phasesSoFar = () =>
			reports(info.sessionId).flatMap((report) => (report.type === 'phase' ? [report.phase] : []));
		// The 'idle' after AUTO 2 travels over IPC behind the reply: wait for it rather than race it.
		await waitFor(() => (phasesSoFar().length >= 7 ? true : undefined), 'the idle phase after AUTO 2');
		sessions.setAuto(info.sessionId, {enabled: false, intervalMs: 100, burstMs: 30});
		const phases = phasesSoFar();
		// After the first idle: computing -> waiting-reply -> idle, per auto message.
		expect(phases.slice(1, 7)).toEqual(['computing', 'waiting-reply', 'idle', 'computing', 'waiting-reply', 'idle']);
		const replies = reports(info.sessionId).flatMap((report) =>
			report.type === 'reply' ? [decode(report.replyBase64)] : [],
		);
		expect(replies.slice(0, 2)).toEqual(['AUTO 1', 'AUTO 2']);
	});

	it('a UDP session with no server says "port unreachable" before the reply timeout and stays usable', async () => {
		const port = await freePort('udp');
		// A reply timeout far beyond the test's own: only the kernel's ICMP answer can end the exchange.
		const {
			manager: sessions,
			waitForReport,
			waitFor,
			waitForExit,
			reports,
		} = manager({target: {host, port}, replyTimeoutMs: 60_000});
		const info = sessions.open('udp');
		await waitForReport(info.sessionId, 'state', (report) => report.state === 'ready');
		const started = performance.now();
		sessions.send(info.sessionId, 'anyone?');
		await waitForReport(info.sessionId, 'state', (report) => report.state === 'unreachable');
		console.log(`UDP session to a closed port said so after ${(performance.now() - started).toFixed(1)} ms`);
		expect((await waitForReport(info.sessionId, 'error')).message).toBe(
			`port unreachable: nothing listens on udp ${host}:${port}`,
		);
		expect(reports(info.sessionId).some((report) => report.type === 'state' && report.state === 'connected')).toBe(
			false,
		);
		await waitForReport(info.sessionId, 'phase', (report) => report.phase === 'idle');
		sessions.send(info.sessionId, 'still here?');
		await waitFor(
			() => (reports(info.sessionId).filter((report) => report.type === 'error').length === 2 ? true : undefined),
			'a second error',
		);
		expect(isAlive(info.pid)).toBe(true);
		expect(sessions.list()).toHaveLength(1);
		await sessions.close(info.sessionId);
		expect(await waitForExit(info.sessionId)).toMatchObject({code: 0, signal: null});
	});

	it('a refused TCP connection is reported and the session exits with the connect-failed code', async () => {
		const port = await freePort('tcp');
		const {manager: sessions, waitForReport, waitForExit} = manager({target: {host, port}});
		const info = sessions.open('tcp');
		const error = await waitForReport(info.sessionId, 'error');
		expect(error.message).toMatch(/refused/);
		await waitForReport(info.sessionId, 'state', (report) => report.state === 'closed');
		expect(await waitForExit(info.sessionId)).toMatchObject({code: sessionExitCodes.connectFailed, signal: null});
	});

	it('a TCP server closing the connection ends the session with the peer-closed code', async () => {
		const server = await startEchoServer('tcp', {host, port: 0});
		try {
			const {manager: sessions, waitForReport, waitForExit} = manager({target: {host, port: server.local.port}});
			const info = sessions.open('tcp');
			await waitForReport(info.sessionId, 'state', (report) => report.state === 'connected');
			await server.close();
			const closed = await waitForReport(info.sessionId, 'state', (report) => report.state === 'closed');
			expect(closed.detail).toBeTruthy();
			expect(await waitForExit(info.sessionId)).toMatchObject({code: sessionExitCodes.peerClosed, signal: null});
		} finally {
			await server.close();
		}
	});

	it('pins a session to one CPU with taskset when asked', async (context) => {
		const support = detectPinning();
		if (!support.available) {
			console.log(`skipped: ${support.reason}`);
			context.skip();
			return;
		}

		const cpu = chooseOneCpu(support)!;
		const {manager: sessions, waitForReport, events} = manager({pinCpu: cpu});
		const info = sessions.open('tcp');
		expect(info.pinnedCpu).toBe(cpu);
		expect(events[0]).toMatchObject({type: 'session-started', pid: info.pid, pinnedCpu: cpu});
		await waitForReport(info.sessionId, 'hello');
		// taskset execs node: the PID we hold is the session's own, and its affinity is that one CPU.
		expect(execFileSync(support.taskset, ['-cp', String(info.pid)], {encoding: 'utf8'})).toMatch(
			new RegExp(`list: ${cpu}\\s*$`),
		);
	});
});

describe('SessionManager against misbehaving children', () => {
	it('drops malformed IPC messages and keeps the valid one', async () => {
		const {manager: sessions, waitForReport, reports} = manager({cliPath: fixture('garbage-session.mjs')});
		const info = sessions.open('tcp');
		await waitForReport(info.sessionId, 'error', (report) => report.message === 'the one valid report');
		expect(reports(info.sessionId)).toEqual([{type: 'error', message: 'the one valid report'}]);
		expect(sessions.droppedMessages).toBe(10);
		await sessions.close(info.sessionId);
	});

	it('reports the last stderr line of a crashed session', async () => {
		const {manager: sessions, waitForExit, reports} = manager({cliPath: fixture('crashing-session.mjs')});
		const info = sessions.open('udp');
		expect(await waitForExit(info.sessionId)).toMatchObject({code: 1, signal: null});
		expect(reports(info.sessionId)).toEqual([
			{
				type: 'error',
				message: 'session process failed: socktui: internal error: boom',
				problem: {code: 'processFailed', line: 'socktui: internal error: boom'},
			},
		]);
	});

	it('escalates a close to SIGTERM and then SIGKILL for a child that ignores both', async () => {
		const {
			manager: sessions,
			waitForReport,
			waitForExit,
		} = manager({cliPath: fixture('stubborn-session.mjs'), closeGraceMs: 200});
		const info = sessions.open('tcp');
		await waitForReport(info.sessionId, 'state');
		await sessions.close(info.sessionId);
		expect(await waitForExit(info.sessionId)).toMatchObject({code: null, signal: 'SIGKILL'});
		expect(isAlive(info.pid)).toBe(false);
	});

	it('killAllNow kills every running child synchronously', async () => {
		const {manager: sessions, waitForReport, waitForExit} = manager({cliPath: fixture('stubborn-session.mjs')});
		const first = sessions.open('tcp');
		const second = sessions.open('udp');
		await waitForReport(first.sessionId, 'state');
		await waitForReport(second.sessionId, 'state');
		sessions.killAllNow();
		expect(await waitForExit(first.sessionId)).toMatchObject({signal: 'SIGKILL'});
		expect(await waitForExit(second.sessionId)).toMatchObject({signal: 'SIGKILL'});
	});

	it('refuses sessions beyond the cap with a clear error', async () => {
		const {manager: sessions} = manager({cliPath: fixture('stubborn-session.mjs'), maxSessions: 2, closeGraceMs: 100});
		sessions.open('tcp');
		sessions.open('tcp');
		let thrown: unknown;
		try {
			sessions.open('udp');
		} catch (error: unknown) {
			thrown = error;
		}

		expect(isSocktuiError(thrown)).toBe(true);
		expect((thrown as Error).message).toBe('at most 2 client sessions can run at once; close one first');
		expect(sessions.list()).toHaveLength(2);
	});
});
