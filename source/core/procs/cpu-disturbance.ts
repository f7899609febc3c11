import {readFileSync} from 'node:fs';
import {clockTicksPerSecond} from './clock-ticks.js';
import {parseCpuStat, type CoreTimes} from './cpu-stat.js';

/**
 * A measurement is disturbed when processes outside the demo took at least this share of the demo's
 * CPU time over the measured window (README: "When the machine is busy")...
 */
export const disturbedMinPct = 10;
/** ...and at least this many milliseconds: /proc/stat counts in 10 ms ticks, so less is rounding. */
export const disturbedMinMs = 50;

/** What processes outside the demo took on the demo's CPUs over one window. */
export interface CpuDisturbance {
	/** The CPUs measured (the one the jobs were pinned to, or every CPU when they ran unpinned). */
	readonly cpus: readonly number[];
	/** The CPUs' own elapsed time over the window (busy + idle), summed over `cpus`. */
	readonly windowMs: number;
	/** Busy time of those CPUs (user, system, irq, softirq, steal), summed. */
	readonly busyMs: number;
	/** The demo's own CPU time in the window, as the caller measured it from its processes. */
	readonly demoMs: number;
	/** busy - demo, never below 0: everyone else (other programs, kernel threads, a hypervisor's steal). */
	readonly otherMs: number;
	/** otherMs as a share of windowMs, in percent. */
	readonly otherPct: number;
	readonly disturbed: boolean;
}

/** Pure: the disturbance between two readings of /proc/stat's per-core lines, given the demo's CPU time. */
export function disturbanceBetween(
	cpus: readonly number[],
	before: readonly CoreTimes[],
	after: readonly CoreTimes[],
	demoMs: number,
	msPerTick = 1000 / clockTicksPerSecond(),
): CpuDisturbance | undefined {
	let busyTicks = 0;
	let totalTicks = 0;
	for (const cpu of cpus) {
		const first = before.find((core) => core.cpu === cpu);
		const last = after.find((core) => core.cpu === cpu);
		if (!first || !last) return undefined;
		busyTicks += Math.max(0, last.busyTicks - first.busyTicks);
		totalTicks += Math.max(0, last.totalTicks - first.totalTicks);
	}

	const windowMs = totalTicks * msPerTick;
	const busyMs = busyTicks * msPerTick;
	const otherMs = Math.max(0, busyMs - Math.max(0, demoMs));
	const otherPct = windowMs > 0 ? (100 * otherMs) / windowMs : 0;
	return {
		cpus: [...cpus],
		windowMs,
		busyMs,
		demoMs,
		otherMs,
		otherPct,
		disturbed: otherPct >= disturbedMinPct && otherMs >= disturbedMinMs,
	};
}

/** The per-core lines of /proc/stat, or undefined where there is no such file (not Linux, a sandbox). */
export function readCoreTimes(procRoot = '/proc'): CoreTimes[] | undefined {
	try {
		const cores = parseCpuStat(readFileSync(`${procRoot}/stat`, 'latin1'));
		return cores.length > 0 ? cores : undefined;
	} catch {
		return undefined;
	}
}

/** Started before a measurement, read after it: see startDisturbanceMeter. */
export interface DisturbanceMeter {
	readonly cpus: readonly number[];
	/** The disturbance so far; `demoMs` is the demo's CPU time on `cpus` since the start. */
	read(demoMs: number): CpuDisturbance | undefined;
}

/**
 * Started before a measurement, read after it with the demo's own CPU time on the measured CPUs: tells
 * how much CPU time everyone else took there meanwhile. Undefined where /proc/stat cannot be read (or
 * lacks a CPU asked for): callers then say the machine's load is unknown rather than claim it was quiet.
 */
export function startDisturbanceMeter(
	cpus: readonly number[] | 'all',
	procRoot = '/proc',
): DisturbanceMeter | undefined {
	const before = readCoreTimes(procRoot);
	if (!before) return undefined;
	const measured = cpus === 'all' ? before.map((core) => core.cpu) : [...cpus];
	if (!measured.every((cpu) => before.some((core) => core.cpu === cpu))) return undefined;
	return {
		cpus: measured,
		read(demoMs) {
			const after = readCoreTimes(procRoot);
			return after ? disturbanceBetween(measured, before, after, demoMs) : undefined;
		},
	};
}
