import {createPythonRandom} from '../python-compat/mt19937.js';

/**
 * OSTEP's scheduler.py, as plain data: FIFO, SJF (a stable sort by run time, then FIFO) and round robin
 * over CPU-only jobs, with each job's response, turnaround and wait times. The arithmetic is the
 * reference's: random job lengths are Python ints (bigint here, summed exactly in the FIFO trace), listed
 * ones floats, and every statistic is a float sum in the reference's order.
 */

export type Policy = 'FIFO' | 'SJF' | 'RR';

export interface Job {
	job: number;
	/** Python int (random jobs) or float (listed jobs). */
	length: bigint | number;
}

/** One line of the execution trace: job `job` ran `ran` from `start`; `done` when it finished then. */
export interface Slice {
	job: number;
	start: number | bigint;
	ran: number | bigint;
	/** start + ran, added as the reference adds them. */
	end: number | bigint;
	done: boolean;
}

export interface JobTimes {
	job: number;
	response: number;
	turnaround: number;
	wait: number;
}

export interface Schedule {
	/** The policy actually run (SJF runs as FIFO over the sorted jobs). */
	policy: Policy;
	slices: Slice[];
	/** FIFO/SJF: in run order; RR: in job order (as the reference prints them). */
	times: JobTimes[];
	average: {response: number; turnaround: number; wait: number};
}

/** Jobs as the reference draws them: length = int(maxlen * random()) + 1, seeded like random.seed(seed). */
export function randomJobs(seed: bigint, count: number, maxlen: bigint): Job[] {
	const random = createPythonRandom(seed);
	const scale = Number(maxlen);
	return Array.from({length: count}, (_, job) => ({
		job,
		length: BigInt(Math.trunc(scale * random.random())) + 1n,
	}));
}

/** Slices a round-robin run takes (each is one trace line), to bound a run before it starts. */
export function roundRobinSlices(jobs: readonly Job[], quantum: number): number {
	let slices = 0;
	for (const {length} of jobs) {
		const runtime = Number(length);
		slices += runtime > quantum ? Math.ceil(runtime / quantum) : 1;
	}

	return slices;
}

export function schedule(jobs: readonly Job[], policy: Policy, quantum: number): Schedule {
	if (policy === 'RR') return roundRobin(jobs, quantum);
	// Array.prototype.sort is stable, as Python's sorted() is.
	const order = policy === 'SJF' ? [...jobs].sort((a, b) => compareLengths(a.length, b.length)) : [...jobs];
	return fifo(order);
}

function compareLengths(a: bigint | number, b: bigint | number): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

function fifo(jobs: readonly Job[]): Schedule {
	const slices: Slice[] = [];
	// The reference's trace clock starts as the int 0: it stays an exact int for int lengths.
	let clock: number | bigint = 0n;
	for (const {job, length} of jobs) {
		const end: number | bigint =
			typeof clock === 'bigint' && typeof length === 'bigint' ? clock + length : Number(clock) + Number(length);
		slices.push({job, start: clock, ran: length, end, done: true});
		clock = end;
	}

	const times: JobTimes[] = [];
	let t = 0;
	for (const {job, length} of jobs) {
		times.push({job, response: t, turnaround: t + Number(length), wait: t});
		t += Number(length);
	}

	return {policy: 'FIFO', slices, times, average: averages(times)};
}

function roundRobin(jobs: readonly Job[], quantum: number): Schedule {
	const count = jobs.length;
	const lastRan = new Array<number>(count).fill(0);
	const wait = new Array<number>(count).fill(0);
	const turnaround = new Array<number>(count).fill(0);
	// -1 means "never ran", compared by value exactly as the reference does.
	const response = new Array<number>(count).fill(-1);
	const queue: Array<{job: number; runtime: number}> = jobs.map(({job, length}) => ({job, runtime: Number(length)}));
	const slices: Slice[] = [];
	let head = 0;
	let left = count;
	let clock = 0;
	while (left > 0) {
		const {job, runtime} = queue[head++]!;
		if (response[job] === -1) response[job] = clock;
		wait[job]! += clock - lastRan[job]!;
		let ran: number;
		if (runtime > quantum) {
			ran = quantum;
			slices.push({job, start: clock, ran, end: clock + ran, done: false});
			queue.push({job, runtime: runtime - quantum});
		} else {
			ran = runtime;
			slices.push({job, start: clock, ran, end: clock + ran, done: true});
			turnaround[job] = clock + ran;
			left -= 1;
		}

		clock += ran;
		lastRan[job] = clock;
		// Keep the queue's memory bounded by the jobs, not the slices.
		if (head > 1024 && head * 2 > queue.length) {
			queue.splice(0, head);
			head = 0;
		}
	}

	const times = jobs.map((_, index) => ({
		job: index,
		response: response[index]!,
		turnaround: turnaround[index]!,
		wait: wait[index]!,
	}));
	return {policy: 'RR', slices, times, average: averages(times)};
}

function averages(times: readonly JobTimes[]): Schedule['average'] {
	let response = 0;
	let turnaround = 0;
	let wait = 0;
	for (const time of times) {
		turnaround += time.turnaround;
		response += time.response;
		wait += time.wait;
	}

	const count = times.length;
	return {response: response / count, turnaround: turnaround / count, wait: wait / count};
}
