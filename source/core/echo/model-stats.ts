import {maxListedClients, type QueuedClient, type ServerModel, type ServerModelStats} from './server-model.js';
import type {Endpoint} from './types.js';
import type {HandlerThread} from './workers/handler-thread.js';
import type {ThreadCache} from './workers/thread-cache.js';
import type {WorkerPool} from './workers/worker-pool.js';
import type {WorkerProcess} from './workers/worker-process.js';
import {servingWorker, WorkerList} from './workers/worker-list.js';

/** What the model stats are made from (a dispatcher's state, read when the stats are asked for). */
export interface ModelStatsSource {
	model: ServerModel;
	finishingUnder: Partial<Record<ServerModel, number>> | undefined;
	handlerCpuMs: number;
	/** Clients waiting their turn (iterative) or for a worker, oldest first. */
	waiting: Iterable<{id: string; peer: Endpoint; model: ServerModel; waitingSince: number | undefined}>;
	/** Clients holding a thread slot or a child, oldest first. */
	running: Iterable<{id: string; thread: HandlerThread | undefined; worker: WorkerProcess | undefined}>;
	threads: ThreadCache;
	pool: WorkerPool;
	queuedForWorkerTotal: number;
	handlerFailures: number;
}

/** The stats of a server's model: the queue (cut to `maxListedClients`), the workers busy then idle, the counts. */
export function modelStats(source: ModelStatsSource): ServerModelStats {
	const queued: QueuedClient[] = [];
	let queuedCount = 0;
	let waitingForWorker = 0;
	for (const client of source.waiting) {
		if (client.model !== 'iterative') {
			waitingForWorker += 1;
			continue;
		}

		queuedCount += 1;
		if (queued.length < maxListedClients)
			queued.push({connectionId: client.id, peer: client.peer, since: client.waitingSince!});
	}

	const workers = new WorkerList();
	for (const client of source.running) workers.add(servingWorker(client.id, client.thread, client.worker));
	workers.addIdle(source.threads, source.pool);
	const {finishingUnder} = source;
	return {
		model: source.model,
		...(finishingUnder !== undefined && Object.keys(finishingUnder).length > 0 ? {finishingUnder} : {}),
		handlerCpuMs: source.handlerCpuMs,
		queued,
		queuedCount,
		workers: workers.workers,
		workerCount: workers.count,
		waitingForWorker,
		queuedForWorkerTotal: source.queuedForWorkerTotal,
		handlerFailures: source.handlerFailures,
		pool: source.pool.size,
	};
}
