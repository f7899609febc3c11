import {describe, expect, it} from 'vitest';
import {lineText} from '../../../../source/ui/segments.js';
import {buildSchedLines} from '../../../../source/ui/panes/sched/sched-chart.js';
import {initialSchedView, reduceSchedView} from '../../../../source/ui/panes/sched/sched-view.js';
import {nextTimelineView} from '../../../../source/ui/state/ui-state.js';

const options = {width: 60, height: 20, ascii: false, color: false};

describe('scheduler view', () => {
	it('FIFO and RR on the same jobs, one row per job on one time scale, with the averages of socktui sched', () => {
		const lines = buildSchedLines(initialSchedView(), options).map((line) => lineText(line));
		expect(lines[0]).toBe('scheduler.py: equal jobs (10, 10, 10), 30 time units');
		expect(lines).toContain('  avg response 10.0  turnaround 20.0  wait 10.0');
		expect(lines).toContain('  avg response 1.0  turnaround 29.0  wait 19.0');
		for (const line of lines) expect([...line].length).toBeLessThanOrEqual(60);
		// FIFO: J0 runs first, J2 waits until two thirds of the way.
		const fifoJ2 = lines[4]!;
		expect(fifoJ2.startsWith('J2 ░')).toBe(true);
		expect(fifoJ2.indexOf('█')).toBeGreaterThan(30);
		// RR with quantum 1: every job runs within the first few columns, in two shades (the slices).
		const rrJ1 = lines.find((line, index) => index > 6 && line.startsWith('J1'))!;
		expect(rrJ1.indexOf('█')).toBeLessThan(6);
		expect(rrJ1).toContain('▓');
	});

	it('keys: next job set, quantum steps within bounds, FIFO <-> SJF', () => {
		let state = initialSchedView();
		state = reduceSchedView(state, {type: 'sched-quantum', direction: -1});
		expect(state.quantum).toBe(1);
		for (let index = 0; index < 10; index++) state = reduceSchedView(state, {type: 'sched-quantum', direction: 1});
		expect(state.quantum).toBe(20);
		state = reduceSchedView(state, {type: 'sched-next-preset'});
		state = reduceSchedView(state, {type: 'sched-toggle-left'});
		const lines = buildSchedLines(state, options).map((line) => lineText(line));
		expect(lines[0]).toContain('long job first (30, 5, 5)');
		expect(lines[1]).toBe('SJF: shortest job first, each to its end');
		// SJF runs the two short jobs first: J1 starts at once.
		expect(lines[3]!.startsWith('J1 █')).toBe(true);
	});

	it('fits any size, down to nothing', () => {
		for (const [width, height] of [
			[20, 5],
			[38, 9],
			[0, 0],
		] as const) {
			const lines = buildSchedLines(initialSchedView(), {...options, width, height});
			expect(lines.length).toBeLessThanOrEqual(height);
			for (const line of lines) expect([...lineText(line)].length).toBeLessThanOrEqual(width);
		}
	});
});

describe('v walks the views this dashboard has', () => {
	it('live, simulator, scheduler, and round again; without a scheduler, live and simulator', () => {
		const all = ['live', 'sim', 'sched'] as const;
		expect(nextTimelineView('live', all)).toBe('sim');
		expect(nextTimelineView('sim', all)).toBe('sched');
		expect(nextTimelineView('sched', all)).toBe('live');
		expect(nextTimelineView('sim', ['live', 'sim'])).toBe('live');
	});
});
