/** How a job's `i` waits: a request to the echo server held for the IO length, or a plain timed sleep. */
export type IoKind = 'echo' | 'sleep';

/**
 * How the kernel schedules the jobs: `normal` (the fair scheduler, time slices) or `fifo` (real-time
 * SCHED_FIFO: a job keeps the CPU until it blocks or ends, as in the simulator).
 */
export type JobPolicy = 'normal' | 'fifo';

/** One job: a program in `sim -P` syntax (one process of it), run by its own child process. */
export interface JobSpec {
	/** The program's text as given, e.g. `c2,i,c2`. */
	readonly program: string;
}

import type {CpuDisturbance} from '../procs/cpu-disturbance.js';

/** What the runner is asked to do. */
export interface ExperimentPlan {
	readonly jobs: readonly JobSpec[];
	/** Milliseconds of real CPU work per `c` tick (and per IO start and IO done, as in `sim`). */
	readonly tickMs: number;
	/** How long one `i` waits, in milliseconds. */
	readonly ioMs: number;
	readonly ioKind: IoKind;
	readonly policy: JobPolicy;
	readonly serial: boolean;
	readonly concurrent: boolean;
}

/** The /proc figures of one job over its run, from `go` to `done`. */
export interface JobResult {
	pid: number;
	program: string;
	/**
	 * Milliseconds after the run started: the run starts when its first job is told to go (the parent's
	 * clock when it told the job to go / heard it was done).
	 */
	startMs: number;
	endMs: number;
	turnaroundMs: number;
	/** utime + stime from /proc/<pid>/stat (all threads). */
	cpuMs: number;
	/** Runnable but not running: the main thread's wait time from /proc/<pid>/schedstat. */
	runnableMs: number;
	/** turnaround - cpu - runnable (never below 0): the job waited for its IO. */
	blockedMs: number;
	/** The job gave up the CPU: it started an IO or waited (/proc/<pid>/status, main thread). */
	voluntarySwitches: number;
	/** The kernel took the CPU away: the job held it too long (its slice ran out). */
	involuntarySwitches: number;
	/** Running time of the main thread from schedstat (finer than utime + stime). */
	runMs: number;
}

/** One column of the measured chart: what each job did in one sampling interval. */
export interface RunSample {
	/** Milliseconds after the run started, at the end of the interval. */
	atMs: number;
	/** Per job (in job order): CPU and run-queue milliseconds in the interval, or 'waiting' / 'done'. */
	jobs: ReadonlyArray<{runMs: number; waitMs: number} | 'not-started' | 'done'>;
}

export interface RunResult {
	kind: 'serial' | 'concurrent';
	makespanMs: number;
	/** Sum of the jobs' CPU time over the makespan, in percent. */
	cpuBusyPct: number;
	/** The CPU every job was pinned to, or null when they ran unpinned. */
	pinnedCpu: number | null;
	jobs: JobResult[];
	/**
	 * What processes outside the demo took on the jobs' CPU (every CPU when unpinned) over this run, the
	 * jobs' own CPU time subtracted; null when /proc/stat could not be read (the load is unknown).
	 */
	disturbance: CpuDisturbance | null;
	/** One sample per tick of the run, for the chart. */
	samples: RunSample[];
	sampleMs: number;
}
