import {useEffect, useState} from 'react';

/**
 * `Date.now()`, re-read at once and then every `intervalMs` while `active` (a wait that grows on screen),
 * with no timer at all otherwise: an idle dashboard stays idle.
 */
export function useTickingClock(active: boolean, intervalMs = 1000): number {
	const [now, setNow] = useState(() => Date.now());
	useEffect(() => {
		if (!active) return undefined;
		const tick = () => setNow(Date.now());
		const first = setTimeout(tick, 0);
		const timer = setInterval(tick, intervalMs);
		return () => {
			clearTimeout(first);
			clearInterval(timer);
		};
	}, [active, intervalMs]);
	return now;
}
