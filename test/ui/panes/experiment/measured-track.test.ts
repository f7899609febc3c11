import {describe, expect, it} from 'vitest';
import type {RunResult} from '../../../../source/core/experiment/types.js';
import {measuredTrack} from '../../../../source/ui/panes/experiment/measured-track.js';
import {buildRunChart, lineText} from '../../../../source/ui/panes/sim/sim-chart.js';

const job = {
	program: 'c1,i',
	startMs: 0,
	endMs: 0,
	turnaroundMs: 0,
	cpuMs: 0,
	runnableMs: 0,
	blockedMs: 0,
	voluntarySwitches: 0,
	involuntarySwitches: 0,
	runMs: 0,
};

// Two jobs sampled every 100 ms: P0 runs, then waits for its IO while P1 (not started) waits its turn, ...
const run: RunResult = {
	kind: 'serial',
	makespanMs: 400,
	cpuBusyPct: 50,
	pinnedCpu: 1,
	jobs: [
		{...job, pid: 10},
		{...job, pid: 11},
	],
	sampleMs: 100,
	samples: [
		{atMs: 100, jobs: [{runMs: 95, waitMs: 2}, 'not-started']},
		{atMs: 200, jobs: [{runMs: 3, waitMs: 0}, 'not-started']},
		{atMs: 300, jobs: ['done', {runMs: 40, waitMs: 55}]},
		{atMs: 400, jobs: ['done', {runMs: 5, waitMs: 60}]},
	],
};

describe('a measured run as a sim track', () => {
	it('classifies each sampled tick: ran, blocked, ready (or waiting its turn), done', () => {
		const track = measuredTrack(run);
		expect(track.title).toBe('Serial, measured');
		const rows = track.states.slice(1).map((state) => state.row!);
		expect(rows.map((row) => row.cells.map((cell) => cell.state))).toEqual([
			['RUNNING', 'READY'],
			['BLOCKED', 'READY'],
			['DONE', 'RUNNING'],
			['DONE', 'READY'],
		]);
		expect(rows.map((row) => row.ran)).toEqual([0, -1, 1, -1]);
		expect(rows.map((row) => row.ios)).toEqual([0, 1, 0, 0]);
	});

	it('is drawn by the sim chart code: lanes, CPU and IO, stats and legend', () => {
		const lines = buildRunChart([measuredTrack(run)], {width: 60, color: false, ascii: true}).map((line) =>
			lineText(line).trimEnd(),
		);
		expect(lines).toContain('Serial, measured: t 4/4  CPU busy 50.0%  IO busy 25.0%');
		expect(lines).toContain('P0  #~..');
		expect(lines).toContain('P1  --#-');
		expect(lines).toContain('CPU 0 1');
		expect(lines).toContain('IO   1');
		expect(lines.at(-1)).toMatch(/IO: IOs in flight|IO done/);
	});
});
