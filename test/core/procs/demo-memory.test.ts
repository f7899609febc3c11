import {describe, expect, it} from 'vitest';
import {demoMemory} from '../../../source/core/procs/demo-memory.js';
import type {ProcessLaneSnapshot, TimelineSnapshot} from '../../../source/core/procs/types.js';
import {fullCapabilities} from './fake-source.js';

function lane(
	pid: number,
	rssBytes: number | undefined,
	extra: Partial<ProcessLaneSnapshot> = {},
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
		latest: {cell: 'sleeping', ...(rssBytes === undefined ? {} : {rssBytes})},
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
		expect(demoMemory(snapshot, (pid) => pid !== 9)).toEqual({rssBytes: 90_100_000, processes: 2});
	});

	it('is undefined until one of them is measured', () => {
		expect(demoMemory(snapshotOf([lane(1, undefined)]), () => true)).toBeUndefined();
	});
});
