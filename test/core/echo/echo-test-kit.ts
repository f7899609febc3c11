import dgram from 'node:dgram';
import net from 'node:net';
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
