import {spawn} from 'node:child_process';
import {createInterface} from 'node:readline';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {startEchoServer} from '../../../source/core/echo/start-echo-server.js';
import type {EchoServer} from '../../../source/core/echo/types.js';
import {assertBuilt, cliPath, fixture, isAlive, waitUntilGone} from './session-test-kit.js';

let server: EchoServer;

beforeAll(async () => {
	assertBuilt();
	server = await startEchoServer('tcp', {host: '127.0.0.1', port: 0});
});

afterAll(async () => {
	await server?.close();
});

it('session processes exit when their dashboard is SIGKILLed, even one in the middle of a CPU burst (no orphans)', async () => {
	const parent = spawn(
		process.execPath,
		['--import', 'tsx', fixture('orphan-parent.ts'), cliPath, '127.0.0.1', String(server.local.port)],
		{
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	let stderr = '';
	parent.stderr.on('data', (chunk: Buffer) => {
		stderr = (stderr + chunk.toString()).slice(-2000);
	});
	let pids: number[];
	try {
		pids = await new Promise<number[]>((resolve, reject) => {
			const timer = setTimeout(
				() => reject(new Error(`the parent printed no PIDs within 15 s; stderr: ${stderr}`)),
				15_000,
			);
			parent.once('exit', (code, signal) =>
				reject(new Error(`the parent exited early (${code ?? signal}); stderr: ${stderr}`)),
			);
			createInterface({input: parent.stdout}).once('line', (line) => {
				clearTimeout(timer);
				resolve(JSON.parse(line) as number[]);
			});
		});
		expect(pids).toHaveLength(2);
		expect(pids.every((pid) => isAlive(pid))).toBe(true);
	} finally {
		parent.kill('SIGKILL');
	}

	try {
		await waitUntilGone(pids, 10_000);
	} catch (error: unknown) {
		// Clean up what this test started before failing loudly.
		for (const pid of pids) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// Already gone.
			}
		}

		throw error;
	}
});
