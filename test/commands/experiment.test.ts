import {spawn} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {detect} from '../../source/core/procs/pinning.js';
import {unlessDisturbed} from '../helpers/busy-machine.js';
import {cliPath, runCli} from '../helpers/run-cli.js';
import {isAlive as alive, waitUntilGone} from '../helpers/wait.js';

interface Job {
	pid: number;
	program: string;
	startMs: number;
	endMs: number;
	turnaroundMs: number;
	cpuMs: number;
	runnableMs: number;
	blockedMs: number;
	voluntarySwitches: number;
	involuntarySwitches: number;
}
interface Run {
	makespanMs: number;
	cpuBusyPct: number;
	pinnedCpu: number | null;
	jobs: Job[];
}
interface Report {
	serial?: Run;
	concurrent?: Run;
	predicted: {serial: {makespanMs: number}; concurrent: {makespanMs: number}};
}

const linux = process.platform === 'linux';
const pinning = linux ? detect('linux', process.env.PATH ?? '') : undefined;

async function waitGone(pids: readonly number[], timeoutMs = 10_000): Promise<void> {
	await waitUntilGone(pids, timeoutMs);
}

async function runJson(args: string[]): Promise<Report> {
	const result = await runCli(['experiment', ...args, '--json'], {timeoutMs: 60_000});
	expect(result.stderr).toBe('');
	expect(result.code).toBe(0);
	const lines = result.stdout.split('\n').filter(Boolean);
	expect(lines).toHaveLength(1);
	return JSON.parse(lines[0]!) as Report;
}

const jobFields = [
	'pid',
	'program',
	'startMs',
	'endMs',
	'turnaroundMs',
	'cpuMs',
	'runnableMs',
	'blockedMs',
	'voluntarySwitches',
	'involuntarySwitches',
];

