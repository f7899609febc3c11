import {describe, expect, it} from 'vitest';
import {pythonFloatRepr} from '../../../../source/core/ostep/python-compat/python-float-repr.js';
import {randomJobs, schedule} from '../../../../source/core/ostep/scheduler/scheduler.js';

describe('pythonFloatRepr (Python str(float))', () => {
	it.each([
		[3, '3.0'],
		[2.5, '2.5'],
		[1e-5, '1e-05'],
		[0.0001, '0.0001'],
		[1e16, '1e+16'],
		[1e15, '1000000000000000.0'],
		[0.1 + 0.2, '0.30000000000000004'],
		[1_234_567_890_123_456 + 0.75, '1234567890123456.8'],
		[1.7976931348623157e308, '1.7976931348623157e+308'],
		[5e-324, '5e-324'],
		[-2.5, '-2.5'],
		[-0, '-0.0'],
	])('%d -> %s', (value, text) => {
		expect(pythonFloatRepr(value)).toBe(text);
	});
});

describe('schedule', () => {
	const jobs = [10, 10, 10].map((length, job) => ({job, length}));

	it('FIFO: each job runs to the end before the next; response = wait = start', () => {
		const result = schedule(jobs, 'FIFO', 1);
		expect(result.times).toEqual([
			{job: 0, response: 0, turnaround: 10, wait: 0},
			{job: 1, response: 10, turnaround: 20, wait: 10},
			{job: 2, response: 20, turnaround: 30, wait: 20},
		]);
		expect(result.average).toEqual({response: 10, turnaround: 20, wait: 10});
	});

	it('RR: better response, worse turnaround than FIFO on equal CPU-only jobs (the time-slice lesson)', () => {
		const result = schedule(jobs, 'RR', 1);
		expect(result.average.response).toBe(1);
		expect(result.times.map((time) => time.turnaround)).toEqual([28, 29, 30]);
		expect(result.average.turnaround).toBeGreaterThan(schedule(jobs, 'FIFO', 1).average.turnaround);
		expect(result.slices).toHaveLength(30);
		expect(result.slices.filter((slice) => slice.done).map((slice) => slice.job)).toEqual([0, 1, 2]);
	});

	it('SJF: a stable sort by length, then FIFO', () => {
		const result = schedule(
			[3, 1, 3, 1].map((length, job) => ({job, length})),
			'SJF',
			1,
		);
		expect(result.policy).toBe('FIFO');
		expect(result.slices.map((slice) => slice.job)).toEqual([1, 3, 0, 2]);
	});

	it('random jobs are the reference draws for a seed (ints, exact)', () => {
		expect(randomJobs(100n, 3, 10n)).toEqual([
			{job: 0, length: 2n},
			{job: 1, length: 5n},
			{job: 2, length: 8n},
		]);
	});
});
