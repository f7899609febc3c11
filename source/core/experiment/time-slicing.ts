/**
 * FIFO and round robin over CPU-only jobs, as OSTEP's scheduler.py runs them (a queue in job order; the
 * head runs one quantum and goes to the back, or runs to its end). Job lengths and the quantum in ms;
 * returns each job's finish time. This is the one place the experiment asks for a time-slicing
 * prediction: when `socktui sched`'s pure API lands, this delegates to it.
 */
export function fifoFinishTimes(lengthsMs: readonly number[]): number[] {
	let now = 0;
	return lengthsMs.map((length) => (now += length));
}

/** Round robin with a `quantumMs` slice (> 0); bounded: at most sum/quantum + jobs steps. */
export function roundRobinFinishTimes(lengthsMs: readonly number[], quantumMs: number): number[] {
	if (!(quantumMs > 0)) throw new RangeError('the quantum must be more than 0');
	const remaining = [...lengthsMs];
	const finish = lengthsMs.map(() => 0);
	const queue = lengthsMs.map((_, index) => index);
	let now = 0;
	while (queue.length > 0) {
		const job = queue.shift()!;
		if (remaining[job]! > quantumMs) {
			remaining[job]! -= quantumMs;
			now += quantumMs;
			queue.push(job);
		} else {
			now += remaining[job]!;
			remaining[job] = 0;
			finish[job] = now;
		}
	}

	return finish;
}
