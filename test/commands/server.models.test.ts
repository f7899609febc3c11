import {existsSync, readFileSync, readdirSync} from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {startCliServer, type CliProcess} from '../core/echo/cli-process.js';
import {connectTcp, readBytes, waitFor} from '../core/echo/echo-test-kit.js';

const running: CliProcess[] = [];
afterEach(async () => {
	await Promise.all(running.splice(0).map(async (server) => server.stop('SIGKILL')));
});

/** Live (not zombie) children of `pid`, from /proc. */
function childrenOf(pid: number): number[] {
	return readdirSync('/proc')
		.filter((name) => /^\d+$/.test(name))
		.map(Number)
		.filter((candidate) => {
			try {
				const stat = readFileSync(`/proc/${candidate}/stat`, 'utf8');
				const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
				return fields[0] !== 'Z' && Number(fields[1]) === pid;
			} catch {
				return false;
			}
		});
}

function live(pid: number): boolean {
	if (!existsSync(`/proc/${pid}/stat`)) return false;
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
}

describe('socktui server --model', () => {
	it.each([
		[
			['--model', 'forking'],
			"socktui: --model must be one of event-loop, iterative, threads, processes, got 'forking'",
		],
		[['--handler-cpu', '-5'], "socktui: --handler-cpu must be a whole number from 0 to 10000, got '-5'"],
		[['--reply-delay', 'soon'], "socktui: --reply-delay must be a whole number from 0 to 60000, got 'soon'"],
		[['--pool', '2'], 'socktui: --pool is for --model processes (pre-started children), not event-loop'],
	])('bad %j: one line naming the choices, exit 2', async (args, message) => {
		const result = await runCli(['server', '--port', '0', ...args]);
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe(`${message}\n`);
	});

	it('the ready line names the model and knobs', async () => {
		const server = await startCliServer(['--model', 'threads', '--reply-delay', '50', '--handler-cpu', '5']);
		running.push(server);
		expect(server.lines[0]).toMatch(
			/^listening tcp 127\.0\.0\.1:\d+ \(model threads, reply delay 50 ms, handler CPU 5 ms\)$/,
		);
	});

	it('processes: no child outlives the server, even when the server is SIGKILLed', async () => {
		const server = await startCliServer(['--model', 'processes', '--quiet']);
		running.push(server);
		const sockets = [await connectTcp(server.port), await connectTcp(server.port)];
		for (const socket of sockets) {
			socket.on('error', () => {});
			const reply = readBytes(socket, 2, 20_000);
			socket.write('hi');
			await reply;
		}

		const children = childrenOf(server.child.pid!);
		expect(children).toHaveLength(2);
		for (const pid of children) expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).toContain('server-worker');
		await server.stop('SIGKILL');
		await waitFor(() => children.every((pid) => !live(pid)), 'the worker children to exit with their server');
		for (const socket of sockets) socket.destroy();
	});
});
