import type {Protocol} from '../defaults.js';
import type {EchoServerStats, Endpoint} from '../echo/types.js';

export interface WorkerLane {
	pid: number;
	kind: 'thread' | 'child';
	label: string;
}

/** A session as far as naming a worker goes: which local port it talks from. */
export interface SessionEnd {
	sessionId: number;
	protocol: Protocol;
	local?: Endpoint;
}

/** The port at the end of a connection id (`tcp:127.0.0.1:40312`, `udp:[::1]:5000`). */
function peerPort(connectionId: string): number | undefined {
	const port = Number(connectionId.slice(connectionId.lastIndexOf(':') + 1));
	return Number.isInteger(port) && port > 0 ? port : undefined;
}

/**
 * Timeline lanes for the echo server's model workers (threads and children), each named after what it
 * serves: `thread #2` when the peer is session #2, `thread :40312` for another client, `pool idle` for a
 * pre-started child waiting for work. The lane itself adds the TID or PID.
 */
export function workerLanes(stats: readonly EchoServerStats[], sessions: readonly SessionEnd[]): WorkerLane[] {
	const lanes: WorkerLane[] = [];
	for (const server of stats) {
		for (const worker of server.models.workers) {
			const id = worker.kind === 'thread' ? worker.tid : worker.pid;
			if (id <= 0) continue;
			const kind = worker.kind === 'thread' ? 'thread' : 'child';
			const what = worker.kind === 'thread' ? 'thread' : 'child';
			if (worker.connectionId === '') {
				lanes.push({pid: id, kind, label: worker.kind === 'thread' ? 'thread idle' : 'pool idle'});
				continue;
			}

			const port = peerPort(worker.connectionId);
			const session = sessions.find(
				(candidate) => candidate.protocol === server.protocol && candidate.local?.port === port,
			);
			lanes.push({pid: id, kind, label: session ? `${what} #${session.sessionId}` : `${what} :${port ?? '?'}`});
		}
	}

	return lanes;
}
