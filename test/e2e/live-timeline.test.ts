import {afterEach, describe, expect, it} from 'vitest';
import {existsSync} from 'node:fs';
import {TestTerminal, waitForGone} from './helpers/terminal.js';

let terminal: TestTerminal | undefined;

afterEach(async () => {
	await terminal?.dispose();
	terminal = undefined;
});

const hasProc = existsSync('/proc/self/stat');
if (!hasProc) console.log('skipping the live timeline e2e test: no /proc on this machine');

describe.skipIf(!hasProc)('live timeline in a real terminal', () => {
	it('shows a new session as a lane labelled with its PID, and marks it exited after x', async () => {
		terminal = new TestTerminal(['--port', '0'], {columns: 100, rows: 30});
		await terminal.waitForText(/^.connected\b.*\bready \(UDP: no connection\)/m);
		await terminal.waitForText(/Timeline: live processes/);

		await terminal.type('u');
		const screen = await terminal.waitForText(/#3 UDP pid \d+/);
		const pid = Number(/#3 UDP pid (\d+)/.exec(screen)![1]);
		expect(pid).toBeGreaterThan(0);
		// The timeline lane: `D #3 UDP 1234 ≈≈≈...` (measured cells follow the label; not just the pane's border).
		await terminal.waitForText(new RegExp(`#3 UDP ${pid} +[█░≈▒▁]`));

		await terminal.type('x');
		await terminal.waitForText(/exited \((code|signal) /);
		// The lane stays on the timeline and its newest cells say "exited" (×).
		const after = await terminal.waitForText(new RegExp(`#3 UDP ${pid} .*××`));
		expect(after).toMatch(/× exited/);
		await waitForGone([pid]);

		await terminal.type('q');
		expect((await terminal.waitForExit()).exitCode).toBe(0);
	});

	it('--watch a Python ThreadingTCPServer: its client threads appear as lanes labelled with their TIDs', async (context) => {
		const {spawn, spawnSync} = await import('node:child_process');
		const net = await import('node:net');
		if (spawnSync('python3', ['-c', 'import socketserver'], {stdio: 'ignore', timeout: 10_000}).status !== 0) {
			console.log('skipped: python3 is not installed (the --watch e2e test runs a Python ThreadingTCPServer)');
			context.skip();
			return;
		}

		const script = [
			'import socketserver',
			'class Upper(socketserver.StreamRequestHandler):',
			'    def handle(self):',
			'        for line in self.rfile: self.wfile.write(line.upper())',
			'class Server(socketserver.ThreadingTCPServer): daemon_threads = True',
			"with Server(('127.0.0.1', 0), Upper) as server:",
			'    print(server.server_address[1], flush=True)',
			'    server.serve_forever()',
		].join('\n');
		const python = spawn('python3', ['-c', script], {stdio: ['ignore', 'pipe', 'inherit']});
		const client = new net.Socket();
		try {
			const port = await new Promise<number>((resolve) => {
				python.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
			});
			terminal = new TestTerminal(
				['--connect', `127.0.0.1:${port}`, '--sessions', '1', '--watch', String(python.pid)],
				{columns: 160, rows: 45},
			);
			await terminal.waitForText(new RegExp(`python3 ${python.pid} `));
			// The dashboard's TCP session is one client; this test is another.
			await new Promise<void>((resolve) => client.connect(port, '127.0.0.1', resolve));
			client.write('hi\n');
			const screen = await terminal.waitForText(/thread (\d+) [\s\S]*thread (\d+) /);
			const tids = [...screen.matchAll(/thread (\d+) /g)].map((match) => Number(match[1]));
			expect(new Set(tids).size).toBeGreaterThanOrEqual(2);
			for (const tid of tids) expect(existsSync(`/proc/${python.pid}/task/${tid}`)).toBe(true);
			await terminal.type('q');
			expect((await terminal.waitForExit()).exitCode).toBe(0);
		} finally {
			client.destroy();
			python.kill('SIGKILL');
		}
	});

	// At 80x24 the timeline has six rows: the lanes and the glyph legends win over these words until the
	// layout gives the timeline more room (issue 10's layout work).
	it.each([
		[100, 30],
		[160, 45],
	])('at %ix%i each live lane says why it lost the CPU in words, and its memory', async (columns, rows) => {
		terminal = new TestTerminal(['--port', '0'], {columns, rows});
		await terminal.waitForText(/Timeline: live processes/);
		// The session processes block on IPC and sockets: "blocked" words (or their totals) and RSS appear.
		const screen = await terminal.waitForText(/↳ (RSS )?\d+(\.\d)? MB · .*(preempted|blocked)/);
		expect(screen).toMatch(/\d+ preempted, \d+ blocked|× (preempted|blocked)/);
		await terminal.type('q');
		expect((await terminal.waitForExit()).exitCode).toBe(0);
	});
});
