import {coreIdle, coreOther} from './types.js';

/** One watched process's CPU time during a tick, attributed to the CPU it last ran on. */
export interface CoreUse {
	pid: number;
	cpu: number;
	runNs: number;
}

/** A watched process owns a core for a tick when it ran at least this share of the tick there. */
export const coreOwnerMinShare = 0.25;
/** Unwatched work makes a core 'other' (not idle) from this share of the tick on. */
export const coreOtherMinShare = 0.5;

/**
 * Who used each core most during one tick: the PID of the busiest watched process, coreOther when
 * unwatched processes kept it busier (needs /proc/stat), or coreIdle. Approximate by nature: a process's
 * whole run time goes to the CPU it was last seen on, though it may have migrated during the tick.
 */
export function coreOwners(
	coreCount: number,
	uses: readonly CoreUse[],
	elapsedNs: number,
	coreBusyNs?: ReadonlyArray<number | undefined>,
): number[] {
	const topPid = new Array<number>(coreCount).fill(0);
	const topNs = new Array<number>(coreCount).fill(0);
	const watchedNs = new Array<number>(coreCount).fill(0);
	for (const use of uses) {
		if (use.cpu < 0 || use.cpu >= coreCount) continue;
		watchedNs[use.cpu]! += use.runNs;
		if (use.runNs > topNs[use.cpu]!) {
			topNs[use.cpu] = use.runNs;
			topPid[use.cpu] = use.pid;
		}
	}

	const owners = new Array<number>(coreCount);
	for (let cpu = 0; cpu < coreCount; cpu++) {
		const busy = coreBusyNs?.[cpu];
		const otherNs = busy === undefined ? 0 : Math.max(0, busy - watchedNs[cpu]!);
		if (topNs[cpu]! >= coreOwnerMinShare * elapsedNs && topNs[cpu]! >= otherNs) owners[cpu] = topPid[cpu]!;
		else if (otherNs >= coreOtherMinShare * elapsedNs) owners[cpu] = coreOther;
		else owners[cpu] = coreIdle;
	}

	return owners;
}
