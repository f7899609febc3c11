import {emptyServer} from '../../source/core/dashboard/store/servers-slice.js';
import type {ServerView} from '../../source/core/dashboard/snapshot.js';

/** A UDP server listening on 127.0.0.1:8082 with one peer and no traffic, as the pane gets it; `patch` over it. */
export function serverView(patch: Partial<ServerView> = {}): ServerView {
	return {
		...emptyServer('udp'),
		state: 'listening',
		local: {address: '127.0.0.1', port: 8082},
		activeConnections: 1,
		totalConnections: 1,
		...patch,
	};
}
