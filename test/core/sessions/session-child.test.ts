import {afterEach, describe, expect, it} from 'vitest';
import {openEchoClient} from '../../../source/core/echo/echo-client.js';
import {startEchoServer} from '../../../source/core/echo/start-echo-server.js';
import type {EchoExchange, EchoServer, Endpoint} from '../../../source/core/echo/types.js';
import {SocktuiError} from '../../../source/core/errors.js';
import type {SessionChannel} from '../../../source/core/sessions/session-channel.js';
import {runSessionChild, type SessionClient} from '../../../source/core/sessions/session-child.js';
import {type SessionReport, sessionExitCodes} from '../../../source/core/sessions/types.js';
import {waitUntil} from '../../helpers/wait.js';

/** In-memory stand-ins for the IPC channel and the echo client, to pin down the child's logic. */
function fakeChannel() {
	const reports: SessionReport[] = [];
	let onMessage: ((message: unknown) => void) | undefined;
	let onDisconnect: (() => void) | undefined;
	let closed = false;
	const channel: SessionChannel = {
		send: (report) => {
			if (closed) throw new Error('send after close');
			reports.push(report);
		},
		onMessage: (listener) => {
			onMessage = listener;
		},
		onDisconnect: (listener) => {
			onDisconnect = listener;
		},
		async close() {
			closed = true;
		},
	};
	return {
		channel,
		reports,
		deliver: (message: unknown) => onMessage!(message),
		disconnect: () => onDisconnect!(),
		isClosed: () => closed,
	};
}

function fakeClient() {
	const pending: Array<{payload: Uint8Array; resolve: (value: EchoExchange) => void; reject: (error: Error) => void}> =
		[];
	let closeListener: ((reason?: unknown) => void) | undefined;
	let closed = false;
	const client: SessionClient = {
		local: {address: '127.0.0.1', port: 40_000} satisfies Endpoint,
		exchange: async (payload) =>
			new Promise((resolve, reject) => {
				pending.push({payload, resolve, reject});
			}),
		onClose: (listener) => {
			closeListener = listener;
		},
		close: () => {
			closed = true;
		},
	};
	const answer = () => {
		const next = pending.shift()!;
		next.resolve({
			request: next.payload,
			reply: Buffer.from(next.payload).map((byte) => (byte >= 0x61 && byte <= 0x7a ? byte - 32 : byte)),
			rttMs: 0.5,
		});
	};
	return {client, pending, answer, peerClose: () => closeListener!(), isClosed: () => closed};
}

async function until(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
	await waitUntil(condition, what, {timeoutMs, intervalMs: 5});
}

const decode = (base64: string) => Buffer.from(base64, 'base64').toString();
const options = {protocol: 'tcp' as const, host: '127.0.0.1', port: 9, replyTimeoutMs: 500};

