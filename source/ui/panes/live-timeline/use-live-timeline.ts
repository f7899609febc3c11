import {useCallback, useRef, useSyncExternalStore} from 'react';
import {defaults} from '../../../core/defaults.js';
import type {TimelineSnapshot} from '../../../core/procs/types.js';

/** What the hook needs from a ProcessSampler. */
export interface TimelineSource {
	subscribe(listener: (snapshot: TimelineSnapshot) => void): () => void;
	snapshot(): TimelineSnapshot;
}

/**
 * The sampler's latest snapshot, re-rendering at most `maxHz` times a second (the sampler may tick at up to
 * 50/s when sped up; the terminal does not need that).
 */
export function useLiveTimeline(source: TimelineSource, maxHz: number = defaults.frameRateHz): TimelineSnapshot {
	const shown = useRef<TimelineSnapshot>(source.snapshot());
	const subscribe = useCallback(
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
		[source, maxHz],
	);
	return useSyncExternalStore(subscribe, () => shown.current, () => shown.current);
}
