import type {SessionPhase} from '../sessions/types.js';

/** What one timeline cell says a process did during one sample tick (measured, never self-reported). */
export type CellKind = 'none' | 'running' | 'runnable' | 'sleeping' | 'exited';

/** Cells are stored as small numbers in typed arrays; index into cellKinds to get the name. */
export const cellKinds: readonly CellKind[] = ['none', 'running', 'runnable', 'sleeping', 'exited'];
export const cellCode: Readonly<Record<CellKind, number>> = {none: 0, running: 1, runnable: 2, sleeping: 3, exited: 4};

/** Self-reported phase lane: 0 = nothing reported, then the SessionPhase values. */
export const phaseKinds: readonly (SessionPhase | 'none')[] = ['none', 'idle', 'computing', 'waiting-reply'];
export const phaseCode: Readonly<Record<SessionPhase | 'none', number>> = {
	none: 0,
	idle: 1,
	computing: 2,
	'waiting-reply': 3,
};

/** Core lane values: a PID, or one of these. */
export const coreIdle = 0;
/** The core was busy, but not mostly with a watched process. */
export const coreOther = -1;
/** Nothing known about the core for this tick. */
export const coreUnknown = -2;

/** Which data a source really measures; everything else on screen is missing or inferred, and says so. */
export interface Capabilities {
	/** Where the data come from. */
	source: 'proc' | 'ps' | 'none';
	/** Per-process CPU time over each tick (proc: schedstat ns or utime+stime ticks; ps: its %cpu). */
	cpuPercent: boolean;
	/** ps reports a lifetime or decaying average rather than the CPU use during the tick. */
	cpuPercentIsAverage: boolean;
	/** The state letter (R, S, D, ...). */
	stateLetter: boolean;
	/** Time spent waiting for a CPU (schedstat): without it 'runnable' cannot be told from 'running'. */
	runQueueWait: boolean;
	/** The CPU each process last ran on, and so the per-core lanes. */
	lastCpu: boolean;
	/** Voluntary and involuntary context switches. */
	contextSwitches: boolean;
	/** Per-core busy time of other processes (/proc/stat), so a core busy with something else shows so. */
	coreBusy: boolean;
	/** Why some data are missing, as codes the screen puts in words (empty when all are measured). */
	notes: readonly SamplerNote[];
}

/**
 * What the sampler could not measure: a code (the UI's catalogues word it) and, for a read that failed,
 * the OS's own words (`detail`).
 */
export type SamplerNote =
	| {code: 'noSchedstat'}
	| {code: 'noSwitchCounts'}
	| {code: 'noCoreTimes'}
	| {code: 'psOnly'}
	| {code: 'readFailed'; detail: string}
	| {code: 'readError'; detail: string};

/** One raw reading of one process. Fields a source cannot measure are undefined. */
export interface RawProcessSample {
	pid: number;
	/** False when the process is gone (or was replaced by another with the same PID). */
	present: boolean;
	state?: string;
	/** Cumulative CPU time of the main thread, ns (utime+stime; clock-tick resolution). */
	cpuTimeNs?: number;
	/** Cumulative on-CPU and run-queue time of the main thread, ns (schedstat). */
	runNs?: number;
	waitNs?: number;
	lastCpu?: number;
	voluntary?: number;
	involuntary?: number;
	/** ps: %cpu as ps computes it (an average, not per tick). */
	percentCpu?: number;
	/** Resident memory of the whole process (VmRSS), bytes. */
	rssBytes?: number;
	/** Proportional set size (smaps_rollup): shared pages divided among the processes that map them, bytes. */
	pssBytes?: number;
	/** smaps_rollup could not be read (permission, an old kernel): memory is RSS alone. */
	pssUnreadable?: boolean;
	/** Set when a read failed for a reason other than the process being gone (e.g. EACCES). */
	error?: string;
}

export interface RawCoreSample {
	cpu: number;
	busyNs: number;
	totalNs: number;
}

