import net from 'node:net';
import {once} from 'node:events';
import {describe, expect, it} from 'vitest';
import {acceptedPeer} from '../../../source/core/echo/accepted-peer.js';

async function accepted(host: string): Promise<{server: net.Server; client: net.Socket; socket: net.Socket}> {
	const server = net.createServer();
	server.listen(0, host);
	await once(server, 'listening');
	const connection = once(server, 'connection') as Promise<[net.Socket]>;
	const client = net.connect((server.address() as net.AddressInfo).port, host);
	const [socket] = await connection;
	return {server, client, socket};
}

describe('acceptedPeer', () => {
	it.each(['127.0.0.1', '::1'])(
		'gives the peer of an accepted socket on %s, leaving the socket as it was',
		async (host) => {
			let pair: Awaited<ReturnType<typeof accepted>>;
			try {
				pair = await accepted(host);
			} catch (error) {
				console.log(`skipped: cannot listen on ${host} here (${String(error)})`);
				return;
			}

			const {server, client, socket} = pair;
			try {
				await once(client, 'connect');
				const peer = acceptedPeer(socket);
				// No cached peer name added to the socket (the point: no extra hidden class for Node's stream code).
				expect(Object.hasOwn(socket, '_peername')).toBe(false);
				expect(peer).toEqual({address: socket.remoteAddress, port: socket.remotePort});
				expect(peer.port).toBe(client.localPort);
			} finally {
				client.destroy();
				socket.destroy();
				server.close();
			}
		},
	);

	it('falls back to the public getters for a socket without a handle', () => {
		const socket = new net.Socket();
		expect(acceptedPeer(socket)).toEqual({address: '?', port: 0});
	});
});
