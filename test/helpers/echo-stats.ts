import {newGuardStats} from '../../source/core/echo/counters.js';
import {quietModelStats} from '../../source/core/echo/server-model.js';
import type {EchoServerStats} from '../../source/core/echo/types.js';

/** A quiet server's stats on 127.0.0.1:8082, with `extra` over them (models, counters...). */
export function echoStats(protocol: 'tcp' | 'udp', extra: Partial<EchoServerStats> = {}): EchoServerStats {
	return {
		protocol,
		local: {address: '127.0.0.1', port: 8082},
		bytesIn: 0,
		bytesOut: 0,
		messagesIn: 0,
		messagesOut: 0,
		activeConnections: 0,
		totalConnections: 0,
		refusedConnections: 0,
		droppedMessages: 0,
		pausedConnections: 0,
		guards: newGuardStats(),
		models: quietModelStats(),
		...extra,
	};
}
