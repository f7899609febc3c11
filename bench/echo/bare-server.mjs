// The baseline: a bare Node uppercase echo server with no events, counters or limits.
// Usage: node bare-server.mjs tcp|udp  (prints `listening PROTOCOL 127.0.0.1:PORT` on a free port)
import dgram from 'node:dgram';
import net from 'node:net';

const upper = (bytes) => {
	for (let index = 0; index < bytes.length; index++) {
		const byte = bytes[index];
		if (byte >= 0x61 && byte <= 0x7a) bytes[index] = byte - 32;
	}
	return bytes;
};

if (process.argv[2] === 'udp') {
	const socket = dgram.createSocket('udp4');
	socket.on('message', (message, remote) => socket.send(upper(message), remote.port, remote.address));
	socket.bind(0, '127.0.0.1', () => console.log(`listening udp 127.0.0.1:${socket.address().port}`));
} else {
	const server = net.createServer((socket) => {
		socket.setNoDelay(true);
		socket.on('data', (data) => socket.write(upper(data)));
		socket.on('error', () => {});
	});
	server.listen(0, '127.0.0.1', () => console.log(`listening tcp 127.0.0.1:${server.address().port}`));
}
