/** `/proc/<pid>/schedstat`: three counters kept by the scheduler for the task (the main thread). */
export interface Schedstat {
	/** Time spent on a CPU, in nanoseconds. */
	runNs: number;
	/** Time spent runnable but waiting for a CPU (on a run queue), in nanoseconds. */
	waitNs: number;
	/** How many times the task was given a CPU. */
	timeslices: number;
}

export function parseSchedstat(text: string): Schedstat | undefined {
	const parts = text.trim().split(/\s+/);
	if (parts.length < 3) return undefined;
	const [runNs, waitNs, timeslices] = parts.map(Number) as [number, number, number];
	if (![runNs, waitNs, timeslices].every((value) => Number.isFinite(value) && value >= 0)) return undefined;
	return {runNs, waitNs, timeslices};
}
