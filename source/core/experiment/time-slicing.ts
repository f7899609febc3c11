import {schedule} from '../ostep/scheduler/scheduler.js';

/**
 * FIFO and round robin over CPU-only jobs, by `socktui sched`'s core (OSTEP's scheduler.py): job lengths
 * and the quantum in ms; each job's finish time, in job order.
 */
export function fifoFinishTimes(lengthsMs: readonly number[]): number[] {
	return finishTimes(lengthsMs, 'FIFO', 1);
}

/** Round robin with a `quantumMs` slice (> 0). */
export function roundRobinFinishTimes(lengthsMs: readonly number[], quantumMs: number): number[] {
	if (!(quantumMs > 0)) throw new RangeError('the quantum must be more than 0');
	return finishTimes(lengthsMs, 'RR', quantumMs);
}

function finishTimes(lengthsMs: readonly number[], policy: 'FIFO' | 'RR', quantumMs: number): number[] {
	const result = schedule(
		lengthsMs.map((length, job) => ({job, length})),
		policy,
		quantumMs,
	);
	const finish = lengthsMs.map(() => 0);
	for (const time of result.times) finish[time.job] = time.turnaround;
	return finish;
}
