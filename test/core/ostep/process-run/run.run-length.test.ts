import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {checkRunLength, iterateRun, runTickBounds, runToEnd} from '../../../../source/core/ostep/process-run/run.js';
import type {Instruction, SimConfig, Workload} from '../../../../source/core/ostep/process-run/types.js';

const instructionsArb = fc
	.array(
		fc.oneof(
			fc.integer({min: 0, max: 4}).map((n): Instruction[] => Array.from({length: n}, () => 'cpu')),
			fc.constant<Instruction[]>(['io', 'io_done']),
		),
		{maxLength: 6},
	)
	.map((parts) => parts.flat());
const workloadArb = fc.array(instructionsArb, {minLength: 1, maxLength: 6}).map((processes): Workload => ({processes}));
const configArb = fc.record<SimConfig>({
	switchPolicy: fc.constantFrom('SWITCH_ON_IO', 'SWITCH_ON_END'),
	ioDonePolicy: fc.constantFrom('IO_RUN_LATER', 'IO_RUN_IMMEDIATE'),
	ioLength: fc.integer({min: 0, max: 9}),
	quantum: fc.constantFrom(0, 0, 1, 2, 3),
	switchCost: fc.constantFrom(0, 0, 1, 2),
});

function outcome(run: () => void): string {
	try {
		run();
		return 'ok';
	} catch (error: unknown) {
		return (error as Error).message;
	}
}

describe('run length is known before a trace is printed', () => {
	it('the bounds hold for every run', () => {
		fc.assert(
			fc.property(workloadArb, configArb, (workload, config) => {
				const ticks = runToEnd(workload, config, {maxCells: 10_000_000}).t;
				const {least, most} = runTickBounds(workload, config);
				expect(least).toBeLessThanOrEqual(ticks);
				expect(ticks).toBeLessThanOrEqual(most);
			}),
			{numRuns: 3000},
		);
	});

	it('checkRunLength fails exactly when the run would, with the same message', () => {
		fc.assert(
			fc.property(workloadArb, configArb, fc.integer({min: 1, max: 400}), (workload, config, maxCells) => {
				const up = outcome(() => checkRunLength(workload, config, maxCells));
				const streamed = outcome(() => {
					for (const _state of iterateRun(workload, config, maxCells));
				});
				expect(up).toBe(streamed);
			}),
			{numRuns: 3000},
		);
	});

	it('says "process" for one process', () => {
		const workload: Workload = {processes: [['io', 'io_done']]};
		expect(() =>
			checkRunLength(
				workload,
				{switchPolicy: 'SWITCH_ON_IO', ioDonePolicy: 'IO_RUN_LATER', ioLength: 100, quantum: 0, switchCost: 0},
				50,
			),
		).toThrow('sim: the run is longer than 50 ticks for 1 process; use fewer instructions or a shorter -L');
	});
});
