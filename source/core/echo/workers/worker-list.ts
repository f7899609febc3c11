import {maxListedWorkers, type ServerWorker} from '../server-model.js';
import type {HandlerThread} from './handler-thread.js';
import type {ThreadCache} from './thread-cache.js';
import type {WorkerPool} from './worker-pool.js';
import type {WorkerProcess} from './worker-process.js';

/** The thread or child serving `connectionId`, as the stats list it (undefined: none). */
export function servingWorker(
	connectionId: string,
	thread: HandlerThread | undefined,
	worker: WorkerProcess | undefined,
): ServerWorker | undefined {
	if (thread !== undefined) return {kind: 'thread', tid: thread.tid, connectionId};
	if (worker === undefined) return undefined;
	return {kind: 'process', pid: worker.pid, connectionId, ...(worker.pooled ? {pooled: true} : {})};
}

/** The workers a server's stats list: the busy ones, then idle threads and idle pooled children; cut, counted. */
export class WorkerList {
	readonly workers: ServerWorker[] = [];
	count = 0;

	add(worker: ServerWorker | undefined): void {
		if (worker === undefined) return;
		this.count += 1;
		if (this.workers.length < maxListedWorkers) this.workers.push(worker);
	}

	/** Threads and pooled children waiting for a client (connectionId ''). */
	addIdle(threads: ThreadCache, pool: WorkerPool): void {
		for (const thread of threads.idle()) this.add({kind: 'thread', tid: thread.tid, connectionId: ''});
		const busy = new Set(this.workers.map((worker) => (worker.kind === 'process' ? worker.pid : -1)));
		for (const worker of pool.live())
			if (worker.pooled && !busy.has(worker.pid))
				this.add({kind: 'process', pid: worker.pid, connectionId: '', pooled: true});
	}
}
