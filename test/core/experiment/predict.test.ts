import {describe, expect, it} from 'vitest';
import {parseJobs} from '../../../source/core/experiment/experiment.js';
import {predict} from '../../../source/core/experiment/predict.js';
import {fifoFinishTimes, roundRobinFinishTimes} from '../../../source/core/experiment/time-slicing.js';

const slice = (ms: number) => () => ({ms, source: 'test'});

describe('the experiment prediction', () => {
	it('runs programs with IO through the sim: serial = SWITCH_ON_END, concurrent = SWITCH_ON_IO, L = io / tick', () => {
		// `socktui sim -P c2,i,c2:c2,i,c2:c2,i,c2 -L 5 --compare`: 33 ticks serial, 18 multiprogrammed.
		const predicted = predict(parseJobs(['c2,i,c2', 'c2,i,c2', 'c2,i,c2']), 100, 500, slice(1.5));
		expect(predicted.kind).toBe('sim');
		expect(predicted.ioLength).toBe(5);
		expect(predicted.serial.makespanMs).toBe(3300);
		expect(predicted.serial.jobs.map((job) => job.endMs)).toEqual([1100, 2200, 3300]);
		expect(predicted.concurrent.makespanMs).toBe(1800);
	});

	it('with the kernel slice as a quantum, the CPU phases interleave and the jobs reach their IOs together', () => {
		const predicted = predict(parseJobs(['c2,i,c2', 'c2,i,c2', 'c2,i,c2']), 100, 500, slice(1));
		// Fluid sharing: 3 jobs x 3 ticks of CPU, the 5-tick IOs side by side, 3 x 3 ticks again: about 23 ticks.
		expect(predicted.sliced!.makespanMs).toBeGreaterThan(2200);
		expect(predicted.sliced!.makespanMs).toBeLessThanOrEqual(2300);
		expect(predicted.sliced!.model).toBe('sim SWITCH_ON_IO + slice 1 ms');
	});

	it('coarsens the slice rather than simulating an endless run', () => {
		const predicted = predict(parseJobs(['c100,i', 'c100,i']), 10_000, 10_000, slice(0.001));
		expect(predicted.sliced!.makespanMs).toBeGreaterThan(0);
	});

	it('CPU-only jobs: FIFO for serial, round robin with the kernel slice for concurrent', () => {
		const predicted = predict(parseJobs(['c10', 'c10', 'c10']), 100, 500, slice(1.5));
		expect(predicted.kind).toBe('time-slicing');
		expect(predicted.serial.jobs.map((job) => job.endMs)).toEqual([1000, 2000, 3000]);
		expect(predicted.concurrent.makespanMs).toBe(3000);
		// Every job finishes near the end, later than serially (except the last, which finishes at the same time).
		for (const job of predicted.concurrent.jobs) expect(job.endMs).toBeGreaterThan(2990);
	});

	it('keeps round robin bounded for very long jobs (longer slices, and the label says so)', () => {
		const predicted = predict(parseJobs(['c500000', 'c500000']), 10_000, 0, slice(0.75));
		expect(predicted.concurrent.makespanMs).toBe(10_000_000_000);
		expect(predicted.concurrent.model).toBe('RR slice 50000 ms');
	});

	it('FIFO and RR finish times as scheduler.py computes them', () => {
		expect(fifoFinishTimes([3, 1, 2])).toEqual([3, 4, 6]);
		expect(roundRobinFinishTimes([3, 1, 2], 1)).toEqual([6, 2, 5]);
		expect(roundRobinFinishTimes([5, 5], 10)).toEqual([5, 10]);
		expect(() => roundRobinFinishTimes([1], 0)).toThrow(RangeError);
	});

	it('parses jobs with the sim parser, so a bad program fails with the words of sim -P', () => {
		expect(() => parseJobs(['c3,x'])).toThrow('sim: bad opcode x (should be c or i)');
		expect(() => parseJobs(['c1', ''])).toThrow("sim: -P: empty instruction in '' (expected cN or i)");
	});
});
