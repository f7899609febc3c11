import {useEffect, useSyncExternalStore} from 'react';
import {simSpeeds, type SimPlayerState} from './sim-player.js';
import type {SimPlayerStore} from './sim-player-store.js';

/**
 * The player from its store, with a timer that sends `tick` at the current speed while playing. The timer
 * runs only while the pane is shown and playing; it is cleared on pause, speed change and unmount (a hidden
 * simulator waits where it was).
 */
export function useSimPlayer(store: SimPlayerStore): SimPlayerState {
	const player = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
	const speed = simSpeeds[player.speedIndex]!;
	useEffect(() => {
		if (!player.playing) return undefined;
		const timer = setInterval(() => store.dispatch({type: 'tick'}), Math.round(1000 / speed));
		return () => clearInterval(timer);
	}, [store, player.playing, speed]);
	return player;
}
