import dgram from 'node:dgram';
import net from 'node:net';
import {afterEach} from 'vitest';
import {startEchoServer} from '../../../source/core/echo/start-echo-server.js';
import type {Protocol} from '../../../source/core/defaults.js';
import type {EchoServer, EchoServerOptions} from '../../../source/core/echo/types.js';
import {uppercase} from '../../../source/core/echo/uppercase.js';
import {waitUntil} from '../../helpers/wait.js';

/** Polls `condition` until it holds; fails loudly (with `what`) after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
	await waitUntil(condition, what, {timeoutMs, intervalMs: 5});
}

/** Python's bytes.upper(), written independently of the code under test. */
export function referenceUpper(bytes: Uint8Array): Buffer {
	return Buffer.from([...bytes].map((byte) => (byte >= 0x61 && byte <= 0x7a ? byte - 32 : byte)));
}

export {uppercase};

export async function connectTcp(port: number, host = '127.0.0.1'): Promise<net.Socket> {
	const socket = net.connect({host, port});
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', resolve);
		socket.once('error', reject);
	});
	return socket;
}

/** Collects everything a socket receives until `length` bytes are in (or fails after `timeoutMs`). */
export async function readBytes(socket: net.Socket, length: number, timeoutMs = 10_000): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let total = 0;
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			cleanup();
			reject(new Error(`timed out with ${total} of ${length} bytes`));
		}, timeoutMs);
		const onData = (chunk: Buffer) => {
			chunks.push(chunk);
			total += chunk.length;
			if (total >= length) {
				cleanup();
				resolve(Buffer.concat(chunks));
			}
		};
		const onClose = () => {
			cleanup();
			reject(new Error(`closed with ${total} of ${length} bytes`));
		};
		const cleanup = () => {
			clearTimeout(timer);
			socket.off('data', onData);
			socket.off('close', onClose);
		};
		socket.on('data', onData);
		socket.on('close', onClose);
		if (length === 0) onData(Buffer.alloc(0));
	});
}

/** Sends one datagram from a fresh socket and resolves with the reply. */
export async function udpRoundTrip(
	port: number,
	payload: Uint8Array,
	host = '127.0.0.1',
	timeoutMs = 5000,
): Promise<Buffer> {
	const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
	try {
		return await new Promise<Buffer>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error('no UDP reply')), timeoutMs);
			socket.on('message', (message) => {
				clearTimeout(timer);
				resolve(message);
			});
			socket.on('error', reject);
			socket.send(payload, port, host);
		});
	} finally {
		socket.close();
	}
}

/** What a test file starts and opens through its kit; all of it is closed after each test. */
export interface EchoKit {
	/** An echo server on 127.0.0.1, port 0 (the kit's default options, then `options`). */
	start(protocol: Protocol, options?: EchoServerOptions): Promise<EchoServer>;
	/** A TCP client connected to `server` (at its own address), with errors ignored; destroyed after the test. */
	connect(server: EchoServer): Promise<net.Socket>;
	/** An unbound UDP socket; closed after the test. */
	udpSocket(type?: 'udp4' | 'udp6'): dgram.Socket;
	/** A UDP socket bound to 127.0.0.1 on a free port; closed after the test. */
	boundUdpSocket(): Promise<dgram.Socket>;
	/** A plain TCP server on 127.0.0.1 (a stand-in peer) calling `onConnection`; resolves with its port; closed after the test. */
	listenTcp(onConnection: (socket: net.Socket) => void): Promise<number>;
	/** Runs `cleanup` after the test, before the kit's sockets and servers are closed (last added, first run). */
	onCleanup(cleanup: () => Promise<void> | void): void;
}

/** One kit per test file: call at the top level, so its afterEach closes what the test started. */
export function echoKit(defaultOptions: EchoServerOptions = {}): EchoKit {
	const servers: EchoServer[] = [];
	const tcpSockets: net.Socket[] = [];
	const udpSockets: dgram.Socket[] = [];
	const cleanups: Array<() => Promise<void> | void> = [];
	afterEach(async () => {
		for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
		for (const socket of tcpSockets.splice(0)) socket.destroy();
		for (const socket of udpSockets.splice(0)) socket.close();
		await Promise.all(servers.splice(0).map(async (server) => server.close()));
	});
	const udpSocket = (type: 'udp4' | 'udp6' = 'udp4'): dgram.Socket => {
		const socket = dgram.createSocket(type);
		udpSockets.push(socket);
		return socket;
	};

	return {
		async start(protocol, options = {}) {
			const server = await startEchoServer(protocol, {host: '127.0.0.1', port: 0, ...defaultOptions, ...options});
			servers.push(server);
			return server;
		},
		async connect(server) {
			const socket = await connectTcp(server.local.port, server.local.address);
			socket.on('error', () => {});
			tcpSockets.push(socket);
			return socket;
		},
		udpSocket,
		async boundUdpSocket() {
			const socket = udpSocket();
			await new Promise<void>((resolve) => {
				socket.bind(0, '127.0.0.1', resolve);
			});
			return socket;
		},
		async listenTcp(onConnection) {
			const server = net.createServer(onConnection);
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
			cleanups.push(async () => new Promise((resolve) => server.close(() => resolve())));
			return (server.address() as net.AddressInfo).port;
		},
		onCleanup(cleanup) {
			cleanups.push(cleanup);
		},
	};
}

/** Writes `text` on a TCP socket and resolves with as many bytes back, as a string. */
export async function tcpRoundTrip(socket: net.Socket, text: string): Promise<string> {
	const reply = readBytes(socket, text.length);
	socket.write(text);
	return (await reply).toString();
}

/** Sends one datagram from `socket` to 127.0.0.1:`port` and waits for the next one back. */
export async function udpExchange(socket: dgram.Socket, port: number, payload: Uint8Array): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('no UDP reply within 5 s')), 5000);
		socket.once('message', (message) => {
			clearTimeout(timer);
			resolve(message);
		});
		socket.send(payload, port, '127.0.0.1');
	});
}

/** A free TCP port nobody listens on: bind one, note it, close it. */
export async function unusedTcpPort(): Promise<number> {
	const probe = net.createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const {port} = probe.address() as net.AddressInfo;
	await new Promise((resolve) => probe.close(resolve));
	return port;
}
