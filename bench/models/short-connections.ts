import net from 'node:net';
import {loadReply, loadRequest} from '../echo/load-generator.js';

/**
 * Short TCP connections for `durationMs` on `parallel` loops: connect, send one request, read the whole
 * reply, close; then the next. Resolves to completed connections per second. Bounded in time.
 */
export async function shortConnections(port: number, parallel: number, durationMs: number): Promise<number> {
	const started = performance.now();
	const deadline = started + durationMs;
	const loops = Array.from({length: parallel}, async () => {
		let done = 0;
		while (performance.now() < deadline) {
			await oneConnection(port);
			done += 1;
		}

		return done;
	});
	const counts = await Promise.all(loops);
	return counts.reduce((sum, count) => sum + count, 0) / ((performance.now() - started) / 1000);
}

async function oneConnection(port: number): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		const socket = net.connect({host: '127.0.0.1', port, noDelay: true});
		let received = Buffer.alloc(0);
		const timer = setTimeout(() => {
			socket.destroy();
			reject(new Error('no reply within 10 s'));
		}, 10_000);
		socket.once('connect', () => socket.write(loadRequest));
		socket.on('data', (chunk: Buffer) => {
			received = Buffer.concat([received, chunk]);
			if (received.length < loadReply.length) return;
			clearTimeout(timer);
			socket.end();
			if (received.equals(loadReply)) resolve();
			else reject(new Error('wrong reply'));
		});
		socket.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
	});
}
