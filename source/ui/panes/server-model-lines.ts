import type {ServerModel, ServerModelStats} from '../../core/echo/server-model.js';
import type {ServerView} from '../../core/store/snapshot.js';

export interface ModelLine {
	text: string;
	tone: 'normal' | 'muted' | 'warn' | 'accent';
}

/** Each model in a few words, with the tutorial's class it stands for. */
export const modelWords: Record<ServerModel, string> = {
	'event-loop': 'one thread serves every socket',
	iterative: 'one client at a time (TCPServer)',
	threads: 'a thread per client (ThreadingTCPServer)',
	processes: 'a process per client (ForkingTCPServer)',
};

function seconds(ms: number): string {
	return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

function port(connectionId: string): string {
	return connectionId.slice(connectionId.lastIndexOf(':'));
}

/** `5123 :40001, 5124 :40002 +3 more`: each worker's ID and the client port it serves. */
function ids(workers: ReadonlyArray<{id: number; connectionId: string}>, total: number, max = 3): string {
	const shown = workers
		.slice(0, max)
		.map((worker) => `${worker.id} ${port(worker.connectionId)}`)
		.join(', ');
	return total > Math.min(workers.length, max) ? `${shown} +${total - Math.min(workers.length, max)} more` : shown;
}

/**
 * The server model in words for the server pane: which model, what it is doing right now (clients
 * waiting their turn and for how long, the threads or child processes serving, failures), from the
 * servers' own stats. `now` makes the waits grow.
 */
export function serverModelLines(servers: readonly ServerView[], now: number): ModelLine[] {
	const withModels = servers.filter(
		(server): server is ServerView & {models: ServerModelStats} => server.models !== undefined,
	);
	const first = withModels[0];
	if (!first) return [];
	const {model, pool} = first.models;
	// The title names the model; the default one needs no line of its own.
	const lines: ModelLine[] =
		model === 'event-loop'
			? []
			: [{text: `model ${model}: ${modelWords[model]}${pool > 0 ? `, pool ${pool}` : ''}`, tone: 'accent'}];
	if (model === 'threads')
		lines.push({text: '(sockets stay on the main thread; handlers run on the threads)', tone: 'muted'});

	const finishing = new Map<ServerModel, number>();
	for (const server of withModels)
		for (const [old, count] of Object.entries(server.models.finishingUnder ?? {}))
			finishing.set(old as ServerModel, (finishing.get(old as ServerModel) ?? 0) + (count ?? 0));
	for (const [old, count] of finishing)
		lines.push({
			text: `${count} open ${count === 1 ? 'connection finishes' : 'connections finish'} under ${old}`,
			tone: 'muted',
		});

	for (const server of withModels) {
		const stats = server.models;
		const proto = server.protocol.toUpperCase();
		if (stats.queuedCount > 0) {
			const shown = stats.queued.slice(0, 3);
			const waits = shown
				.map((client) => `${port(client.connectionId)} ${seconds(Math.max(0, now - client.since))}`)
				.join(', ');
			const more = stats.queuedCount > shown.length ? ` +${stats.queuedCount - shown.length} more` : '';
			lines.push({text: `${proto} waiting their turn: ${waits}${more}`, tone: 'warn'});
		}

		const threads = stats.workers.filter((worker) => worker.kind === 'thread' && worker.connectionId !== '');
		const idleThreads = stats.workers.filter((worker) => worker.kind === 'thread' && worker.connectionId === '').length;
		const busy = stats.workers.filter((worker) => worker.kind === 'process' && worker.connectionId !== '');
		// Workers past the listing bound are only counted: they are the current model's kind.
		const unlisted = Math.max(0, stats.workerCount - stats.workers.length);
		const threadCount = threads.length + (model === 'threads' ? unlisted : 0);
		const busyCount = busy.length + (model === 'processes' ? unlisted : 0);
		const idle = stats.workers.filter((worker) => worker.kind === 'process' && worker.connectionId === '');
		if (threads.length > 0) {
			const tids = threads.map((worker) => ({
				id: worker.kind === 'thread' ? worker.tid : 0,
				connectionId: worker.connectionId,
			}));
			lines.push({
				text: `${proto} ${threadCount} ${threadCount === 1 ? 'thread' : 'threads'}: TID ${ids(tids, threadCount)}${idleThreads > 0 ? `, ${idleThreads} idle` : ''}`,
				tone: 'normal',
			});
		} else if (idleThreads > 0) {
			lines.push({
				text: `${proto} ${idleThreads} idle ${idleThreads === 1 ? 'thread waits' : 'threads wait'} for a client`,
				tone: 'muted',
			});
		}

		if (busy.length > 0 || idle.length > 0) {
			const pids = busy.map((worker) => ({
				id: worker.kind === 'process' ? worker.pid : 0,
				connectionId: worker.connectionId,
			}));
			const busyText =
				busy.length > 0 ? `${busyCount} ${busyCount === 1 ? 'child' : 'children'}: PID ${ids(pids, busyCount)}` : '';
			const idleText = idle.length > 0 ? `${idle.length} idle in the pool` : '';
			lines.push({text: `${proto} ${[busyText, idleText].filter((part) => part !== '').join(', ')}`, tone: 'normal'});
		}

		if (stats.waitingForWorker > 0)
			lines.push({
				text: `${proto} ${stats.waitingForWorker} waiting for a free ${model === 'threads' ? 'thread' : 'process'}`,
				tone: 'warn',
			});
		if (stats.handlerFailures > 0)
			lines.push({text: `${proto} handler failures: ${stats.handlerFailures} (each ended one client)`, tone: 'warn'});
	}

	return lines;
}
