import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {chooseOneCpu, detect} from '../../source/core/procs/pinning.js';
import {runCli} from '../helpers/run-cli.js';

interface Load {
	state: 'quiet' | 'disturbed' | 'unknown';
	cpus?: number[];
	otherMs?: number;
	otherPct?: number;
}
interface Report {
	serial?: {load: Load; makespanMs: number};
	concurrent?: {load: Load; makespanMs: number};
	verdict: {code: string; params: Record<string, unknown>};
	recorded?: {savedAt: string; hostname: string};
}

const linux = process.platform === 'linux';
const pinning = linux ? detect('linux', process.env.PATH ?? '') : undefined;
const fixture = new URL('../fixtures/experiment/recorded-io.json', import.meta.url).pathname;
let dir: string;

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'socktui-exp-'));
});
afterAll(() => {
	rmSync(dir, {recursive: true, force: true});
});

describe('socktui experiment --load', () => {
	it('shows a recorded run, labelled with its date and machine, in 80 columns; --json has the same verdict', async () => {
		const text = await runCli(['experiment', '--load', fixture]);
		expect(text.code).toBe(0);
		const saved = JSON.parse(readFileSync(fixture, 'utf8')) as {savedAt: string; hostname: string};
		expect(text.stdout.replaceAll('\n', ' ')).toContain(
			`RECORDED, not live: saved ${saved.savedAt} on ${saved.hostname}`,
		);
		for (const line of text.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
		const json = await runCli(['experiment', '--load', fixture, '--json']);
		const report = JSON.parse(json.stdout) as Report;
		expect(report.recorded).toMatchObject({savedAt: saved.savedAt, hostname: saved.hostname});
		const zh = await runCli(['experiment', '--load', fixture, '--lang', 'zh']);
		expect(zh.stdout).toContain('这是录制的运行');
		expect(zh.stdout).toContain('串行');
	});

	it.each([
		['missing', 'nope.json', /^socktui: cannot load .*nope\.json: no such file\n$/],
		['not JSON', 'bad.json', /^socktui: cannot load .*bad\.json: it is not JSON\n$/],
		['another JSON', 'other.json', /^socktui: cannot load .*other\.json: it is not a socktui experiment recording\n$/],
		[
			'a later version',
			'v9.json',
			/^socktui: cannot load .*v9\.json: it is version 9; this socktui reads version 1\n$/,
		],
		['a run without jobs', 'cut.json', /^socktui: cannot load .*cut\.json: its serial run is malformed\n$/],
	])('%s: one line, exit 2', async (_, name, message) => {
		const good = JSON.parse(readFileSync(fixture, 'utf8')) as Record<string, unknown>;
		writeFileSync(join(dir, 'bad.json'), '{"format": "socktui-exp');
		writeFileSync(join(dir, 'other.json'), '{"a": 1}');
		writeFileSync(join(dir, 'v9.json'), JSON.stringify({...good, version: 9}));
		const result = good['result'] as {serial: Record<string, unknown>};
		writeFileSync(
			join(dir, 'cut.json'),
			JSON.stringify({...good, result: {...result, serial: {...result.serial, jobs: 3}}}),
		);
		const run = await runCli(['experiment', '--load', join(dir, name)]);
		expect(run.code).toBe(2);
		expect(run.stdout).toBe('');
		expect(run.stderr).toMatch(message);
	});

	it('--save never writes over a file or through a symlink (one line, exit 2, nothing runs)', async () => {
		writeFileSync(join(dir, 'exists.json'), 'keep');
		symlinkSync(join(dir, 'target.json'), join(dir, 'link.json'));
		for (const name of ['exists.json', 'link.json']) {
			const run = await runCli(['experiment', '-P', 'c1', '--tick', '10', '--save', join(dir, name)]);
			expect(run.code).toBe(2);
			expect(run.stderr).toMatch(/^socktui: cannot save the experiment to .*: (the file exists|it is a symbolic link)/);
			expect(run.stderr.split('\n')).toHaveLength(2);
		}

		expect(readFileSync(join(dir, 'exists.json'), 'utf8')).toBe('keep');
		expect(() => statSync(join(dir, 'target.json'))).toThrow();
	});
});

// A hog: a bounded busy loop (60 s at most) pinned with taskset to the CPU the experiment gives its jobs.
function startHog(cpu: number): ChildProcess {
	return spawn(
		'taskset',
		['-c', String(cpu), process.execPath, '-e', 'const end = Date.now() + 60000; while (Date.now() < end);'],
		{
			stdio: 'ignore',
		},
	);
}

describe.skipIf(!linux)('the disturbance meter in every run', () => {
	const jobCpu = pinning?.available ? chooseOneCpu(pinning) : undefined;
	const hogs: ChildProcess[] = [];
	afterAll(() => {
		for (const hog of hogs) if (hog.exitCode === null && hog.signalCode === null) hog.kill('SIGKILL');
	});

	it('busy machine: CPU hogs on the job CPU; the output says disturbed, which CPU, and draws no verdict', async (context) => {
		if (jobCpu === undefined) {
			console.log(
				`skipped: the jobs cannot be pinned here (${pinning?.available === false ? pinning.reason : 'not Linux'})`,
			);
			context.skip();
			return;
		}

		hogs.push(startHog(jobCpu), startHog(jobCpu));
		const file = join(dir, 'busy.json');
		const run = await runCli(['experiment', '--preset', 'cpu', '--tick', '20', '--json', '--save', file], {
			timeoutMs: 90_000,
		});
		expect(run.code).toBe(0);
		const report = JSON.parse(run.stdout) as Report;
		for (const kind of ['serial', 'concurrent'] as const) {
			expect(report[kind]!.load).toMatchObject({state: 'disturbed', cpus: [jobCpu]});
			console.log(
				`with two hogs on CPU ${jobCpu}, ${kind}: others took ${report[kind]!.load.otherPct}% (${report[kind]!.load.otherMs} ms)`,
			);
		}

		expect(report.verdict).toMatchObject({code: 'disturbed', params: {run: 'serial', cpus: [jobCpu]}});
		// The text of the same run (the recording): in words, instead of a verdict.
		const text = await runCli(['experiment', '--load', file]);
		expect(text.stdout.replaceAll('\n', ' ')).toMatch(
			new RegExp(
				`Other programs took [\\d.]+% of CPU ${jobCpu} \\(\\d+ ms\\) during the serial run: its times are not the lesson's; no verdict\\.`,
			),
		);
		expect(text.stdout).not.toMatch(/Concurrent finished|No clear difference/);
		const zh = await runCli(['experiment', '--load', file, '--lang', 'zh']);
		expect(zh.stdout).toContain('不下结论');
	}, 120_000);

	it('quiet machine: no false alarm (skips, with the figure, when others really were busy)', async (context) => {
		for (const hog of hogs) if (hog.exitCode === null && hog.signalCode === null) hog.kill('SIGKILL');
		const run = await runCli(['experiment', '--preset', 'cpu', '--tick', '20', '--json'], {timeoutMs: 90_000});
		expect(run.code).toBe(0);
		const report = JSON.parse(run.stdout) as Report;
		const loads = (['serial', 'concurrent'] as const).map((kind) => ({kind, load: report[kind]!.load}));
		for (const {kind, load} of loads)
			console.log(
				`no hogs, ${kind}: others took ${load.otherPct}% (${load.otherMs} ms) of CPU ${load.cpus?.join(',')}`,
			);
		const busy = loads.filter(({load}) => load.state === 'disturbed');
		if (busy.length > 0) {
			console.log(
				`skipped: the machine was busy: ${busy.map(({kind, load}) => `${kind} ${load.otherPct}% (${load.otherMs} ms)`).join(', ')}`,
			);
			context.skip();
			return;
		}

		for (const {load} of loads) expect(load.state).toBe('quiet');
		expect(report.verdict.code).not.toBe('disturbed');
	}, 120_000);
});
