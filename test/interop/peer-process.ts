import {spawn, spawnSync} from 'node:child_process';
import {CliProcess} from '../core/echo/cli-process.js';
import {waitFor} from '../core/echo/echo-test-kit.js';

/** True when `command args` runs; otherwise logs why the caller skips. */
export function haveTool(command: string, args: string[], why: string): boolean {
	const result = spawnSync(command, args, {stdio: 'ignore', timeout: 10_000});
	if (result.error === undefined && result.status !== null) return true;
	console.log(`skipped: ${command} is not installed (${why})`);
	return false;
}

export interface RunResult {
	code: number | null;
	stdout: Buffer;
	stderr: string;
}

/** Runs a command to completion with stdin; kills it and fails loudly after `timeoutMs`. */
export async function runTool(
	command: string,
	args: string[],
	input: Buffer | string,
	timeoutMs = 15_000,
): Promise<RunResult> {
	const child = spawn(command, args, {stdio: 'pipe'});
	const stdout: Buffer[] = [];
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	child.stdin.on('error', () => {});
	child.stdin.end(input);
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`${command} ${args.join(' ')} did not finish within ${timeoutMs} ms; stderr: ${stderr}`));
		}, timeoutMs);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({code, stdout: Buffer.concat(stdout), stderr});
		});
	});
}

/** A long-running peer that prints `listening PROTOCOL HOST:PORT`; resolves with the port once it has. */
export async function startPeer(command: string, args: string[]): Promise<{port: number; stop: () => Promise<void>}> {
	const child = spawn(command, args, {stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const ready = /listening (?:tcp|udp) \S+:(\d+)/;
	await waitFor(() => ready.test(stdout) || child.exitCode !== null, `${command} to print its ready line`, 15_000);
	const match = ready.exec(stdout);
	if (!match) throw new Error(`${command} ${args.join(' ')} exited early: ${stderr}`);
	return {
		port: Number(match[1]),
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const closed = new Promise((resolve) => child.once('close', resolve));
			child.kill('SIGKILL');
			await closed;
		},
	};
}

export {CliProcess};
