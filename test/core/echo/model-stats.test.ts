import {describe, expect, it} from 'vitest';
import {modelStats, type ModelStatsSource} from '../../../source/core/echo/model-stats.js';
import {maxListedClients} from '../../../source/core/echo/server-model.js';
import {ThreadCache} from '../../../source/core/echo/workers/thread-cache.js';
import {WorkerPool} from '../../../source/core/echo/workers/worker-pool.js';

function source(more: Partial<ModelStatsSource>): ModelStatsSource {
	return {
		model: 'iterative',
		finishingUnder: undefined,
		handlerCpuMs: 3,
		waiting: [],
		running: [],
		threads: new ThreadCache({keepIdleMs: 10, maxIdle: 1}),
		pool: new WorkerPool(0, 1, {}),
		queuedForWorkerTotal: 7,
		handlerFailures: 2,
		...more,
	};
}

const peer = {address: '127.0.0.1', port: 5000};

describe('modelStats', () => {
	it('lists the iterative queue (cut, counted) apart from the clients waiting for a worker', () => {
		const waiting = [
			...Array.from({length: maxListedClients + 3}, (_, index) => ({
				id: `q${index}`,
				peer,
				model: 'iterative' as const,
				waitingSince: index,
			})),
			{id: 'w', peer, model: 'threads' as const, waitingSince: 1},
		];
		const stats = modelStats(source({waiting}));
		expect(stats.queued).toHaveLength(maxListedClients);
		expect(stats.queued[0]).toEqual({connectionId: 'q0', peer, since: 0});
		expect(stats).toMatchObject({
			model: 'iterative',
			handlerCpuMs: 3,
			queuedCount: maxListedClients + 3,
			waitingForWorker: 1,
			queuedForWorkerTotal: 7,
			handlerFailures: 2,
			workers: [],
			workerCount: 0,
			pool: 0,
		});
	});

	it('names finishingUnder only when some connection still runs under an older model', () => {
		expect(modelStats(source({finishingUnder: {}}))).not.toHaveProperty('finishingUnder');
		expect(modelStats(source({}))).not.toHaveProperty('finishingUnder');
		expect(modelStats(source({finishingUnder: {threads: 2}})).finishingUnder).toEqual({threads: 2});
	});

	it('lists a running client only once it has a thread or a child', () => {
		const stats = modelStats(source({running: [{id: 'r', thread: undefined, worker: undefined}]}));
		expect(stats.workerCount).toBe(0);
	});
});