describe.skipIf(!linux)('socktui experiment (real processes, real /proc)', () => {
	it('IO preset: serial makespan is about the sum of the jobs, concurrent is shorter; every child is gone', async (context) => {
		// Blocked and makespan figures need the CPU: on a busy machine, retried once, then skipped.
		await unlessDisturbed(context, async () => {
			// IOs long beside the ticks: the overlap concurrency buys (about 800 ms) dwarfs a busy machine's noise.
			const report = await runJson(['--preset', 'io', '--tick', '20', '--io', '400']);
			const {serial, concurrent, predicted} = report;
			for (const run of [serial!, concurrent!]) {
				expect(Object.keys(run)).toEqual(expect.arrayContaining(['makespanMs', 'cpuBusyPct', 'pinnedCpu', 'jobs']));
				expect(run.jobs).toHaveLength(3);
				for (const job of run.jobs) {
					expect(Object.keys(job)).toEqual(expect.arrayContaining(jobFields));
					expect(job.program).toBe('c2,i,c2');
					expect(job.turnaroundMs).toBeCloseTo(job.endMs - job.startMs, 0);
					// 6 ticks of CPU (c2, the IO's start and end, c2): a job never gets less than it asked for.
					expect(job.cpuMs).toBeGreaterThanOrEqual(100);
					expect(job.blockedMs).toBeGreaterThan(300);
				}
			}

			// Serial: one after another, and the makespan is the jobs' turnarounds added up.
			for (let index = 1; index < 3; index++)
				expect(serial!.jobs[index]!.startMs).toBeGreaterThanOrEqual(serial!.jobs[index - 1]!.endMs);
			const sum = serial!.jobs.reduce((total, job) => total + job.turnaroundMs, 0);
			expect(serial!.makespanMs).toBeGreaterThanOrEqual(sum * 0.99);
			// The sim predicts 3 x (6 ticks + L=20) = 1560 ms, and no run can do the work in less (no upper bound:
			// a busy machine only makes it longer, and that is not the tool's fault).
			expect(predicted.serial.makespanMs).toBe(1560);
			expect(serial!.makespanMs).toBeGreaterThan(1560 * 0.95);
			expect(concurrent!.makespanMs).toBeLessThan(serial!.makespanMs);
			expect(predicted.concurrent.makespanMs).toBeLessThan(predicted.serial.makespanMs);
			await waitGone([...serial!.jobs, ...concurrent!.jobs].map((job) => job.pid));
		});
	}, 180_000);

	it.skipIf(!pinning?.available)(
		'CPU preset pinned: the kernel takes the CPU away (involuntary switches > 0)',
		async () => {
			const report = await runJson(['--preset', 'cpu', '--tick', '20', '--concurrent']);
			expect(report.serial).toBeUndefined();
			const run = report.concurrent!;
			expect(run.pinnedCpu).toEqual(expect.any(Number));
			expect(run.jobs.reduce((total, job) => total + job.involuntarySwitches, 0)).toBeGreaterThan(0);
			// Sharing one CPU, every job waits on the run queue while the others run.
			for (const job of run.jobs) expect(job.runnableMs).toBeGreaterThan(0);
			await waitGone(run.jobs.map((job) => job.pid));
		},
		90_000,
	);

	it.skipIf(!pinning?.available || (pinning.available && pinning.allowedCpus.length < 2) || process.getuid?.() !== 0)(
		'--policy fifo (real time): concurrent CPU-only jobs run one after another, as FIFO predicts',
		async (context) => {
			await unlessDisturbed(context, async () => {
				const report = await runJson(['--preset', 'cpu', '--tick', '20', '--concurrent', '--policy', 'fifo']);
				const jobs = report.concurrent!.jobs;
				await waitGone(jobs.map((job) => job.pid));
				expect(jobs[0]!.endMs).toBeLessThan(jobs[1]!.endMs);
				expect(jobs[1]!.endMs).toBeLessThan(jobs[2]!.endMs);
				// P0 never gave up its CPU to the others: it is done long before the last one (time slicing: all together).
				expect(jobs[0]!.endMs - jobs[0]!.startMs).toBeLessThan(report.concurrent!.makespanMs * 0.6);
				expect(report.predicted.concurrent.makespanMs).toBe(600);
			});
		},
		120_000,
	);

	it('without taskset it says so in one line and runs unpinned (pinnedCpu null)', async () => {
		const result = await runCli(
			['experiment', '-P', 'c1', '--tick', '10', '--io-kind', 'sleep', '--serial', '--json'],
			{env: {PATH: '/nonexistent'}, timeoutMs: 60_000},
		);
		expect(result.code).toBe(0);
		expect(result.stderr).toBe(
			'socktui: cannot pin the jobs to one CPU: taskset not found (it is in util-linux); running them unpinned\n',
		);
		const report = JSON.parse(result.stdout) as Report;
		expect(report.serial!.pinnedCpu).toBeNull();
		await waitGone(report.serial!.jobs.map((job) => job.pid));
	}, 60_000);

	it('--no-pin runs unpinned and says so (pinnedCpu null); --io-kind sleep needs no server', async () => {
		const report = await runJson([
			'-P',
			'c1,i:c1',
			'--tick',
			'20',
			'--io',
			'40',
			'--io-kind',
			'sleep',
			'--no-pin',
			'--serial',
		]);
		expect(report.concurrent).toBeUndefined();
		expect(report.serial!.pinnedCpu).toBeNull();
		expect(report.serial!.jobs.map((job) => job.program)).toEqual(['c1,i', 'c1']);
		await waitGone(report.serial!.jobs.map((job) => job.pid));
	}, 60_000);

	// Each job computes 20 s before its first IO: only ending the jobs by PID lets the CLI exit within 30 s.
	it('Ctrl-C mid-run ends every job and the echo server, and exits 130', async () => {
		const child = spawn(
			process.execPath,
			[cliPath, 'experiment', '--jobs', 'c20,i:c20,i:c20,i', '--tick', '1000', '--io', '1000'],
			{
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		let stderr = '';
		const pids = await new Promise<number[]>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`no job PIDs on stderr within 30 s: ${stderr}`)), 30_000);
			child.stderr.on('data', (chunk: Buffer) => {
				stderr += chunk.toString();
				const match = /serial: 3 jobs running \(PIDs ([\d ]+)\)/.exec(stderr);
				if (match) {
					clearTimeout(timer);
					resolve(match[1]!.split(' ').map(Number));
				}
			});
		});
		const server = childrenOf(child.pid!).filter((pid) => commandLine(pid).includes('server-child'));
		expect(server).toHaveLength(1);
		expect([...pids, ...server].every(alive)).toBe(true);
		const code = new Promise<number | null | 'still running'>((resolve) => {
			const timer = setTimeout(() => {
				// Failing: leave nothing behind (by PID, only what this test started).
				for (const pid of [child.pid!, ...pids, ...server]) if (alive(pid)) process.kill(pid, 'SIGKILL');
				resolve('still running');
			}, 30_000);
			child.on('close', (exit) => {
				clearTimeout(timer);
				resolve(exit);
			});
		});
		child.kill('SIGINT');
		expect(await code).toBe(130);
		expect(stderr).toMatch(/interrupted; every job it started has ended/);
		await waitGone([...pids, ...server]);
	}, 45_000);

	it('refuses jobs that would run for more than 10 minutes, before starting anything', async () => {
		const result = await runCli(['experiment', '-P', 'c3000,i:c3000', '--tick', '100', '--io', '100']);
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(
			'socktui: these jobs would take 600 s one after another; at most 10 minutes (fewer ticks, or a shorter --tick or --io)\n',
		);
	});

	it.each(['c3,x', 'c1,,c2', 'cx', ':c1'])(
		'a bad program (%s) fails with the words of sim -P, one line, exit 2',
		async (program) => {
			const sim = await runCli(['sim', '-P', program, '-c']);
			// The reference's own errors go to stdout in sim; other bad input is already one line on stderr.
			const expected = sim.stderr !== '' ? sim.stderr : `socktui: sim: ${sim.stdout.split('\n')[0]}\n`;
			const result = await runCli(['experiment', '--jobs', program]);
			expect(result.code).toBe(2);
			expect(result.stdout).toBe('');
			expect(result.stderr).toBe(expected);
		},
	);
});

function childrenOf(pid: number): number[] {
	const children: number[] = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) children.push(Number(name));
		} catch {
			// gone
		}
	}

	return children;
}

function commandLine(pid: number): string {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
	} catch {
		return '';
	}
}