describe('runSessionChild (fake channel and client)', () => {
	it('reports hello and connected, frames TCP text with a newline, reports it without, and serialises sends', async () => {
		const ipc = fakeChannel();
		const echo = fakeClient();
		const exit = runSessionChild(options, {
			channel: ipc.channel,
			openClient: async () => echo.client,
			burnCpu: () => {},
		});
		await until(
			() => ipc.reports.some((report) => report.type === 'state' && report.state === 'connected'),
			'connected',
		);
		expect(ipc.reports[0]).toEqual({
			type: 'hello',
			pid: process.pid,
			protocol: 'tcp',
			remote: {address: '127.0.0.1', port: 9},
		});
		ipc.deliver({type: 'send', text: 'one'});
		ipc.deliver({type: 'send', text: 'two'});
		ipc.deliver({type: 'bogus'});
		await until(() => echo.pending.length === 1, 'first exchange');
		expect(Buffer.from(echo.pending[0]!.payload).toString()).toBe('one\n');
		// The second waits for the first reply.
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(echo.pending).toHaveLength(1);
		echo.answer();
		await until(() => echo.pending.length === 1, 'second exchange');
		echo.answer();
		await until(() => ipc.reports.filter((report) => report.type === 'reply').length === 2, 'two replies');
		const replies = ipc.reports.flatMap((report) => (report.type === 'reply' ? [decode(report.replyBase64)] : []));
		const sent = ipc.reports.flatMap((report) => (report.type === 'sent' ? [decode(report.requestBase64)] : []));
		expect(sent).toEqual(['one', 'two']);
		expect(replies).toEqual(['ONE', 'TWO']);
		ipc.deliver({type: 'close'});
		expect(await exit).toBe(sessionExitCodes.closed);
		expect(echo.isClosed()).toBe(true);
		expect(ipc.isClosed()).toBe(true);
		expect(ipc.reports.at(-1)).toEqual({
			type: 'state',
			state: 'closed',
			detail: 'closed by the dashboard',
			problem: {code: 'closedByDashboard'},
		});
	});

	it('exits when the dashboard disconnects, even mid-exchange', async () => {
		const ipc = fakeChannel();
		const echo = fakeClient();
		const exit = runSessionChild(options, {
			channel: ipc.channel,
			openClient: async () => echo.client,
			burnCpu: () => {},
		});
		await until(
			() => ipc.reports.some((report) => report.type === 'state' && report.state === 'connected'),
			'connected',
		);
		ipc.deliver({type: 'send', text: 'x'});
		await until(() => echo.pending.length === 1, 'exchange');
		ipc.disconnect();
		expect(await exit).toBe(sessionExitCodes.closed);
		expect(echo.isClosed()).toBe(true);
	});

	it('a TCP peer close ends the session with the peer-closed code after saying why', async () => {
		const ipc = fakeChannel();
		const echo = fakeClient();
		const exit = runSessionChild(options, {
			channel: ipc.channel,
			openClient: async () => echo.client,
			burnCpu: () => {},
		});
		await until(
			() => ipc.reports.some((report) => report.type === 'state' && report.state === 'connected'),
			'connected',
		);
		echo.peerClose();
		expect(await exit).toBe(sessionExitCodes.peerClosed);
		expect(ipc.reports.at(-1)).toEqual({
			type: 'state',
			state: 'closed',
			detail: 'the server closed the connection',
			problem: {code: 'serverClosed'},
		});
	});

	it('a failed connect is reported and ends with the connect-failed code', async () => {
		const ipc = fakeChannel();
		const exit = runSessionChild(options, {
			channel: ipc.channel,
			openClient: async () => {
				throw new Error('connection refused by tcp 127.0.0.1:9 (is the server running?)');
			},
			burnCpu: () => {},
		});
		expect(await exit).toBe(sessionExitCodes.connectFailed);
		expect(ipc.reports).toContainEqual({
			type: 'error',
			message: 'connection refused by tcp 127.0.0.1:9 (is the server running?)',
		});
	});

	it('closing while the connect hangs ends the session at once, and closes the late connection', async () => {
		const ipc = fakeChannel();
		const echo = fakeClient();
		let connect!: (client: SessionClient) => void;
		const exit = runSessionChild(options, {
			channel: ipc.channel,
			openClient: async () =>
				new Promise((resolve) => {
					connect = resolve;
				}),
			burnCpu: () => {},
		});
		await until(
			() => ipc.reports.some((report) => report.type === 'state' && report.state === 'connecting'),
			'connecting',
		);
		ipc.disconnect();
		expect(await exit).toBe(sessionExitCodes.closed);
		connect(echo.client);
		await until(() => echo.isClosed(), 'the late connection to be closed');
	});

	it('auto mode burns, sends, waits, and skips ticks while a reply is late', async () => {
		const ipc = fakeChannel();
		const echo = fakeClient();
		const bursts: number[] = [];
		const exit = runSessionChild(options, {
			channel: ipc.channel,
			openClient: async () => echo.client,
			burnCpu: (ms) => bursts.push(ms),
		});
		await until(
			() => ipc.reports.some((report) => report.type === 'state' && report.state === 'connected'),
			'connected',
		);
		ipc.deliver({type: 'set-auto', auto: {enabled: true, intervalMs: 50, burstMs: 7}});
		await until(() => echo.pending.length === 1, 'first auto exchange');
		// Hold the reply across several intervals: no second exchange, no second burst.
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(echo.pending).toHaveLength(1);
		expect(bursts).toEqual([7]);
		echo.answer();
		await until(() => echo.pending.length === 1, 'second auto exchange');
		ipc.deliver({type: 'set-auto', auto: {enabled: false, intervalMs: 50, burstMs: 7}});
		echo.answer();
		ipc.deliver({type: 'close'});
		await exit;
		const phases = ipc.reports.flatMap((report) => (report.type === 'phase' ? [report.phase] : []));
		expect(phases.slice(0, 4)).toEqual(['idle', 'computing', 'waiting-reply', 'idle']);
		const sent = ipc.reports.flatMap((report) => (report.type === 'sent' ? [decode(report.requestBase64)] : []));
		expect(sent).toEqual(['auto 1', 'auto 2']);
	});

	it('a failed exchange is an error report and the session stays usable', async () => {
		const ipc = fakeChannel();
		const echo = fakeClient();
		const exit = runSessionChild(
			{...options, protocol: 'udp'},
			{channel: ipc.channel, openClient: async () => echo.client, burnCpu: () => {}},
		);
		await until(() => ipc.reports.some((report) => report.type === 'state' && report.state === 'ready'), 'ready');
		ipc.deliver({type: 'send', text: 'lost'});
		await until(() => echo.pending.length === 1, 'exchange');
		expect(Buffer.from(echo.pending[0]!.payload).toString()).toBe('lost');
		echo.pending.shift()!.reject(new Error('no reply from udp 127.0.0.1:9 within 500 ms'));
		await until(() => ipc.reports.some((report) => report.type === 'error'), 'error');
		ipc.deliver({type: 'send', text: 'again'});
		await until(() => echo.pending.length === 1, 'second exchange');
		echo.answer();
		await until(() => ipc.reports.some((report) => report.type === 'reply'), 'reply');
		ipc.deliver({type: 'close'});
		expect(await exit).toBe(0);
	});

	it('UDP never reports "connected": ready, waiting, no-reply or unreachable, and ready again after a reply', async () => {
		const ipc = fakeChannel();
		const echo = fakeClient();
		const exit = runSessionChild(
			{...options, protocol: 'udp', replyTimeoutMs: 700},
			{channel: ipc.channel, openClient: async () => echo.client, burnCpu: () => {}},
		);
		await until(() => ipc.reports.some((report) => report.type === 'state' && report.state === 'ready'), 'ready');
		const states = () => ipc.reports.flatMap((report) => (report.type === 'state' ? [report.state] : []));
		ipc.deliver({type: 'send', text: 'one'});
		await until(() => echo.pending.length === 1, 'first exchange');
		echo.pending.shift()!.reject(new SocktuiError('NoReply', 'no reply'));
		await until(() => states().includes('no-reply'), 'no-reply');
		ipc.deliver({type: 'send', text: 'two'});
		await until(() => echo.pending.length === 1, 'second exchange');
		echo.pending
			.shift()!
			.reject(new SocktuiError('PortUnreachable', 'port unreachable: nothing listens on udp 127.0.0.1:9'));
		await until(() => states().includes('unreachable'), 'unreachable');
		ipc.deliver({type: 'send', text: 'three'});
		await until(() => echo.pending.length === 1, 'third exchange');
		echo.answer();
		await until(() => ipc.reports.some((report) => report.type === 'reply'), 'reply');
		ipc.deliver({type: 'close'});
		await exit;
		expect(states()).toEqual([
			'connecting',
			'ready',
			'waiting',
			'no-reply',
			'waiting',
			'unreachable',
			'waiting',
			'ready',
			'closed',
		]);
		expect(ipc.reports[0]).toMatchObject({type: 'hello', protocol: 'udp', replyTimeoutMs: 700});
	});
});

