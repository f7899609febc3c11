import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {formatFixed} from '../../source/core/ostep/python-compat/format-fixed.js';
import {readRecordedRuns, fixturesDir, rightStrip} from '../fixtures/process-run/read-runs.js';

const run = async (...args: string[]) => {
	const result = await runCli(['sim', ...args]);
	expect(result.stderr).toBe('');
	expect(result.code).toBe(0);
	return result.stdout;
};

describe.concurrent('socktui sim --json', () => {
	it('prints processes, per-tick rows and stats that agree with the text trace', async () => {
		const args = ['-s', '5', '-l', '5:30,8:70,6:50', '-L', '3'];
		const json = JSON.parse(await run(...args, '--json')) as {
			seed: string;
			processes: Array<{pid: number; instructions: string[]}>;
			rows: Array<{t: number; ioDone: boolean; cells: string[]; cpu: string; ios: number}>;
			stats: {totalTime: number; cpuBusy: number; ioBusy: number; cpuBusyPercent: number};
		};
		const text = rightStrip(await run(...args, '-c', '-p')).split('\n');
		expect(json.seed).toBe('5');
		expect(json.processes.map((process) => process.pid)).toEqual([0, 1, 2]);
		expect(json.rows).toHaveLength(json.stats.totalTime);
		for (const row of json.rows) {
			const line = text[row.t]!;
			expect(line.startsWith(`${String(row.t).padStart(3)}${row.ioDone ? '*' : ' '}`)).toBe(true);
			for (const cell of row.cells) expect(line).toContain(cell);
		}
		expect(text).toContain(`Stats: Total Time ${json.stats.totalTime}`);
		// 29/32 = 90.625: a tie that toFixed would round up.
		expect(text).toContain('Stats: CPU Busy 29 (90.62%)');
		expect(text).toContain(`Stats: CPU Busy ${json.stats.cpuBusy} (${formatFixed(json.stats.cpuBusyPercent, 2)}%)`);
	});

	it('holds both runs with --compare', async () => {
		const json = JSON.parse(await run('-P', 'c3,i,c2:c4', '--compare', '--json')) as Record<
			string,
			{stats: {totalTime: number}; config: {switchPolicy: string}}
		>;
		expect(json.serial!.config.switchPolicy).toBe('SWITCH_ON_END');
		expect(json.multiprogrammed!.config.switchPolicy).toBe('SWITCH_ON_IO');
		expect(json.serial!.stats.totalTime).toBe(16);
		expect(json.multiprogrammed!.stats.totalTime).toBe(12);
	});
});

describe.concurrent('socktui sim --compare', () => {
	it('prints both totals and CPU utilisations side by side', async () => {
		const lines = rightStrip(await run('-P', 'c3,i,c2:c4', '--compare')).split('\n');
		expect(lines).toContain('Total Time                  16                12');
		expect(lines).toContain('CPU Busy           11 (68.75%)       11 (91.67%)');
		expect(lines).toContain('Multiprogramming finishes 4 ticks sooner (speedup 1.33x).');
	});

	it('with -c -p prints each trace in the reference format first', async () => {
		const out = rightStrip(await run('-P', 'c3,i,c2:c4', '-I', 'IO_RUN_IMMEDIATE', '--compare', '-c', '-p'));
		const reference = rightStrip(
			readRecordedRuns(fixturesDir).find((recorded) => recorded.name === 'shared-example-15')!.expected,
		);
		expect(out).toContain(`Multiprogrammed (SWITCH_ON_IO):\n${reference}`);
		expect(out).toContain('Serial (SWITCH_ON_END):\nTime        PID: 0        PID: 1');
	});
});

describe.concurrent('socktui sim --quantum and --switch-cost', () => {
	it('shows round robin with a switch cost losing to serial for CPU-bound jobs', async () => {
		const out = rightStrip(await run('-l', '4:100,4:100', '--quantum', '1', '--switch-cost', '1', '-c', '-p'));
		const lines = out.split('\n');
		expect(lines[2]).toBe('  2          READY        SWITCH            cs');
		expect(lines[3]).toBe('  3          READY       RUN:cpu             1');
		expect(lines).toContain('Stats: Total Time 15');
		expect(lines).toContain('Stats: Switch   7 (46.67%)');
		const compare = rightStrip(await run('-l', '4:100,4:100', '--quantum', '1', '--switch-cost', '1', '--compare'));
		expect(compare).toContain('Total Time                   9                15');
		expect(compare).toContain('ticks later');
	});

	it('leave the reference output alone when they change nothing', async () => {
		for (const name of ['shared-example-40', 'io-run-immediate-preempts', 'several-ios-in-flight']) {
			const recorded = readRecordedRuns(fixturesDir).find((candidate) => candidate.name === name)!;
			expect(rightStrip(await run(...recorded.args, '--switch-cost', '0'))).toBe(rightStrip(recorded.expected));
		}
		// A quantum larger than any process never preempts.
		const recorded = readRecordedRuns(fixturesDir).find((candidate) => candidate.name === 'shared-example-22')!;
		expect(rightStrip(await run(...recorded.args, '--quantum', '100'))).toBe(rightStrip(recorded.expected));
	});
});
