import {spawn} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {cliPath, runCli} from '../helpers/run-cli.js';

/** Runs `socktui session ...` the way the dashboard does: with an IPC channel and stdout ignored. */
async function runWithIpc(args: string[]): Promise<{code: number | null; stderr: string}> {
	const child = spawn(process.execPath, [cliPath, 'session', ...args], {stdio: ['ignore', 'ignore', 'pipe', 'ipc']});
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`socktui session ${args.join(' ')} did not exit within 10 s`));
		}, 10_000);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({code, stderr});
		});
	});
}

describe('socktui session (internal)', () => {
	it('run by hand, without the dashboard, explains itself and exits 2', async () => {
		const result = await runCli(['session', '--port', '8082']);
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe(
			"socktui: 'socktui session' is the dashboard's internal client mode; use 'socktui client' instead\n",
		);
	});

	it('is hidden from the top-level help', async () => {
		const result = await runCli(['--help']);
		expect(result.code).toBe(0);
		expect(result.stdout).not.toMatch(/socktui session/);
	});

	it('rejects bad flags with one line on stderr, even under IPC', async () => {
		expect(await runWithIpc(['--protocol=sctp', '--port=1'])).toEqual({
			code: 2,
			stderr: "socktui: --protocol must be tcp or udp, got 'sctp'\n",
		});
		expect(await runWithIpc(['--protocol=udp'])).toEqual({code: 2, stderr: 'socktui: --port is required\n'});
		expect(await runWithIpc(['--port=1', '--reply-timeout=soon'])).toEqual({
			code: 2,
			stderr: 'socktui: --reply-timeout must be a positive number of milliseconds\n',
		});
	});
});