describe('runSessionChild: two messages in one go (real sockets on 127.0.0.1)', () => {
	const servers: EchoServer[] = [];
	afterEach(async () => {
		await Promise.all(servers.splice(0).map(async (server) => server.close()));
	});

	async function pairOver(protocol: 'tcp' | 'udp') {
		const server = await startEchoServer(protocol, {host: '127.0.0.1', port: 0});
		servers.push(server);
		const ipc = fakeChannel();
		const exit = runSessionChild(
			{protocol, host: '127.0.0.1', port: server.local.port, replyTimeoutMs: 5000},
			{channel: ipc.channel, openClient: async (options) => openEchoClient(options), burnCpu: () => {}},
		);
		await until(() => ipc.reports.some((report) => report.type === 'state' && report.local), 'the socket open');
		ipc.deliver({type: 'send-pair', first: 'hello', second: 'world'});
		await until(() => ipc.reports.some((report) => report.type === 'reads'), 'the reads report', 10_000);
		ipc.deliver({type: 'close'});
		await exit;
		return ipc.reports;
	}

	it('TCP: one write of two lines; the reply of both lines is reported with its reads', async () => {
		const reports = await pairOver('tcp');
		const sent = reports.flatMap((report) => (report.type === 'sent' ? [decode(report.requestBase64)] : []));
		const replies = reports.flatMap((report) => (report.type === 'reply' ? [decode(report.replyBase64)] : []));
		expect(sent).toEqual(['hello\nworld']);
		expect(replies).toEqual(['HELLO\nWORLD']);
		expect(reports.find((report) => report.type === 'reads')).toEqual({
			type: 'reads',
			id: 1,
			writes: 1,
			reads: 1,
			readSizes: [12],
			lines: 2,
		});
	});

	it('UDP: two datagrams, two replies, each whole', async () => {
		const reports = await pairOver('udp');
		const sent = reports.flatMap((report) => (report.type === 'sent' ? [decode(report.requestBase64)] : []));
		const replies = reports.flatMap((report) => (report.type === 'reply' ? [decode(report.replyBase64)] : []));
		expect(sent).toEqual(['hello', 'world']);
		expect(replies).toEqual(['HELLO', 'WORLD']);
		expect(reports.find((report) => report.type === 'reads')).toEqual({
			type: 'reads',
			id: 2,
			writes: 2,
			reads: 2,
			readSizes: [5, 5],
			lines: 0,
		});
	});
});
