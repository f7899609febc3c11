import type {ServerModel, ServerModelStats} from '../../core/echo/server-model.js';
import type {ServerView} from '../../core/dashboard/snapshot.js';
import type {ServerPaneMessages} from '../i18n/pane-messages.js';
import {paneMessagesEn} from '../i18n/pane-messages-en.js';

export interface ModelLine {
	text: string;
	tone: 'normal' | 'muted' | 'warn' | 'accent';
}

function seconds(ms: number, words: ServerPaneMessages): string {
	return words.seconds(ms < 10_000 ? (ms / 1000).toFixed(1) : String(Math.round(ms / 1000)));
}

function port(connectionId: string): string {
	return connectionId.slice(connectionId.lastIndexOf(':'));
}

/** `5123 :40001, 5124 :40002 +3 more`: each worker's ID and the client port it serves. */
function ids(
	workers: ReadonlyArray<{id: number; connectionId: string}>,
	total: number,
	words: ServerPaneMessages,
	max = 3,
): string {
	const shown = workers
		.slice(0, max)
		.map((worker) => `${worker.id} ${port(worker.connectionId)}`)
		.join(', ');
	return total > Math.min(workers.length, max)
		? `${shown} ${words.more(total - Math.min(workers.length, max))}`
		: shown;
}

/**
 * The server model in words for the server pane: which model, what it is doing right now (clients
 * waiting their turn and for how long, the threads or child processes serving, failures), from the
 * servers' own stats. `now` makes the waits grow.
 */
export function serverModelLines(
	servers: readonly ServerView[],
	now: number,
	words: ServerPaneMessages = paneMessagesEn.server,
): ModelLine[] {
	const withModels = servers.filter(
		(server): server is ServerView & {models: ServerModelStats} => server.models !== undefined,
	);
	const first = withModels[0];
	if (!first) return [];
	const {model, pool} = first.models;
	// The title names the model; the default one needs no line of its own.
	const lines: ModelLine[] =
		model === 'event-loop' ? [] : [{text: words.modelLine(model, words.models[model], pool), tone: 'accent'}];
	if (model === 'threads') lines.push({text: words.threadsNote, tone: 'muted'});

	const finishing = new Map<ServerModel, number>();
	for (const server of withModels)
		for (const [old, count] of Object.entries(server.models.finishingUnder ?? {}))
			finishing.set(old as ServerModel, (finishing.get(old as ServerModel) ?? 0) + (count ?? 0));
	for (const [old, count] of finishing) lines.push({text: words.finishing(count, old), tone: 'muted'});

	for (const server of withModels) {
		const stats = server.models;
		const proto = server.protocol.toUpperCase();
		if (stats.queuedCount > 0) {
			const shown = stats.queued.slice(0, 3);
			const waits = shown
				.map((client) => `${port(client.connectionId)} ${seconds(Math.max(0, now - client.since), words)}`)
				.join(', ');
			const more = stats.queuedCount > shown.length ? ` ${words.more(stats.queuedCount - shown.length)}` : '';
			lines.push({text: words.waitingTurn(proto, `${waits}${more}`), tone: 'warn'});
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
				text: words.threadsBusy(proto, threadCount, ids(tids, threadCount, words), idleThreads),
				tone: 'normal',
			});
		} else if (idleThreads > 0) {
			lines.push({
				text: words.threadsIdle(proto, idleThreads),
				tone: 'muted',
			});
		}

		if (busy.length > 0 || idle.length > 0) {
			const pids = busy.map((worker) => ({
				id: worker.kind === 'process' ? worker.pid : 0,
				connectionId: worker.connectionId,
			}));
			const busyText = busy.length > 0 ? words.children(busyCount, ids(pids, busyCount, words)) : '';
			const idleText = idle.length > 0 ? words.poolIdle(idle.length) : '';
			lines.push({text: `${proto} ${[busyText, idleText].filter((part) => part !== '').join(', ')}`, tone: 'normal'});
		}

		if (stats.waitingForWorker > 0)
			lines.push({
				text: words.waitingForWorker(proto, stats.waitingForWorker, model === 'threads' ? 'thread' : 'process'),
				tone: 'warn',
			});
		if (stats.handlerFailures > 0)
			lines.push({text: words.handlerFailures(proto, stats.handlerFailures), tone: 'warn'});
	}

	return lines;
}
