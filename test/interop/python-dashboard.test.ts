import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {TestTerminal} from '../e2e/helpers/terminal.js';
import {haveTool, startPeer} from './peer-process.js';

const peers = fileURLToPath(new URL('fixtures/python-peers.py', import.meta.url));
const hasPython = haveTool('python3', ['-c', 'import socketserver'], 'Python interop tests need python3');
const stops: Array<() => Promise<unknown>> = [];
afterEach(async () => {
	await Promise.all(stops.splice(0).map(async (stop) => stop()));
});

// Issue 21: the tutorial's plain UDP server (its 8080) and its socketserver TCP server (its 8082) reached
// from one dashboard, each protocol at its own address (free ports here).
describe.skipIf(!hasPython)("one dashboard, the tutorial's two Python servers (--connect-udp, --connect-tcp)", () => {
	it('a TCP session talks to ThreadingTCPServer, a UDP session to the plain UDP socket server; the pane names both', async () => {
		const udp = await startPeer('python3', [peers, 'plain-udp-server']);
		stops.push(udp.stop);
		const tcp = await startPeer('python3', [peers, 'tcp-server']);
		stops.push(tcp.stop);
		const terminal = new TestTerminal(
			['--connect-udp', `127.0.0.1:${udp.port}`, '--connect-tcp', `127.0.0.1:${tcp.port}`, '--sessions', '2'],
			{columns: 100, rows: 30},
		);
		stops.push(async () => terminal.dispose());
		const screen = await terminal.waitForText(/^.connected\b.*\bready \(UDP: no connection\)/m, 20_000);
		expect(screen).toContain(`Remote TCP server 127.0.0.1:${tcp.port}`);
		expect(screen).toContain(`Remote UDP server 127.0.0.1:${udp.port}`);
		expect(screen).toContain(`→ 127.0.0.1:${tcp.port}`);
		expect(screen).toContain(`→ 127.0.0.1:${udp.port}`);
		await terminal.type('1', '\r', 'over tcp', '\r');
		await terminal.waitForText('OVER TCP (', 20_000);
		await terminal.type('\u001B', '2', '\r', 'over udp', '\r');
		await terminal.waitForText('OVER UDP (', 20_000);
		// Two messages in one go to the Python TCP server: its replies, read by the session, as a stream.
		await terminal.type('\u001B', '1', 'b');
		await terminal.waitForText(/2 messages arrived in \d+ reads? \(/, 20_000);
		await terminal.type('q');
		expect((await terminal.waitForExit()).exitCode).toBe(0);
	}, 60_000);

	it('only --connect-udp: socktui serves TCP itself (its side visible), UDP goes to the plain Python server (not)', async () => {
		const udp = await startPeer('python3', [peers, 'plain-udp-server']);
		stops.push(udp.stop);
		const terminal = new TestTerminal(['--port', '0', '--connect-udp', `127.0.0.1:${udp.port}`, '--sessions', '2'], {
			columns: 100,
			rows: 30,
		});
		stops.push(async () => terminal.dispose());
		const screen = await terminal.waitForText(/^.connected\b.*\bready \(UDP: no connection\)/m, 20_000);
		expect(screen).toContain(`UDP remote 127.0.0.1:${udp.port} (not visible)`);
		expect(screen).toContain('TCP listening');
		await terminal.type('2', '\r', 'to python', '\r');
		await terminal.waitForText('TO PYTHON (', 20_000);
		await terminal.type('\u001B');
		await terminal.waitForText(/^ session #2/m);
		await terminal.type('q');
		expect((await terminal.waitForExit()).exitCode).toBe(0);
	}, 60_000);
});
