import type {EchoGuardStats, Endpoint, TrafficCounters} from './types.js';
import {formatHostPort} from '../errors.js';

export function newCounters(now: number): TrafficCounters {
	return {bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0, firstSeen: now, lastSeen: now};
}

export function newGuardStats(): EchoGuardStats {
	return {
		unreplyable: 0,
		ownAddress: 0,
		lowPort: 0,
		rateLimited: 0,
		muted: 0,
		overload: 0,
		tooLarge: 0,
		loopsSuspected: 0,
		sendErrors: 0,
		idleClosed: 0,
		evicted: 0,
	};
}

/** `tcp:127.0.0.1:51234`, `udp:[::1]:40000`. */
export function connectionIdOf(protocol: 'tcp' | 'udp', peer: Endpoint): string {
	return `${protocol}:${formatHostPort(peer.address, peer.port)}`;
}

/** Delay values from a knob: finite, >= 0, at most `max`. */
export function clampDelay(ms: number, max: number): number {
	if (!Number.isFinite(ms) || ms <= 0) return 0;
	return Math.min(ms, max);
}
