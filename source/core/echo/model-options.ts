import type {ServerModel} from './server-model.js';
import {ThreadCache} from './workers/thread-cache.js';
import {WorkerPool} from './workers/worker-pool.js';
import type {WorkerSpawnOptions} from './workers/worker-process.js';

/** How a TCP or UDP echo server runs its handler (see server-model.ts). */
export interface ModelOptions {
	model: ServerModel;
	/** CPU burned per message in the handler (ms). */
	handlerCpuMs: number;
	/** processes: pre-started children (0 = a fresh child per connection or datagram). */
	pool: number;
	/** threads: handler threads alive at once; more connections or datagrams wait their turn. */
	maxThreads: number;
	/** processes: children alive at once; more wait their turn. */
	maxProcesses: number;
	/** How to start a `server-worker` child. */
	spawn: WorkerSpawnOptions;
	/** Tests only: a thread's handler throws on a message containing this text. */
	failOn?: string;
}

/** threads: a thread whose client is done waits this long for the next (see ThreadCache), at most this many. */
export const threadKeepIdleMs = 2000;
export const threadMaxIdle = 16;

/** Handler CPU per message is clamped to this (ms). */
export const maxHandlerCpuMs = 10_000;

export function clampHandlerCpu(ms: number): number {
	if (!Number.isFinite(ms) || ms <= 0) return 0;
	return Math.min(Math.round(ms), maxHandlerCpuMs);
}

/**
 * A server's threads and children for these options: the pool (started at once when `pool` > 0, and
 * `onFree` called whenever a child can take work) and the cache of idle handler threads.
 */
export function modelWorkers(models: ModelOptions, onFree: () => void): {pool: WorkerPool; threads: ThreadCache} {
	const pool = new WorkerPool(models.pool, models.maxProcesses, models.spawn);
	const threads = new ThreadCache({
		keepIdleMs: threadKeepIdleMs,
		maxIdle: threadMaxIdle,
		...(models.failOn === undefined ? {} : {failOn: models.failOn}),
	});
	pool.onFree(onFree);
	pool.fill();
	return {pool, threads};
}
