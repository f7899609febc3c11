import type {TimelineSnapshot} from './types.js';

/** The demo's memory, as the kernel counts it (see DemoMemoryView in source/core/dashboard/snapshot.ts). */
export interface DemoMemory {
	/** Summed RSS: pages shared between the processes (Node's code) counted once per process. */
	rssBytes: number;
	/** Summed PSS (each shared page divided among the processes that map it); RSS where PSS is unreadable. */
	pssBytes: number;
	/** What an RSS sum counts more than once: `rssBytes - pssBytes`. */
	sharedBytes: number;
	processes: number;
	/** Processes whose PSS could not be read (their RSS stands in). */
	pssMissing: number;
	/** Each process, in lane order. */
	each: ReadonlyArray<{pid: number; rssBytes: number; pssBytes?: number}>;
}

/** The one rounding rule for memory figures (three significant digits): the totals, each process, each lane. */
export const memoryFigure = (bytes: number) => Number(bytes.toPrecision(3));
const round = memoryFigure;

/**
 * The memory of the demo's own processes together, from one sampler snapshot: the lanes of live processes
 * `isDemo` accepts (not threads, not outside processes added with --watch). Totals are by PSS; RSS sums are
 * kept to say how much is shared. Rounded to three significant digits, so a few pages coming and going do
 * not redraw the screen. Undefined until one of them has been measured. The server pane, the tour's
 * narration and anything else showing the demo's memory use this one result.
 */
export function demoMemory(snapshot: TimelineSnapshot, isDemo: (pid: number) => boolean): DemoMemory | undefined {
	let rssBytes = 0;
	let pssBytes = 0;
	let pssMissing = 0;
	const each: Array<{pid: number; rssBytes: number; pssBytes?: number}> = [];
	for (const lane of snapshot.processes) {
		const {rssBytes: rss, pssBytes: pss} = lane.latest;
		if (lane.kind !== 'process' || lane.exited || !isDemo(lane.pid) || rss === undefined) continue;
		rssBytes += rss;
		pssBytes += pss ?? rss;
		if (pss === undefined) pssMissing += 1;
		each.push({pid: lane.pid, rssBytes: round(rss), ...(pss === undefined ? {} : {pssBytes: round(pss)})});
	}

	if (each.length === 0) return undefined;
	return {
		rssBytes: round(rssBytes),
		pssBytes: round(pssBytes),
		sharedBytes: round(rssBytes - pssBytes),
		processes: each.length,
		pssMissing,
		each,
	};
}
