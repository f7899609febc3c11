import {describe, expect, it} from 'vitest';
import type {ProcessLaneSnapshot, ProcessLatest} from '../../../../source/core/procs/types.js';
import {laneDetailLines} from '../../../../source/ui/panes/live-timeline/lane-detail.js';
import {buildTimelineLines, lineText} from '../../../../source/ui/panes/live-timeline/timeline-lines.js';
import {sampleSnapshot} from './fixture.js';

function laneWith(latest: Partial<ProcessLatest>): ProcessLaneSnapshot {
	return {
		pid: 1,
		label: 'p',
		kind: 'process',
		cells: new Uint8Array(0),
		ran: new Uint8Array(0),
		phases: new Uint8Array(0),
		exited: false,
		latest: {cell: 'sleeping', ...latest},
	};
}

const busy = laneWith({
	rssBytes: 45_200_000,
	voluntary: 14_289,
	involuntary: 51_234,
	voluntaryRecent: 12,
	involuntaryRecent: 3,
	recentMs: 1000,
});

describe('laneDetailLines', () => {
	it('names both reasons for losing the CPU in words, with memory and totals, when there is room', () => {
		expect(laneDetailLines(busy, {width: 200, maxLines: 2, ascii: false})).toEqual([
			'RSS 45 MB · 3× preempted: time slice used up · 12× blocked: waiting for IO in 1 s · in all 51k preempted, 14k blocked',
		]);
	});

	it('shortens by its rule, never beyond the width, keeping every reason named', () => {
		for (let width = 12; width <= 130; width++) {
			const lines = laneDetailLines(busy, {width, maxLines: 2, ascii: true});
			expect(lines.length).toBeGreaterThan(0);
			expect(lines.length).toBeLessThanOrEqual(2);
			for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
			if (width >= 44) expect(lines.join(' ')).toMatch(/preempted: time slice used up.*blocked: waiting for IO/);
			if (width >= 30) expect(lines.join(' ')).toMatch(/3x preempted.*12x blocked/);
		}

		expect(laneDetailLines(busy, {width: 46, maxLines: 2, ascii: false})).toEqual([
			'RSS 45 MB · 3× preempted: time slice used up',
			'12× blocked: waiting for IO in 1 s',
		]);
	});

	it('counts the threads and children that got no lane', () => {
		const crowded = {...laneWith({rssBytes: 9e6}), hidden: {threads: 4, children: 1}};
		expect(laneDetailLines(crowded, {width: 80, maxLines: 2, ascii: false})).toEqual([
			'RSS 9.0 MB · 4 more threads, 1 more child without a lane',
		]);
	});

	it('says nothing for an exited lane; the totals alone when nothing happened in the last second', () => {
		expect(laneDetailLines({...busy, exited: true}, {width: 80, maxLines: 2, ascii: false})).toEqual([]);
		const quiet = laneWith({
			rssBytes: 2_000_000,
			voluntary: 14_289,
			involuntary: 7,
			voluntaryRecent: 0,
			involuntaryRecent: 0,
			recentMs: 1000,
		});
		expect(laneDetailLines(quiet, {width: 80, maxLines: 2, ascii: false})).toEqual([
			'RSS 2.0 MB · in all 7 preempted, 14k blocked',
		]);
		expect(laneDetailLines(quiet, {width: 37, maxLines: 2, ascii: false})).toEqual([
			'RSS 2.0 MB · 7 preempted, 14k blocked',
		]);
	});
});

describe('live lane counters', () => {
	it('a 5-digit switch count never pushes inv out of the stats column', async () => {
		const snapshot = await sampleSnapshot();
		const server = snapshot.processes[0]!;
		const big = {
			...snapshot,
			processes: [
				{
					...server,
					latest: {
						...server.latest,
						voluntary: 14_289,
						voluntaryDelta: 2,
						involuntary: 51_000,
						involuntaryDelta: 12_000,
					},
				},
			],
		};
		for (const width of [80, 90, 100, 120]) {
			const row = buildTimelineLines(big, {width, height: 20, ascii: false, color: false, focused: false})
				.map(lineText)
				.find((line) => line.startsWith('A server'))!;
			expect(row.length).toBeLessThanOrEqual(width);
			expect(row).toMatch(/vol 14k(\+2)? inv 51k(\+12k)?$/);
		}
	});
});
