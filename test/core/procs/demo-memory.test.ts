import {describe, expect, it} from 'vitest';
import {demoMemory} from '../../../source/core/procs/demo-memory.js';
import type {ProcessLaneSnapshot, TimelineSnapshot} from '../../../source/core/procs/types.js';
import {fullCapabilities} from './fake-source.js';

function lane(
	pid: number,
	rssBytes: number | undefined,
	extra: Partial<ProcessLaneSnapshot> = {},
	pssBytes?: number,
): ProcessLaneSnapshot {
	const empty = new Uint8Array(0);
	return {
		pid,
		label: 'p',
		kind: 'process',
		cells: empty,
		ran: empty,
		phases: empty,
		exited: false,
		latest: {
			cell: 'sleeping',
			...(rssBytes === undefined ? {} : {rssBytes}),
			...(pssBytes === undefined ? {} : {pssBytes}),
		},
		...extra,
	};
}

function snapshotOf(processes: ProcessLaneSnapshot[]): TimelineSnapshot {
	return {tick: 1, columns: 0, intervalMs: 100, paused: false, capabilities: fullCapabilities, processes, cores: []};
}

describe('demoMemory', () => {
	it('sums the RSS of the live demo processes only, to three significant digits', () => {
		const snapshot = snapshotOf([
			lane(1, 50_123_456),
			lane(2, 40_000_000),
			lane(3, 10_000_000, {exited: true}),
			lane(4, 99_000_000, {kind: 'thread', parentPid: 9}),
			lane(9, 70_000_000),
			lane(5, undefined),
		]);
		expect(demoMemory(snapshot, (pid) => pid !== 9)).toMatchObject({rssBytes: 90_100_000, processes: 2});
	});

	it('totals by PSS, says how much an RSS sum counts twice (shared), and lists each process', () => {
		const snapshot = snapshotOf([lane(1, 80_000_000, {}, 30_000_000), lane(2, 60_000_000, {}, 20_000_000)]);
		expect(demoMemory(snapshot, () => true)).toEqual({
			rssBytes: 140_000_000,
			pssBytes: 50_000_000,
			sharedBytes: 90_000_000,
			processes: 2,
			pssMissing: 0,
			each: [
				{pid: 1, rssBytes: 80_000_000, pssBytes: 30_000_000},
				{pid: 2, rssBytes: 60_000_000, pssBytes: 20_000_000},
			],
		});
	});

	it('where PSS is unreadable, that process counts with its RSS and says so', () => {
		const snapshot = snapshotOf([lane(1, 80_000_000, {}, 30_000_000), lane(2, 60_000_000)]);
		expect(demoMemory(snapshot, () => true)).toMatchObject({
			pssBytes: 90_000_000,
			pssMissing: 1,
			sharedBytes: 50_000_000,
		});
	});

	it('is undefined until one of them is measured', () => {
		expect(demoMemory(snapshotOf([lane(1, undefined)]), () => true)).toBeUndefined();
	});
});
