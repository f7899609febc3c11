import type {ServerView} from '../../source/core/dashboard/snapshot.js';

/** A UDP server listening on 127.0.0.1:8082 with one peer and no traffic, as the pane gets it; `patch` over it. */
export function serverView(patch: Partial<ServerView> = {}): ServerView {
	return {
		protocol: 'udp',
		state: 'listening',
		local: {address: '127.0.0.1', port: 8082},
		activeConnections: 1,
		totalConnections: 1,
		messagesIn: 0,
		messagesOut: 0,
		bytesIn: 0,
		bytesOut: 0,
		rates: {messagesInPerSec: 0, messagesOutPerSec: 0, bytesInPerSec: 0, bytesOutPerSec: 0},
		dropped: 0,
		refused: 0,
		replyDelayMs: 0,
		...patch,
	};
}
