import {describe, expect, it} from 'vitest';
import type {RunFigures} from '../../../../source/core/experiment/run-figures.js';
import type {RunResult, RunSample} from '../../../../source/core/experiment/types.js';
import {englishExperiment} from '../../../../source/ui/i18n/experiment-messages.js';
import {measuredChart, measuredColumns} from '../../../../source/ui/panes/experiment/measured-chart.js';
import {lineText} from '../../../../source/ui/segments.js';

const job = (pid: number, program: string) => ({
	pid,
	program,
	startMs: 0,
	endMs: 0,
	turnaroundMs: 0,
	cpuMs: 0,
	runnableMs: 0,
	blockedMs: 0,
	voluntarySwitches: 0,
	involuntarySwitches: 0,
	runMs: 0,
});

function concurrentCpuRun(columns: number): RunResult {
	// Three CPU-only jobs on one CPU: each runs a third of every 100 ms column and waits the rest.
	const samples: RunSample[] = Array.from({length: columns}, (_, index) => ({
		atMs: 100 * (index + 1),
		jobs: [0, 1, 2].map(() => ({runMs: 100 / 3, waitMs: 200 / 3})),
	}));
	return {
		kind: 'concurrent',
		makespanMs: 100 * columns,
		cpuBusyPct: 100,
		pinnedCpu: 1,
		disturbance: null,
		jobs: [job(1, 'c10'), job(2, 'c10'), job(3, 'c10')],
		samples,
		sampleMs: 100,
	};
}

const figures = {makespanMs: 3000, predictedMakespanMs: 3000, cpuBusyPct: 99.7} as RunFigures;
const options = {color: false, ascii: false, messages: englishExperiment};

describe('the measured chart: each job its share of the CPU', () => {
	it('seen in issue 20: three jobs sharing one CPU are drawn sharing it, not all "on the CPU", never blocked', () => {
		const lines = measuredChart(concurrentCpuRun(30), figures, {...options, width: 40}).map((line) => lineText(line));
		expect(lines[0]).toBe('Concurrent, measured: makespan 3000 ms (predicted 3000 ms), CPU busy 99.7%');
		for (const row of lines.slice(1, 4)) {
			expect(row).toMatch(/^P\d {2}▃{30}$/);
			expect(row).not.toMatch(/[≈░█]/);
		}

		expect(lines[4]).toBe(`CPU ${'█'.repeat(30)}`);
	});

	it('a CPU-only job that did not run in a column is drawn ready, never blocked; an IO job that neither ran nor waited is blocked', () => {
		const run: RunResult = {
			...concurrentCpuRun(0),
			jobs: [job(1, 'c10'), job(2, 'c1,i,c1')],
			samples: [
				{
					atMs: 100,
					jobs: [
						{runMs: 0, waitMs: 0},
						{runMs: 0, waitMs: 0},
					],
				},
				{atMs: 200, jobs: [{runMs: 100, waitMs: 0}, 'done']},
			],
		};
		const lines = measuredChart(run, figures, {...options, width: 40}).map((line) => lineText(line));
		expect(lines[1]).toBe('P0  ░█');
		expect(lines[2]).toBe('P1  ≈ ');
	});

	it('at any width: a run longer than the width is summed into wider columns; every line fits', () => {
		for (const width of [20, 40, 80, 200]) {
			const lines = measuredChart(concurrentCpuRun(500), figures, {...options, width}).map((line) => lineText(line));
			for (const line of lines.slice(1)) expect([...line].length).toBeLessThanOrEqual(width);
			expect(lines[1]).toMatch(/^P0 {2}▃+$/);
		}

		expect(measuredColumns(concurrentCpuRun(500), 100).columnMs).toBe(500);
	});
});
