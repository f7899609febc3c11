import {formatFixed} from '../python-compat/format-fixed.js';
import {parsePythonFloat} from '../python-compat/python-number.js';
import {pythonFloatRepr} from '../python-compat/python-float-repr.js';
import {schedulerUsage, type SchedulerArgs} from './scheduler-args.js';
import {randomJobs, roundRobinSlices, schedule, type Job, type Policy} from './scheduler.js';

/** Jobs at most (one output line each), and round-robin trace lines at most: beyond, a clear error. */
export const maxJobs = 1_000_000;
export const maxSlices = 5_000_000;

/** Python `%d`: an int as it is, a float truncated toward zero. */
function percentD(value: number | bigint): string {
	return typeof value === 'bigint' ? value.toString() : BigInt(Math.trunc(value)).toString();
}

const percent3d = (value: number | bigint) => percentD(value).padStart(3);
const percent2f = (value: number | bigint) => formatFixed(Number(value), 2);

function lengthText(length: bigint | number): string {
	return typeof length === 'bigint' ? length.toString() : pythonFloatRepr(length);
}

/** The jobs the arguments describe, or a clear error where the reference would fail or never end. */
export function jobsOf(args: SchedulerArgs): Job[] {
	if (args.jobList === '') {
		if (args.jobs > BigInt(maxJobs)) throw schedulerUsage(`at most ${maxJobs} jobs, got ${args.jobs}`);
		if (!Number.isFinite(Number(args.maxlen))) throw schedulerUsage(`--maxlen is too large: ${args.maxlen}`);
		return randomJobs(args.seed, Math.max(0, Number(args.jobs)), args.maxlen);
	}

	const items = args.jobList.split(',');
	if (items.length > maxJobs) throw schedulerUsage(`at most ${maxJobs} jobs, got ${items.length}`);
	return items.map((item, job) => {
		const length = parsePythonFloat(item);
		if (length === undefined || !Number.isFinite(length))
			throw schedulerUsage(`job ${job} of --jlist: '${item}' is not a finite number`);
		return {job, length};
	});
}

/**
 * scheduler.py's whole output, line by line (a generator: a long trace is never held at once). Throws a
 * SocktuiError, before any output, for a run the reference cannot finish: no jobs to average, or a round
 * robin that never ends (quantum <= 0) or would print more than `maxSlices` lines.
 */
export function* schedulerOutput(args: SchedulerArgs): Generator<string> {
	const jobs = jobsOf(args);
	const known = args.policy === 'FIFO' || args.policy === 'SJF' || args.policy === 'RR';
	const quantum = Number(args.quantum);
	if (args.solve && known) {
		if (jobs.length === 0) throw schedulerUsage('no jobs to schedule (the averages would divide by zero)');
		if (args.policy === 'RR') {
			if (jobs.some((job) => Number(job.length) > quantum) && quantum <= 0)
				throw schedulerUsage(`--quantum must be at least 1 for RR, got ${args.quantum} (it would never end)`);
			const slices = roundRobinSlices(jobs, quantum);
			if (slices > maxSlices)
				throw schedulerUsage(`this round robin takes ${slices} time slices; at most ${maxSlices} are printed`);
		}
	}

	yield `ARG policy ${args.policy}`;
	if (args.jobList === '') {
		yield `ARG jobs ${args.jobs}`;
		yield `ARG maxlen ${args.maxlen}`;
		yield `ARG seed ${args.seed}`;
	} else {
		yield `ARG jlist ${args.jobList}`;
	}

	yield '';
	yield 'Here is the job list, with the run time of each job: ';
	for (const {job, length} of jobs) yield `  Job ${job} ( length = ${lengthText(length)} )`;
	yield '';
	yield '';
	if (!args.solve) {
		yield 'Compute the turnaround time, response time, and wait time for each job.';
		yield 'When you are done, run this program again, with the same arguments,';
		yield 'but with -c, which will thus provide you with the answers. You can use';
		yield '-s <somenumber> or your own job list (-l 10,15,20 for example)';
		yield 'to generate different problems for yourself.';
		yield '';
		return;
	}

	yield '** Solutions **';
	yield '';
	if (!known) {
		yield `Error: Policy ${args.policy} is not available.`;
		return;
	}

	const result = schedule(jobs, args.policy as Policy, quantum);
	yield 'Execution trace:';
	for (const slice of result.slices) {
		const done = slice.done ? ` ( DONE at ${percent2f(slice.end)} )` : '';
		yield result.policy === 'RR'
			? `  [ time ${percent3d(slice.start)} ] Run job ${percent3d(slice.job)} for ${percent2f(slice.ran)} secs${done}`
			: `  [ time ${percent3d(slice.start)} ] Run job ${slice.job} for ${percent2f(slice.ran)} secs${done}`;
	}

	yield '';
	yield 'Final statistics:';
	for (const time of result.times)
		yield `  Job ${percent3d(time.job)} -- Response: ${percent2f(time.response)}  Turnaround ${percent2f(time.turnaround)}  Wait ${percent2f(time.wait)}`;
	yield '';
	const {average} = result;
	yield `  Average -- Response: ${percent2f(average.response)}  Turnaround ${percent2f(average.turnaround)}  Wait ${percent2f(average.wait)}`;
	yield '';
}
