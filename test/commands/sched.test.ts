import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {readRecordedRuns, rightStrip} from '../fixtures/process-run/read-runs.js';
import {fileURLToPath} from 'node:url';

const fixtures = fileURLToPath(new URL('../fixtures/scheduler/', import.meta.url));

describe('socktui sched reproduces scheduler.py', () => {
	const runs = readRecordedRuns(fixtures);
	it('has the fixtures', () => {
		expect(runs.filter((run) => run.name.startsWith('shared-example-'))).toHaveLength(8);
		expect(runs.length).toBeGreaterThanOrEqual(30);
	});

	it.concurrent.each(runs.map((run) => [run.name, run] as const))('%s', async (_name, run) => {
		const result = await runCli(['sched', ...run.args]);
		expect(result.stderr).toBe('');
		expect(rightStrip(result.stdout)).toBe(rightStrip(run.expected));
		expect(result.code).toBe(0);
	});
});

describe('socktui sched: where the reference fails or never ends, one line and a non-zero exit', () => {
	it.concurrent.each([
		[['-s', '1.5'], "sched: option -s: invalid integer value: '1.5'"],
		[['-j', 'three'], "sched: option -j: invalid integer value: 'three'"],
		[['-q', '2.0', '-c'], "sched: option -q: invalid integer value: '2.0'"],
		[['--maxlen=x'], "sched: option --maxlen: invalid integer value: 'x'"],
		[['-l', '1,inf,2', '-p', 'RR', '-c'], "sched: job 1 of --jlist: 'inf' is not a finite number"],
		[['-l', '1,,2'], "sched: job 1 of --jlist: '' is not a finite number"],
		[['-l', 'nan'], "sched: job 0 of --jlist: 'nan' is not a finite number"],
		[['-j', '0', '-c'], 'sched: no jobs to schedule (the averages would divide by zero)'],
		[['-j', '-1', '-p', 'RR', '-c'], 'sched: no jobs to schedule (the averages would divide by zero)'],
		[['-p', 'RR', '-q', '0', '-c'], 'sched: --quantum must be at least 1 for RR, got 0 (it would never end)'],
		[
			['-p', 'RR', '-q', '-2', '-l', '5', '-c'],
			'sched: --quantum must be at least 1 for RR, got -2 (it would never end)',
		],
		[
			['-l', '1e9', '-p', 'RR', '-c'],
			'sched: this round robin takes 1000000000 time slices; at most 5000000 are printed',
		],
		[['-j', '2000000'], 'sched: at most 1000000 jobs, got 2000000'],
		[['--bogus'], 'sched: no such option: --bogus'],
		[['extra'], "sched: unexpected argument 'extra'"],
		[['-p'], 'sched: -p option requires 1 argument'],
	])('%j', async (args, message) => {
		const result = await runCli(['sched', ...args]);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe(`socktui: ${message} (try 'socktui sched --help')\n`);
		expect(result.code).toBe(2);
	});

	it("an unknown policy is the reference's own message, exit 0; --help lists the options", async () => {
		const lottery = await runCli(['sched', '-p', 'LOTTERY', '-j', '0', '-c']);
		expect(lottery.code).toBe(0);
		expect(lottery.stdout.trimEnd().split('\n').at(-1)).toBe('Error: Policy LOTTERY is not available.');
		const help = await runCli(['sched', '--help']);
		expect(help.code).toBe(0);
		expect(help.stdout).toContain('-q QUANTUM, --quantum=QUANTUM');
	});
});
