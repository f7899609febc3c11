import dgram from 'node:dgram';
import {describe, expect, it} from 'vitest';
import {maxLineEnds, readReport} from '../../../source/core/echo/read-report.js';
import {openEchoClient} from '../../../source/core/echo/echo-client.js';
import type {EchoServerEvent} from '../../../source/core/echo/types.js';
import {ServerBatcher} from '../../../source/core/server-process/server-batcher.js';
import {parseServerChildMessage} from '../../../source/core/server-process/server-messages.js';
import {connectTcp, echoKit, readBytes, waitFor} from './echo-test-kit.js';

const kit = echoKit();

describe('readReport', () => {
	it('counts the lines of one read and where each ends', () => {
		expect(readReport(Buffer.from('hello\nworld\n'))).toEqual({byteCount: 12, lines: 2, lineEnds: [6, 12]});
		expect(readReport(Buffer.from('hel'))).toEqual({byteCount: 3, lines: 0, lineEnds: []});
		expect(readReport(Buffer.from('a\nbc'))).toEqual({byteCount: 4, lines: 1, lineEnds: [2]});
	});

	it('keeps at most maxLineEnds positions but counts every line', () => {
		const report = readReport(Buffer.from('x\n'.repeat(100)));
		expect(report.lines).toBe(100);
		expect(report.lineEnds).toHaveLength(maxLineEnds);
	});
});

/** The server's events as the dashboard receives them: through the batcher and the IPC message check. */
function throughTheWire(events: EchoServerEvent[]): EchoServerEvent[] {
	const batcher = new ServerBatcher();
	for (const event of events) batcher.add(event);
	const parsed = parseServerChildMessage(JSON.parse(JSON.stringify(batcher.take([]))));
	if (parsed?.type !== 'batch') throw new Error('the batch did not parse');
	return parsed.events;
}

describe('TCP is a stream, UDP keeps messages (real sockets on 127.0.0.1)', () => {
	it('two messages written in one go reach the TCP server as one read, reported with both line ends', async () => {
		const server = await kit.start('tcp');
		const events: EchoServerEvent[] = [];
		server.subscribe((event) => events.push(event));
		const socket = await connectTcp(server.local.port);
		try {
			socket.write('hello\nworld\n');
			expect((await readBytes(socket, 12)).toString()).toBe('HELLO\nWORLD\n');
		} finally {
			socket.destroy();
		}

		const reads = throughTheWire(events).filter((event) => event.type === 'message-in');
		expect(reads).toHaveLength(1);
		expect(reads[0]).toMatchObject({read: {byteCount: 12, lines: 2, lineEnds: [6, 12]}});
	});

	it('the echo client says in how many reads the reply of a two-line write came back', async () => {
		const server = await kit.start('tcp');
		const client = await openEchoClient({protocol: 'tcp', host: '127.0.0.1', port: server.local.port});
		try {
			const result = await client.exchange(Buffer.from('hello\nworld\n'));
			expect(Buffer.from(result.reply).toString()).toBe('HELLO\nWORLD\n');
			expect(result.readSizes).toEqual([12]);
		} finally {
			await client.close();
		}
	});

	it('two UDP datagrams sent back to back are two reads and get two replies', async () => {
		const server = await kit.start('udp');
		const events: EchoServerEvent[] = [];
		server.subscribe((event) => events.push(event));
		const socket = dgram.createSocket('udp4');
		const replies: string[] = [];
		socket.on('message', (message) => replies.push(message.toString()));
		try {
			socket.send('hello', server.local.port, '127.0.0.1');
			socket.send('world', server.local.port, '127.0.0.1');
			await waitFor(() => replies.length === 2, 'two UDP replies');
		} finally {
			socket.close();
		}

		expect(replies.sort()).toEqual(['HELLO', 'WORLD']);
		const reads = throughTheWire(events).filter((event) => event.type === 'message-in');
		expect(reads).toHaveLength(2);
		expect(
			reads.map((event) => (event.type === 'message-in' ? Buffer.from(event.bytes).toString() : '')).sort(),
		).toEqual(['hello', 'world']);
	});
});

describe('UDP: two datagrams in one go (echo client exchangeAll)', () => {
	it('sends both before any reply comes back, and pairs each reply with its request', async () => {
		// A server that answers only once it holds both datagrams: a client that waited for the first reply
		// before sending the second would never get one.
		const server = dgram.createSocket('udp4');
		const held: Array<{message: Buffer; port: number; address: string}> = [];
		server.on('message', (message, from) => {
			held.push({message, port: from.port, address: from.address});
			if (held.length < 2) return;
			for (const {message: request, port, address} of held.reverse())
				server.send(Buffer.from(request.toString().toUpperCase()), port, address);
		});
		await new Promise<void>((resolve) => server.bind(0, '127.0.0.1', resolve));
		const client = await openEchoClient({
			protocol: 'udp',
			host: '127.0.0.1',
			port: server.address().port,
			replyTimeoutMs: 5000,
		});
		try {
			const results = await client.exchangeAll([Buffer.from('hello'), Buffer.from('world')]);
			expect(results.map((result) => Buffer.from(result.reply).toString())).toEqual(['HELLO', 'WORLD']);
		} finally {
			await client.close();
			server.close();
		}
	});
});
