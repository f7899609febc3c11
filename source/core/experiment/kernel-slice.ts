import {readFileSync} from 'node:fs';
import {availableParallelism} from 'node:os';

/** The time slice the experiment assumes the kernel gives a CPU-bound task, and where that figure came from. */
export interface KernelSlice {
	ms: number;
	source: string;
	/** The same, as data for the UI's words (absent in runs recorded before it existed). */
	origin?: {kind: 'file'; setting: 'eevdf' | 'cfs'; path: string} | {kind: 'default'; cpus: number; factor: number};
}

const files = [
	['/sys/kernel/debug/sched/base_slice_ns', 'EEVDF base slice', 'eevdf'],
	['/proc/sys/kernel/sched_base_slice_ns', 'EEVDF base slice', 'eevdf'],
	['/proc/sys/kernel/sched_min_granularity_ns', 'CFS minimum granularity', 'cfs'],
	['/sys/kernel/debug/sched/min_granularity_ns', 'CFS minimum granularity', 'cfs'],
] as const;

/**
 * Reads the fair scheduler's slice where the kernel shows it; otherwise the kernel's default for this many
 * CPUs, 0.75 ms x (1 + log2 min(CPUs, 8)), said so. The kernel switches at its next timer tick after the
 * slice, so the real slices are often longer: the measured ones are printed beside it.
 */
export function kernelSlice(cpus = availableParallelism()): KernelSlice {
	for (const [path, name, setting] of files) {
		try {
			const ns = Number(readFileSync(path, 'latin1').trim());
			if (Number.isFinite(ns) && ns > 0)
				return {ms: ns / 1e6, source: `${name} from ${path}`, origin: {kind: 'file', setting, path}};
		} catch {
			// next
		}
	}

	const factor = 1 + Math.floor(Math.log2(Math.max(1, Math.min(cpus, 8))));
	return {
		ms: 0.75 * factor,
		source: `the kernel's default for ${cpus} CPUs (0.75 ms x ${factor}); its setting is not readable here`,
		origin: {kind: 'default', cpus, factor},
	};
}
