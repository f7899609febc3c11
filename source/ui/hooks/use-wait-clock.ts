import {useEffect, useState} from 'react';

/**
 * `Date.now()` for a wait that began at `since`, once it has lasted `showAfterMs`, re-read every 100 ms (every
 * second after ten): undefined before then, and no timer at all when nothing waits. A reply that comes in
 * milliseconds (the usual case, many times a second in auto mode) never starts the clock.
 */
export function useWaitClock(since: number | undefined, showAfterMs = 1000): number | undefined {
	const [now, setNow] = useState(() => Date.now());
	useEffect(() => {
		if (since === undefined) return undefined;
		let timer: NodeJS.Timeout | undefined;
		const delay = (waited: number) => (waited < showAfterMs ? showAfterMs - waited : waited < 10_000 ? 100 : 1000);
		const tick = () => {
			const current = Date.now();
			setNow(current);
			timer = setTimeout(tick, delay(current - since));
		};

		const waited = Date.now() - since;
		timer = setTimeout(tick, waited < showAfterMs ? showAfterMs - waited : 0);
		return () => clearTimeout(timer);
	}, [since, showAfterMs]);
	if (since === undefined) return undefined;
	return now - since >= showAfterMs ? now : undefined;
}
