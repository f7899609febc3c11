import {isCount, isRecord} from '../ipc-values.js';
import {
	isServerModel,
	maxListedClients,
	maxListedWorkers,
	serverModels,
	type QueuedClient,
	type ServerModel,
	type ServerModelStats,
	type ServerWorker,
} from '../echo/server-model.js';

/** The `models` part of a server's stats, checked field by field (it arrives from another process). */

function isId(value: unknown): value is string {
	return typeof value === 'string' && value.length <= 300;
}

function queuedClient(value: unknown): QueuedClient | undefined {
	if (!isRecord(value) || !isId(value['connectionId']) || !isCount(value['since'])) return undefined;
	const peer = value['peer'];
	if (!isRecord(peer) || typeof peer['address'] !== 'string' || peer['address'].length > 255) return undefined;
	if (!isCount(peer['port']) || peer['port'] > 65_535) return undefined;
	return {
		connectionId: value['connectionId'],
		peer: {address: peer['address'], port: peer['port']},
		since: value['since'],
	};
}

function worker(value: unknown): ServerWorker | undefined {
	if (!isRecord(value) || !isId(value['connectionId'])) return undefined;
	const connectionId = value['connectionId'];
	// A thread's TID is -1 where /proc/thread-self cannot be read.
	if (value['kind'] === 'thread' && Number.isSafeInteger(value['tid']) && (value['tid'] as number) >= -1)
		return {kind: 'thread', tid: value['tid'] as number, connectionId};
	if (value['kind'] === 'process' && isCount(value['pid']) && value['pid'] > 0) {
		const pooled = value['pooled'] === true;
		return {kind: 'process', pid: value['pid'], connectionId, ...(pooled ? {pooled} : {})};
	}

	return undefined;
}

function listOf<T>(value: unknown, max: number, parse: (item: unknown) => T | undefined): T[] | undefined {
	if (!Array.isArray(value) || value.length > max) return undefined;
	const items = (value as unknown[]).map((item) => parse(item));
	return items.includes(undefined) ? undefined : (items as T[]);
}

export function parseModelStats(value: unknown): ServerModelStats | undefined {
	if (!isRecord(value) || !isServerModel(value['model'])) return undefined;
	const counts = [
		'handlerCpuMs',
		'queuedCount',
		'workerCount',
		'waitingForWorker',
		'queuedForWorkerTotal',
		'handlerFailures',
		'pool',
	] as const;
	if (!counts.every((key) => isCount(value[key]))) return undefined;
	const queued = listOf(value['queued'], maxListedClients, queuedClient);
	const workers = listOf(value['workers'], maxListedWorkers, worker);
	if (!queued || !workers) return undefined;
	let finishingUnder: Partial<Record<ServerModel, number>> | undefined;
	if (value['finishingUnder'] !== undefined) {
		const field = value['finishingUnder'];
		if (!isRecord(field)) return undefined;
		finishingUnder = {};
		for (const model of serverModels) {
			if (field[model] === undefined) continue;
			if (!isCount(field[model])) return undefined;
			finishingUnder[model] = field[model];
		}
	}

	const stats: ServerModelStats = {
		model: value['model'],
		handlerCpuMs: value['handlerCpuMs'] as number,
		queued,
		queuedCount: value['queuedCount'] as number,
		workers,
		workerCount: value['workerCount'] as number,
		waitingForWorker: value['waitingForWorker'] as number,
		queuedForWorkerTotal: value['queuedForWorkerTotal'] as number,
		handlerFailures: value['handlerFailures'] as number,
		pool: value['pool'] as number,
	};
	return finishingUnder === undefined ? stats : {...stats, finishingUnder};
}
