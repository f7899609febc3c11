import {describe, expect, it} from 'vitest';
import {runCli} from './helpers/run-cli.js';

describe('the CLI edge', () => {
	it('names an unknown command in one line and exits 2', async () => {
		const result = await runCli(['bogus']);
		expect(result.code).toBe(2);
		expect(result.stderr.trim().split('\n')).toEqual(["socktui: unknown command 'bogus' (try 'socktui --help')"]);
	});

	it('--help names --connect and the separate --connect-udp / --connect-tcp, and key b, within 100 columns', async () => {
		const result = await runCli(['--help']);
		expect(result.code).toBe(0);
		for (const flag of ['--connect H:P', '--connect-udp H:P', '--connect-tcp H:P', 'b two messages in one go'])
			expect(result.stdout).toContain(flag);
		for (const line of result.stdout.split('\n').filter((text) => text.includes('connect')))
			expect(line.length).toBeLessThanOrEqual(100);
	});

	it('rejects an unknown dashboard flag in one line with exit 2', async () => {
		const result = await runCli(['--bogus']);
		expect(result.code).toBe(2);
		expect(result.stderr).toBe("socktui: unknown option '--bogus' for 'socktui' (try --help)\n");
	});

	it('accepts a string flag whose value starts with a dash (--sim "-P c3,i")', async () => {
		// Without a terminal the dashboard stops at its TTY check, after flag parsing succeeded.
		const result = await runCli(['--sim', '-P c3,i', '--ascii']);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/the dashboard needs a terminal/);
		expect(result.stderr).not.toMatch(/unknown option/);
	});

	it.each([
		[['--watch', 'abc'], "socktui: --watch takes process IDs, like --watch 1234 or --watch 1234,5678; got 'abc'"],
		[['--watch', '12,-3'], "socktui: --watch takes process IDs, like --watch 1234 or --watch 1234,5678; got '12,-3'"],
		[['--watch', '0'], "socktui: --watch takes process IDs, like --watch 1234 or --watch 1234,5678; got '0'"],
		[['--watch='], 'socktui: --watch needs a process ID, e.g. --watch 1234'],
		[['--watch', '4194305'], 'socktui: --watch: no process with PID 4194305'],
	])('--watch %j: one line, exit 2', async (args, message) => {
		const result = await runCli(args);
		expect(result.stderr).toBe(`${message}\n`);
		expect(result.code).toBe(2);
	});

	it.each([
		[
			['--model', 'forking'],
			"socktui: --model must be one of event-loop, iterative, threads, processes, got 'forking'",
		],
		[['--handler-cpu', '-5'], "socktui: --handler-cpu must be a whole number from 0 to 10000, got '-5'"],
		[['--handler-cpu', '99999'], "socktui: --handler-cpu must be a whole number from 0 to 10000, got '99999'"],
		[['--pool', '2'], 'socktui: --pool is for --model processes (pre-started children), not event-loop'],
		[['--model', 'processes', '--pool', 'x'], "socktui: --pool must be a whole number from 0 to 16, got 'x'"],
		[
			['--model', 'iterative', '--connect', '127.0.0.1:7'],
			"socktui: --model, --reply-delay and --handler-cpu set up socktui's own server; with --connect there is none",
		],
		[
			['--model', 'iterative', '--connect-udp', '127.0.0.1:8080', '--connect-tcp', '127.0.0.1:8082'],
			"socktui: --model, --reply-delay and --handler-cpu set up socktui's own server; with --connect there is none",
		],
		[['--connect-udp', '127.0.0.1'], "socktui: --connect-udp must be HOST:PORT, got '127.0.0.1'"],
	])('dashboard %j: one line, exit 2, before the terminal check', async (args, message) => {
		const result = await runCli(args);
		expect(result.stderr).toBe(`${message}\n`);
		expect(result.code).toBe(2);
	});

	it('good server model flags pass the flag checks (then need a terminal)', async () => {
		const result = await runCli(['--model', 'processes', '--pool', '2', '--handler-cpu', '5', '--reply-delay', '50']);
		expect(result.stderr).toMatch(/^socktui: the dashboard needs a terminal/);
	});

	it('--watch of an existing process passes the flag checks (then needs a terminal)', async () => {
		const result = await runCli(['--watch', `${process.pid},${process.ppid}`]);
		expect(result.stderr).toMatch(/^socktui: the dashboard needs a terminal/);
	});
});
