import {useCallback, useRef, useSyncExternalStore} from 'react';
import {defaults} from '../../../core/defaults.js';
import type {TimelineSnapshot} from '../../../core/procs/types.js';
import {sameLines} from '../../segments.js';
import {buildTimelineLines, type TimelineLine, type TimelineLineOptions} from './timeline-lines.js';

/** What the hook needs from a ProcessSampler. */
export interface TimelineSource {
	subscribe(listener: (snapshot: TimelineSnapshot) => void): () => void;
	snapshot(): TimelineSnapshot;
}

/**
 * Subscribes to `source`, taking its snapshot into `shown` and calling `notify` at most `maxHz` times a
 * second (the sampler may tick at up to 50/s when sped up; the terminal does not need that).
 */
function useThrottledSubscribe(source: TimelineSource, maxHz: number, shown: {current: TimelineSnapshot}) {
	return useCallback(
		(notify: () => void) => {
			let last = 0;
			let timer: NodeJS.Timeout | undefined;
			const minGapMs = 1000 / maxHz;
			const publish = () => {
				timer = undefined;
				last = performance.now();
				shown.current = source.snapshot();
				notify();
			};

			const unsubscribe = source.subscribe(() => {
				if (timer) return;
				const wait = minGapMs - (performance.now() - last);
				if (wait <= 0) publish();
				else timer = setTimeout(publish, wait);
			});
			return () => {
				unsubscribe();
				if (timer) clearTimeout(timer);
			};
		},
		[source, maxHz, shown],
	);
}

/** The sampler's latest snapshot, re-rendering at most `maxHz` times a second. */
export function useLiveTimeline(source: TimelineSource, maxHz: number = defaults.frameRateHz): TimelineSnapshot {
	const shown = useRef<TimelineSnapshot>(source.snapshot());
	const subscribe = useThrottledSubscribe(source, maxHz, shown);
	return useSyncExternalStore(
		subscribe,
		() => shown.current,
		() => shown.current,
	);
}

function sameOptions(a: TimelineLineOptions, b: TimelineLineOptions): boolean {
	return (
		a.width === b.width &&
		a.height === b.height &&
		a.ascii === b.ascii &&
		a.color === b.color &&
		a.focused === b.focused &&
		a.oneCpuNote === b.oneCpuNote &&
		a.highlightPid === b.highlightPid &&
		a.demoCpu === b.demoCpu &&
		a.words === b.words &&
		a.laneMemory === b.laneMemory
	);
}

/**
 * The pane's lines for the sampler's latest snapshot, re-rendering only when they differ from the lines on
 * screen. Every sample is a new snapshot, but idle lanes scroll into identical lines: re-rendering those
 * would cost a whole Ink frame (layout, then every row re-composed) ten times a second for nothing.
 */
export function useTimelineLines(
	source: TimelineSource,
	options: TimelineLineOptions,
	maxHz: number = defaults.frameRateHz,
): TimelineLine[] {
	const shown = useRef<TimelineSnapshot>(source.snapshot());
	const latest = useRef<{snapshot?: TimelineSnapshot; options?: TimelineLineOptions; lines: TimelineLine[]}>({
		lines: [],
	});
	const subscribe = useThrottledSubscribe(source, maxHz, shown);
	const linesNow = () => {
		const cache = latest.current;
		if (cache.snapshot === shown.current && cache.options && sameOptions(cache.options, options)) return cache.lines;
		const lines = buildTimelineLines(shown.current, options);
		latest.current = {snapshot: shown.current, options, lines: sameLines(lines, cache.lines) ? cache.lines : lines};
		return latest.current.lines;
	};

	return useSyncExternalStore(subscribe, linesNow, linesNow);
}
