import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {cliPath} from '../../helpers/run-cli.js';
import {waitFor} from './echo-test-kit.js';

/** A long-running `socktui ARGS` (e.g. `server --port 0`) with its output collected as it comes. */
export class CliProcess {
	readonly child: ChildProcessWithoutNullStreams;
	stdout = '';
	stderr = '';
	exit: Promise<{code: number | null; signal: NodeJS.Signals | null}>;

	constructor(args: string[], env: NodeJS.ProcessEnv = {}) {
		this.child = spawn(process.execPath, [cliPath, ...args], {env: {...process.env, ...env}, stdio: 'pipe'});
		this.child.stdout.setEncoding('utf8').on('data', (text: string) => (this.stdout += text));
		this.child.stderr.setEncoding('utf8').on('data', (text: string) => (this.stderr += text));
		this.exit = new Promise((resolve) => this.child.on('close', (code, signal) => resolve({code, signal})));
	}

	get lines(): string[] {
		return this.stdout.split('\n').filter((line) => line.length > 0);
	}

	async waitForOutput(predicate: (stdout: string) => boolean, what: string, timeoutMs = 15_000): Promise<void> {
		await waitFor(() => predicate(this.stdout) || this.child.exitCode !== null, what, timeoutMs);
		if (!predicate(this.stdout))
			throw new Error(`socktui exited (${this.child.exitCode}) before ${what}; stderr: ${this.stderr}`);
	}

	/** Ends it with a signal (if still running) and resolves with how it exited. */
	async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<{code: number | null; signal: NodeJS.Signals | null}> {
		if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
		return this.exit;
	}
}

/** Starts `socktui server ARGS --port 0` and resolves once its ready line names the port. */
export async function startCliServer(args: string[] = []): Promise<CliProcess & {port: number}> {
	const server = new CliProcess(['server', '--port', '0', ...args]);
	const ready = /^listening (tcp|udp) (\S+):(\d+)(?: \(.*\))?$/m;
	await server.waitForOutput((stdout) => ready.test(stdout), 'the ready line');
	return Object.assign(server, {port: Number(ready.exec(server.stdout)![3])});
}
