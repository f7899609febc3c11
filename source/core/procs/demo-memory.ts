import type {TimelineSnapshot} from './types.js';

/**
 * The resident memory (RSS) of the demo's own processes together, from a sampler snapshot: the lanes of
 * live processes `isDemo` accepts (not threads, not outside processes added with --watch). Rounded to
 * three significant digits, so a few pages coming and going do not redraw the screen. Undefined until
 * one of them has been measured.
 */
export function demoMemory(
	snapshot: TimelineSnapshot,
	isDemo: (pid: number) => boolean,
): {rssBytes: number; processes: number} | undefined {
	let rssBytes = 0;
	let processes = 0;
	for (const lane of snapshot.processes) {
		if (lane.kind !== 'process' || lane.exited || !isDemo(lane.pid) || lane.latest.rssBytes === undefined) continue;
		rssBytes += lane.latest.rssBytes;
		processes += 1;
	}

	return processes === 0 ? undefined : {rssBytes: Number(rssBytes.toPrecision(3)), processes};
}
