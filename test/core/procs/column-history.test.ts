import {describe, expect, it} from 'vitest';
import {ColumnHistory, exitedColumn, type ProcessColumn} from '../../../source/core/procs/column-history.js';
import {cellKinds, coreUnknown, type CellKind} from '../../../source/core/procs/types.js';

/**
 * Cells recorded by the live sampler test (two CPU burners pinned to one core, 100 ms ticks, a busy machine):
 * the last ten columns of each lane.
 */
const recorded: Record<string, CellKind[]> = {
	'burner-1': [
		'sleeping',
		'runnable',
		'runnable',
		'runnable',
		'runnable',
		'sleeping',
		'runnable',
		'runnable',
		'runnable',
		'runnable',
	],
	'burner-2': [
		'runnable',
		'runnable',
		'runnable',
		'runnable',
		'runnable',
		'sleeping',
		'runnable',
		'sleeping',
		'runnable',
		'runnable',
	],
};

const column = (cell: CellKind, more: Partial<ProcessColumn> = {}): ProcessColumn => ({
	cell,
	ran: cell === 'running' || cell === 'runnable',
	voluntary: 0,
	involuntary: 0,
	phase: 0,
	...more,
});

const names = (cells: Uint8Array) => [...cells].map((code) => cellKinds[code]);

describe('ColumnHistory', () => {
	it('keeps the last `columns` ticks per lane, oldest first, whatever the ring position', () => {
		const history = new ColumnHistory(4, 0);
		const first = history.lane();
		const second = history.lane();
		for (const [index, cell] of recorded['burner-1']!.entries()) {
			history.write(first, column(cell));
			history.write(second, column(recorded['burner-2']![index]!));
			history.advance();
		}

		expect(history.tick).toBe(10);
		expect(history.kept).toBe(4);
		expect(names(history.read(first).cells)).toEqual(recorded['burner-1']!.slice(-4));
		expect(names(history.read(second).cells)).toEqual(recorded['burner-2']!.slice(-4));
		expect([...history.read(second).ran]).toEqual([1, 0, 1, 1]);
	});

	it('reads out copies: later ticks do not change a snapshot taken before', () => {
		const history = new ColumnHistory(3, 1);
		const lane = history.lane();
		history.write(lane, column('running', {phase: 2}));
		history.writeCores({owners: [7], otherMs: [1.5], demoMs: [90], elapsedMs: 100});
		history.advance();
		const before = history.read(lane);
		const coresBefore = history.readCores();
		history.write(lane, exitedColumn);
		history.writeCores(undefined);
		history.advance();
		expect(names(before.cells)).toEqual(['running']);
		expect([...before.phases]).toEqual([2]);
		expect(coresBefore[0]).toMatchObject({cpu: 0, owners: Int32Array.from([7]), demoMs: Float32Array.from([90])});
		// An unknown tick: owner unknown, the other processes' time and the tick's length NaN.
		const after = history.readCores()[0]!;
		expect([...after.owners]).toEqual([7, coreUnknown]);
		expect(Number.isNaN(after.otherMs![1])).toBe(true);
		expect(Number.isNaN(after.elapsedMs![1])).toBe(true);
		expect(names(history.read(lane).cells)).toEqual(['running', 'exited']);
	});

	it('sums the switches of the last columns, the one being written included, fewer while young', () => {
		const history = new ColumnHistory(5, 0);
		const lane = history.lane();
		history.write(lane, column('sleeping', {voluntary: 3, involuntary: 1}));
		expect(history.recentSwitches(lane, 10)).toEqual({voluntary: 3, involuntary: 1, columns: 1});
		for (let index = 0; index < 7; index++) {
			history.advance();
			history.write(lane, column('sleeping', {voluntary: 2}));
		}

		expect(history.recentSwitches(lane, 3)).toEqual({voluntary: 6, involuntary: 0, columns: 3});
		expect(history.recentSwitches(lane, 10)).toEqual({voluntary: 10, involuntary: 0, columns: 5});
	});

	it('refuses a size that is not a positive integer', () => {
		expect(() => new ColumnHistory(0, 0)).toThrow(RangeError);
		expect(() => new ColumnHistory(2.5, 0)).toThrow(RangeError);
	});
});
