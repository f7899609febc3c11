import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {existsSync} from 'node:fs';
import net from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {ProcessSampler} from '../../../source/core/procs/sampler.js';
import type {TimelineSnapshot} from '../../../source/core/procs/types.js';
import {waitForSnapshot} from './live-sampling.js';

/**
 * `--watch` at the sampler level, on the real /proc: the tutorial's kind of server, a Python
 * ThreadingTCPServer, gets a thread per client; each thread must appear as a lane while its client is
 * connected, and turn exited when the client leaves.
 */
const hasPython = spawnSync('python3', ['-c', 'import socketserver'], {stdio: 'ignore', timeout: 10_000}).status === 0;
const skipReason = !existsSync('/proc/self/task')
	? 'no /proc (not Linux)'
	: hasPython
		? undefined
		: 'python3 is not installed';
if (skipReason) console.warn(`watch-tree live tests skipped: ${skipReason}`);

const threadingServer = `
import socketserver, sys
class Upper(socketserver.StreamRequestHandler):
    def handle(self):
        for line in self.rfile:
            self.wfile.write(line.upper())
class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
with Server(('127.0.0.1', 0), Upper) as server:
    print(server.server_address[1], flush=True)
    server.serve_forever()
`;

const cleanups: Array<() => void> = [];
afterEach(() => {
	for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

async function startPythonServer(): Promise<{pid: number; port: number}> {
	const child: ChildProcess = spawn('python3', ['-c', threadingServer], {stdio: ['ignore', 'pipe', 'inherit']});
	cleanups.push(() => child.kill('SIGKILL'));
	const port = await new Promise<number>((resolve, reject) => {
		let text = '';
		const timer = setTimeout(() => reject(new Error('the Python server printed no port within 10 s')), 10_000);
		child.stdout!.on('data', (chunk: Buffer) => {
			text += chunk.toString();
			if (!text.includes('\n')) return;
			clearTimeout(timer);
			resolve(Number(text.trim()));
		});
		child.once('exit', (code) => reject(new Error(`the Python server exited with ${code}`)));
	});
	return {pid: child.pid!, port};
}

async function connectClient(port: number): Promise<net.Socket> {
	const socket = net.connect({host: '127.0.0.1', port});
	cleanups.push(() => socket.destroy());
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', resolve);
		socket.once('error', reject);
	});
	// One exchange: the handler thread exists and has answered.
	socket.write('hello\n');
	await new Promise<void>((resolve) => socket.once('data', () => resolve()));
	return socket;
}

describe.skipIf(skipReason !== undefined)(
	'ProcessSampler.watchTree on a Python ThreadingTCPServer (real /proc)',
	() => {
		it('gives each client thread a lane labelled with its TID, and turns it exited when the client leaves', async () => {
			const server = await startPythonServer();
			const sampler = new ProcessSampler({intervalMs: 50});
			cleanups.push(() => sampler.close());
			expect(sampler.watchTree(server.pid)).toBe(true);
			sampler.start();
			const threadLanes = (snapshot: TimelineSnapshot) =>
				snapshot.processes.filter((lane) => lane.kind === 'thread' && lane.parentPid === server.pid);
			const before = await waitForSnapshot(sampler, (snapshot) => snapshot.columns >= 2, 'two ticks sampled');
			expect(before.processes[0]).toMatchObject({pid: server.pid, label: 'python3', kind: 'process'});
			expect(threadLanes(before)).toEqual([]);

			const first = await connectClient(server.port);
			await connectClient(server.port);
			const both = await waitForSnapshot(
				sampler,
				(snapshot) => threadLanes(snapshot).filter((lane) => !lane.exited).length === 2,
				'two live thread lanes',
			);
			const tids = threadLanes(both).map((lane) => lane.pid);
			expect(new Set(tids).size).toBe(2);
			for (const tid of tids) expect(existsSync(`/proc/${server.pid}/task/${tid}`)).toBe(true);
			// The thread lanes come right after their process, and carry its memory.
			expect(both.processes.slice(0, 3).map((lane) => lane.pid)).toEqual([server.pid, ...tids]);
			expect(threadLanes(both).every((lane) => (lane.latest.rssBytes ?? 0) > 0)).toBe(true);

			first.destroy();
			const after = await waitForSnapshot(
				sampler,
				(snapshot) => threadLanes(snapshot).some((lane) => lane.exited),
				'a thread lane turned exited',
			);
			expect(threadLanes(after).filter((lane) => !lane.exited)).toHaveLength(1);
		});
	},
);
