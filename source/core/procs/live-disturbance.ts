import {disturbedMinMs, disturbedMinPct} from './cpu-disturbance.js';
import type {TimelineSnapshot} from './types.js';

/** The live timeline's disturbance figure looks back this far (README: "When the machine is busy"). */
export const liveDisturbanceWindowMs = 5000;

/** What processes outside the demo took on one of the demo's CPUs over the last few seconds. */
export interface LiveCpuDisturbance {
	cpu: number;
	/** CPU time the unwatched processes took there (the core's busy time minus the watched processes'). */
	otherMs: number;
	/** The measured ticks' length: the time that CPU had. */
	windowMs: number;
	/** otherMs as a share of windowMs, in whole percent. */
	otherPct: number;
	/** Over the experiment meter's threshold (disturbedMinPct and disturbedMinMs, cpu-disturbance.ts). */
	disturbed: boolean;
}

export interface LiveDisturbance {
	/** The window looked at, in whole seconds (shorter while the timeline is young). */
	seconds: number;
	/** Each CPU measured: the pinned one in one-CPU mode, else every CPU the demo ran on in the window. */
	cpus: LiveCpuDisturbance[];
	/** The CPUs over the threshold, most disturbed first. */
	disturbed: LiveCpuDisturbance[];
}

/**
 * Pure: the CPU time other programs took on the demo's CPU over the last `windowMs` of the timeline, per
 * CPU, from the sampler's per-core accounting (/proc/stat busy time minus the watched processes' own).
 * `demoCpu`: one-CPU mode's CPU; without it, every CPU a watched process ran on in the window. Undefined
 * when nothing is known (no /proc/stat, no ticks yet, the demo ran nowhere): callers then claim nothing.
 */
export function liveDisturbance(
	timeline: TimelineSnapshot,
	demoCpu: number | undefined,
	windowMs = liveDisturbanceWindowMs,
): LiveDisturbance | undefined {
	const ticks = Math.min(timeline.columns, Math.max(1, Math.round(windowMs / timeline.intervalMs)));
	const cpus: LiveCpuDisturbance[] = [];
	let lookedMs = 0;
	for (const core of timeline.cores) {
		const {otherMs, demoMs, elapsedMs} = core;
		if (!otherMs || !elapsedMs) continue;
		const from = Math.max(0, otherMs.length - ticks);
		let demo = 0;
		let other = 0;
		let window = 0;
		for (let index = from; index < otherMs.length; index++) {
			demo += demoMs?.[index] ?? 0;
			const took = otherMs[index]!;
			const length = elapsedMs[index]!;
			if (Number.isNaN(took) || Number.isNaN(length)) continue;
			other += took;
			window += length;
		}

		const mine = demoCpu === undefined ? demo > 0 : core.cpu === demoCpu;
		if (!mine || window <= 0) continue;
		lookedMs = Math.max(lookedMs, window);
		const otherPct = Math.round((100 * other) / window);
		cpus.push({
			cpu: core.cpu,
			otherMs: Math.round(other),
			windowMs: Math.round(window),
			otherPct,
			disturbed: (100 * other) / window >= disturbedMinPct && other >= disturbedMinMs,
		});
	}

	if (cpus.length === 0) return undefined;
	return {
		seconds: Math.max(1, Math.round(lookedMs / 1000)),
		cpus,
		disturbed: cpus.filter((cpu) => cpu.disturbed).sort((a, b) => b.otherPct - a.otherPct),
	};
}
