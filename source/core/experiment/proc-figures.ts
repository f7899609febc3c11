import {readFileSync} from 'node:fs';
import {clockTicksPerSecond} from '../procs/clock-ticks.js';
import {parseProcStat} from '../procs/proc-stat.js';
import {parseContextSwitches} from '../procs/proc-status.js';
import {parseSchedstat} from '../procs/schedstat.js';

/** A process's counters at one moment, from /proc/<pid>/stat, status and schedstat. */
export interface ProcFigures {
	/** utime + stime, all threads. */
	cpuMs: number;
	/** The main thread's time on a CPU and waiting on a run queue (schedstat). */
	runMs: number;
	waitMs: number;
	voluntary: number;
	involuntary: number;
}

function read(path: string): string | undefined {
	try {
		return readFileSync(path, 'latin1');
	} catch {
		return undefined;
	}
}

/** The main thread's schedstat alone (cheap enough to sample every tick); undefined once the process is gone. */
export function readSchedstatMs(pid: number): {runMs: number; waitMs: number} | undefined {
	const text = read(`/proc/${pid}/schedstat`);
	const parsed = text === undefined ? undefined : parseSchedstat(text);
	return parsed && {runMs: parsed.runNs / 1e6, waitMs: parsed.waitNs / 1e6};
}

/** Everything at once; undefined when the process is gone or a file is unreadable (e.g. schedstat not built in). */
export function readProcFigures(pid: number): ProcFigures | undefined {
	const statText = read(`/proc/${pid}/stat`);
	const statusText = read(`/proc/${pid}/status`);
	const stat = statText === undefined ? undefined : parseProcStat(statText);
	const switches = statusText === undefined ? undefined : parseContextSwitches(statusText);
	const sched = readSchedstatMs(pid);
	if (!stat || !switches || !sched) return undefined;
	return {
		cpuMs: ((stat.utimeTicks + stat.stimeTicks) * 1000) / clockTicksPerSecond(),
		runMs: sched.runMs,
		waitMs: sched.waitMs,
		voluntary: switches.voluntary,
		involuntary: switches.involuntary,
	};
}

/** What happened between two readings of the same process. */
export function figuresBetween(before: ProcFigures, after: ProcFigures): ProcFigures {
	return {
		cpuMs: after.cpuMs - before.cpuMs,
		runMs: after.runMs - before.runMs,
		waitMs: after.waitMs - before.waitMs,
		voluntary: after.voluntary - before.voluntary,
		involuntary: after.involuntary - before.involuntary,
	};
}
