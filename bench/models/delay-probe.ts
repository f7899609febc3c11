import dgram from 'node:dgram';
import net from 'node:net';
import {loadReply, loadRequest} from '../echo/load-generator.js';

/**
 * `clients` clients, each on its own connection (or UDP socket), send one request at the same moment and
 * close once answered; resolves to each one's round trip in ms. With a reply delay D, a server that serves one at a time
 * answers the last after about clients x D; a concurrent one answers all after about D.
 */
export async function simultaneousRoundTrips(
	protocol: 'tcp' | 'udp',
	port: number,
	clients: number,
): Promise<number[]> {
	const sockets = await Promise.all(
		Array.from({length: clients}, async () => (protocol === 'tcp' ? tcpClient(port) : udpClient(port))),
	);
	try {
		return await Promise.all(sockets.map(async (client) => client.roundTrip()));
	} finally {
		for (const client of sockets) client.close();
	}
}

interface Client {
	roundTrip(): Promise<number>;
	close(): void;
}

async function tcpClient(port: number): Promise<Client> {
	const socket = net.connect({host: '127.0.0.1', port, noDelay: true});
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', resolve);
		socket.once('error', reject);
	});
	return {
		async roundTrip() {
			const sentAt = performance.now();
			let received = 0;
			return new Promise<number>((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error('no reply within 30 s')), 30_000);
				socket.on('data', (chunk: Buffer) => {
					received += chunk.length;
					if (received < loadReply.length) return;
					clearTimeout(timer);
					resolve(performance.now() - sentAt);
					// Done: an iterative server serves the next client only once this one has closed.
					socket.end();
				});
				socket.write(loadRequest);
			});
		},
		close: () => socket.destroy(),
	};
}

async function udpClient(port: number): Promise<Client> {
	const socket = dgram.createSocket('udp4');
	await new Promise<void>((resolve) => socket.connect(port, '127.0.0.1', resolve));
	return {
		async roundTrip() {
			const sentAt = performance.now();
			return new Promise<number>((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error('no reply within 30 s')), 30_000);
				socket.once('message', () => {
					clearTimeout(timer);
					resolve(performance.now() - sentAt);
				});
				socket.send(loadRequest);
			});
		},
		close: () => socket.close(),
	};
}
