import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {iterateRun, runToEnd} from '../../../../source/core/ostep/process-run/run.js';
import {initialState, isFinished, step, type SimState} from '../../../../source/core/ostep/process-run/simulator.js';
import {formatRow} from '../../../../source/core/ostep/process-run/trace-format.js';
import {
	referenceConfig,
	type Instruction,
	type SimConfig,
	type Workload,
} from '../../../../source/core/ostep/process-run/types.js';
import {buildFromProgram} from '../../../../source/core/ostep/process-run/workload.js';

const maxCells = 1_000_000;

const instructionsArb = fc
	.array(
		fc.oneof(
			fc.integer({min: 0, max: 4}).map((n): Instruction[] => Array.from({length: n}, () => 'cpu')),
			fc.constant<Instruction[]>(['io', 'io_done']),
		),
		{maxLength: 5},
	)
	.map((parts) => parts.flat());
const workloadArb = fc.array(instructionsArb, {minLength: 1, maxLength: 6}).map((processes): Workload => ({processes}));
const configArb = fc.record<SimConfig>({
	switchPolicy: fc.constantFrom('SWITCH_ON_IO', 'SWITCH_ON_END'),
	ioDonePolicy: fc.constantFrom('IO_RUN_LATER', 'IO_RUN_IMMEDIATE'),
	ioLength: fc.integer({min: 0, max: 7}),
	quantum: fc.constantFrom(0, 0, 1, 2, 3),
	switchCost: fc.constantFrom(0, 0, 1, 2),
});

function allStates(workload: Workload, config: SimConfig): SimState[] {
	return [initialState(workload, config), ...iterateRun(workload, config, maxCells)];
}

describe('step is a pure function', () => {
	it('never mutates its argument and is deterministic', () => {
		fc.assert(
			fc.property(workloadArb, configArb, (workload, config) => {
				let state = initialState(workload, config);
				while (!isFinished(state)) {
					const before = JSON.stringify(state);
					const next = step(state);
					expect(JSON.stringify(state)).toBe(before);
					expect(step(state)).toEqual(next);
					state = next;
				}
				expect(step(state)).toBe(state);
			}),
			{numRuns: 150},
		);
	});

	it('lets a player step back by keeping old states', () => {
		const states = allStates(buildFromProgram('c3,i,c2:c4'), referenceConfig);
		const rowsForward = states.slice(1).map((state) => formatRow(state.row!));
		// Re-stepping any kept state reproduces the same future.
		const replay = allStates(buildFromProgram('c3,i,c2:c4'), referenceConfig)
			.slice(1)
			.map((state) => formatRow(state.row!));
		expect(replay).toEqual(rowsForward);
		expect(formatRow(step(states[3]!).row!)).toBe(rowsForward[3]);
	});
});

describe('simulator invariants (property tests)', () => {
	it('runs at most one process per tick, and at most one is RUNNING', () => {
		fc.assert(
			fc.property(workloadArb, configArb, (workload, config) => {
				// Checked in plain code and asserted once per run (four expects per tick were most of this test's
				// time, slow on a busy machine): the rows that break a rule, with the rule.
				const broken: string[] = [];
				for (const state of iterateRun(workload, config, maxCells)) {
					const row = state.row!;
					const executing = row.cells.filter((cell) => cell.instruction !== undefined).length;
					const running = row.cells.filter((cell) => cell.state === 'RUNNING').length;
					const rules: Array<[string, boolean]> = [
						['at most one executes', executing <= 1],
						['at most one is RUNNING', running <= 1],
						['the CPU is busy when one executes', (executing === 1) === (row.cpu === 'busy')],
						[
							'ran names the executing one',
							row.ran === -1 ? executing === 0 : row.cells[row.ran]!.instruction !== undefined,
						],
					];
					for (const [rule, holds] of rules) if (!holds) broken.push(`${rule}: ${formatRow(row)}`);
				}

				expect(broken).toEqual([]);
			}),
			{numRuns: 300},
		);
	});

	it('CPU busy + switching + idle = total, and every instruction runs exactly once, in order', () => {
		fc.assert(
			fc.property(workloadArb, configArb, (workload, config) => {
				const rows = allStates(workload, config)
					.slice(1)
					.map((state) => state.row!);
				const final = runToEnd(workload, config, {maxCells});
				const busy = rows.filter((row) => row.cpu === 'busy').length;
				const idle = rows.filter((row) => row.cpu === 'idle').length;
				const switching = rows.filter((row) => row.cpu === 'switch').length;
				expect(busy + idle + switching).toBe(final.t);
				expect(busy).toBe(final.cpuBusy);
				expect(switching).toBe(final.switchTicks);
				if (config.switchCost === 0) expect(switching).toBe(0);
				expect(final.ioBusy).toBe(rows.filter((row) => row.ios > 0).length);
				workload.processes.forEach((code, pid) => {
					const executed = rows.flatMap((row) => (row.ran === pid ? [row.cells[pid]!.instruction!] : []));
					expect(executed).toEqual(code);
				});
			}),
			{numRuns: 300},
		);
	});

	it('serial (SWITCH_ON_END) never finishes before multiprogrammed (SWITCH_ON_IO) without switch cost', () => {
		fc.assert(
			fc.property(workloadArb, configArb, (workload, config) => {
				const base = {...config, quantum: 0, switchCost: 0};
				const serial = runToEnd(workload, {...base, switchPolicy: 'SWITCH_ON_END'}, {maxCells});
				const multiprogrammed = runToEnd(workload, {...base, switchPolicy: 'SWITCH_ON_IO'}, {maxCells});
				expect(serial.t).toBeGreaterThanOrEqual(multiprogrammed.t);
			}),
			{numRuns: 300},
		);
	});

	it('without extensions, a serial run takes every instruction plus L idle ticks per IO', () => {
		fc.assert(
			fc.property(workloadArb, fc.integer({min: 0, max: 7}), (workload, ioLength) => {
				const config = {...referenceConfig, switchPolicy: 'SWITCH_ON_END' as const, ioLength};
				const instructions = workload.processes.flat().length;
				const ios = workload.processes.flat().filter((instruction) => instruction === 'io').length;
				const empty = workload.processes.filter((code) => code.length === 0).length;
				expect(runToEnd(workload, config, {maxCells}).t).toBe(instructions + ios * ioLength + empty);
			}),
			{numRuns: 200},
		);
	});
});

describe('extensions', () => {
	it('round robin preempts a CPU hog after the quantum when another process is READY', () => {
		const rows = allStates(buildFromProgram('c4:c4'), {...referenceConfig, quantum: 2})
			.slice(1)
			.map((state) => state.row!);
		expect(rows.map((row) => row.ran)).toEqual([0, 0, 1, 1, 0, 0, 1, 1]);
		expect(rows[1]!.preempted).toBe(0);
	});

	it('a switch cost idles the CPU between different processes, not for the first dispatch', () => {
		const rows = allStates(buildFromProgram('c1:c1'), {...referenceConfig, switchCost: 2})
			.slice(1)
			.map((state) => state.row!);
		expect(rows.map((row) => row.cpu)).toEqual(['busy', 'switch', 'switch', 'busy']);
		expect(formatRow(rows[1]!).trimEnd()).toBe('  2           DONE        SWITCH            cs');
	});
});
