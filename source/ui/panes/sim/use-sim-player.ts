import {useEffect, useReducer, type Dispatch} from 'react';
import type {SimSpec} from '../../../core/sched/sim-spec.js';
import {createPlayer, reducePlayer, simSpeeds, type SimIntent, type SimPlayerState} from './sim-player.js';

/**
 * The player as React state, with a timer that sends `tick` at the current speed while playing.
 * The timer runs only while playing and is cleared on pause, speed change and unmount.
 */
export function useSimPlayer(spec?: SimSpec): [SimPlayerState, Dispatch<SimIntent>] {
	const [player, dispatch] = useReducer(reducePlayer, spec, (initial) => createPlayer(initial));
	const speed = simSpeeds[player.speedIndex]!;
	useEffect(() => {
		if (!player.playing) return undefined;
		const timer = setInterval(() => dispatch({type: 'tick'}), Math.round(1000 / speed));
		return () => clearInterval(timer);
	}, [player.playing, speed]);
	return [player, dispatch];
}
