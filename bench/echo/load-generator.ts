import dgram from 'node:dgram';
import net from 'node:net';
import {LatencyHistogram} from './latency-histogram.js';

export interface LoadResult {
	messages: number;
	seconds: number;
	latency: LatencyHistogram;
	/** UDP datagrams that got no reply within the loss timeout (resent); TCP is always 0. */
	lost: number;
}

export interface LoadOptions {
	protocol: 'tcp' | 'udp';
	port: number;
	connections: number;
	durationMs: number;
	/** UDP: a datagram without a reply this long is counted lost and sent again (default 200 ms). */
	lossTimeoutMs?: number;
}

// Lowercase, so every reply really had to be uppercased; fixed, so every reply can be checked.
const request = Buffer.from('the quick brown fox jumps over the lazy dog 0123456789\n');
const expected = Buffer.from(request.toString().toUpperCase());
const udpLossTimeoutMs = 200;

function mismatch(reply: Buffer): Error {
	return new Error(`wrong reply: ${JSON.stringify(reply.toString('latin1'))}`);
}

/**
 * Strict ping-pong on `connections` sockets for `durationMs`: each sends one request, waits for the whole
 * reply, checks it byte for byte, records the round trip, and sends the next. Bounded in time; memory is
 * the sockets and one fixed histogram.
 */
export {request as loadRequest, expected as loadReply};

export async function generateLoad(options: LoadOptions): Promise<LoadResult> {
	const latency = new LatencyHistogram();
	const started = performance.now();
	const deadline = started + options.durationMs;
	const runs = Array.from({length: options.connections}, async () =>
		options.protocol === 'tcp'
			? tcpPingPong(options.port, deadline, latency)
			: udpPingPong(options.port, deadline, latency, options.lossTimeoutMs ?? udpLossTimeoutMs),
	);
	const results = await Promise.all(runs);
	const seconds = (performance.now() - started) / 1000;
	return {
		messages: results.reduce((sum, result) => sum + result.messages, 0),
		lost: results.reduce((sum, result) => sum + result.lost, 0),
		seconds,
		latency,
	};
}

async function tcpPingPong(
	port: number,
	deadline: number,
	latency: LatencyHistogram,
): Promise<{messages: number; lost: number}> {
	const socket = net.connect({host: '127.0.0.1', port, noDelay: true});
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', resolve);
		socket.once('error', reject);
	});
	return new Promise((resolve, reject) => {
		let messages = 0;
		let received = 0;
		let sentAt = 0;
		const reply = Buffer.alloc(request.length);
		const send = () => {
			sentAt = performance.now();
			socket.write(request);
		};

		socket.on('data', (chunk: Buffer) => {
			if (received + chunk.length > reply.length) {
				socket.destroy();
				reject(mismatch(chunk));
				return;
			}

			chunk.copy(reply, received);
			received += chunk.length;
			if (received < reply.length) return;
			const now = performance.now();
			if (!reply.equals(expected)) {
				socket.destroy();
				reject(mismatch(reply));
				return;
			}

			latency.record((now - sentAt) * 1000);
			messages += 1;
			received = 0;
			if (now < deadline) {
				send();
			} else {
				socket.destroy();
				resolve({messages, lost: 0});
			}
		});
		socket.on('error', reject);
		send();
	});
}

async function udpPingPong(
	port: number,
	deadline: number,
	latency: LatencyHistogram,
	lossTimeoutMs: number,
): Promise<{messages: number; lost: number}> {
	const socket = dgram.createSocket('udp4');
	await new Promise<void>((resolve) => socket.connect(port, '127.0.0.1', resolve));
	return new Promise((resolve, reject) => {
		let messages = 0;
		let lost = 0;
		let sentAt = 0;
		let waiting = false;
		const send = () => {
			sentAt = performance.now();
			waiting = true;
			socket.send(request);
		};

		const finish = () => {
			clearInterval(watchdog);
			socket.close();
			resolve({messages, lost});
		};

		// One cheap timer per socket instead of one per datagram: resend what got no reply.
		const watchdog = setInterval(() => {
			const now = performance.now();
			if (!waiting || now - sentAt < lossTimeoutMs) return;
			lost += 1;
			if (now < deadline) send();
			else finish();
		}, lossTimeoutMs / 2);

		socket.on('message', (reply: Buffer) => {
			const now = performance.now();
			if (!waiting) return; // a late reply to a datagram already counted as lost
			waiting = false;
			if (!reply.equals(expected)) {
				finish();
				reject(mismatch(reply));
				return;
			}

			latency.record((now - sentAt) * 1000);
			messages += 1;
			if (now < deadline) send();
			else finish();
		});
		socket.on('error', reject);
		send();
	});
}
