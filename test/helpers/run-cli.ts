import {spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';

/** The bundled CLI that `npm test` builds before running vitest. */
export const cliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface CliResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

/** Runs the built CLI to completion with optional stdin; kills it (and fails loudly) after `timeoutMs`. */
export async function runCli(
	args: string[],
	options: {input?: string | Buffer; timeoutMs?: number; env?: NodeJS.ProcessEnv} = {},
): Promise<CliResult> {
	const child = spawn(process.execPath, [cliPath, ...args], {
		env: {...process.env, ...options.env},
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	const stdout: Buffer[] = [];
	const stderr: Buffer[] = [];
	child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
	child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
	child.stdin.on('error', () => {});
	child.stdin.end(options.input ?? '');
	const timeoutMs = options.timeoutMs ?? 15_000;
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(
				new Error(
					`socktui ${args.join(' ')} did not exit within ${timeoutMs} ms; stderr: ${Buffer.concat(stderr).toString()}`,
				),
			);
		}, timeoutMs);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({code, signal, stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString()});
		});
	});
}