/** Where the sampler gets its readings: /proc on Linux, `ps` elsewhere, a fake in tests. */
export interface ProcessSource {
	readonly capabilities: Capabilities;
	/** Number of cores, when known. */
	readonly coreCount: number;
	/** Readings for these PIDs, in the same order. May be async (ps); the sampler never overlaps calls. */
	read(pids: readonly number[]): RawProcessSample[] | Promise<RawProcessSample[]>;
	/** Cumulative per-core times, when measured. */
	readCores?(): RawCoreSample[] | undefined;
	/** Drop anything cached for a PID no longer watched (open file descriptors). */
	forget?(pid: number): void;
	/** The threads (TIDs, the main thread included) and child processes of a process; undefined when unknown. */
	tasks?(pid: number): ProcessTasks | undefined;
	/** The command name of a process (`python3`), when it can be read. */
	commandName?(pid: number): string | undefined;
	close(): void;
}

export interface ProcessTasks {
	threads: number[];
	children: number[];
}

/** The latest numbers of one process, for the side column of its lane. */
export interface ProcessLatest {
	cell: CellKind;
	/** CPU use during the last tick, 0-100 (% of one core); undefined when not measured. */
	cpuPercent?: number;
	/** Fraction of the last tick spent waiting for a CPU (0-1), when measured. */
	waitFraction?: number;
	state?: string;
	lastCpu?: number;
	voluntary?: number;
	involuntary?: number;
	voluntaryDelta?: number;
	involuntaryDelta?: number;
	/** Switches over the last `recentMs` (about a second of ticks), so their words stay on screen long enough to read. */
	voluntaryRecent?: number;
	involuntaryRecent?: number;
	recentMs?: number;
	/** Resident memory (RSS) in bytes, when measured. */
	rssBytes?: number;
	/** Proportional set size (PSS) in bytes, when measured (read about once a second). */
	pssBytes?: number;
	/** PSS could not be read for this process: its memory is shown as RSS alone, and says so. */
	pssUnreadable?: boolean;
}

export interface ProcessLaneSnapshot {
	pid: number;
	label: string;
	/**
	 * The lane's identity on screen (its letter: 0 = A): the lowest slot free when the lane was added, kept
	 * for as long as the sampler keeps the lane, so lanes dropped or inserted around it never change it.
	 * Absent (a snapshot built elsewhere): the lane's index stands in.
	 */
	slot?: number;
	/** Measured cells, oldest first, one per tick, aligned with every other lane (codes of cellCode). */
	cells: Uint8Array;
	/**
	 * Per tick, aligned with `cells`: 1 when the process got any CPU time during the tick (the cell shows the
	 * state that filled most of it, so a process that ran a part of a mostly-waiting tick needs this mark).
	 */
	ran: Uint8Array;
	/** Self-reported phases, aligned the same way (codes of phaseCode). Not measured: the process said so. */
	phases: Uint8Array;
	/** The watched process this lane belongs to, for a thread or child lane added by `watchTree`. */
	parentPid?: number;
	/** What the lane is: a watched process, one of its threads, or one of its child processes. */
	kind: 'process' | 'thread' | 'child';
	/** `watchTree`: threads and children that exist but got no lane (over the caps). */
	hidden?: {threads: number; children: number};
	/** The phase the process last reported, if any. */
	phase?: SessionPhase;
	exited: boolean;
	latest: ProcessLatest;
}

export interface CoreLaneSnapshot {
	cpu: number;
	/** Per tick, oldest first: the PID that used most of this core, or coreIdle / coreOther / coreUnknown. */
	owners: Int32Array;
	/** Per tick: ms this core was busy with processes not watched (NaN: unknown, no /proc/stat). */
	otherMs?: Float32Array;
	/** Per tick: ms the watched processes ran on this core (by the CPU each was last seen on). */
	demoMs?: Float32Array;
	/** Per tick: the tick's length in ms (NaN: unknown). */
	elapsedMs?: Float32Array;
}

export interface TimelineSnapshot {
	/** Ticks sampled since the sampler started. */
	tick: number;
	/** Cells per lane (at most the ring capacity). */
	columns: number;
	intervalMs: number;
	paused: boolean;
	capabilities: Capabilities;
	processes: readonly ProcessLaneSnapshot[];
	/** Empty when the last CPU of processes is not measured. */
	cores: readonly CoreLaneSnapshot[];
}
