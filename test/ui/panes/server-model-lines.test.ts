import {describe, expect, it} from 'vitest';
import {quietModelStats} from '../../../source/core/echo/server-model.js';
import type {ServerView} from '../../../source/core/dashboard/snapshot.js';
import {serverModelLines} from '../../../source/ui/panes/server-model-lines.js';
import {serverView} from '../../helpers/server-view.js';

function server(protocol: 'tcp' | 'udp', models: ServerView['models']): ServerView {
	return serverView({protocol, ...(models === undefined ? {} : {models})});
}

const peer = {address: '127.0.0.1', port: 40_001};

describe('serverModelLines', () => {
	it('says nothing before the server has reported its model', () => {
		expect(serverModelLines([server('tcp', undefined)], 0)).toEqual([]);
	});

	it('iterative: the model in words and each waiting client with how long it has waited, growing with the clock', () => {
		const models = {
			...quietModelStats('iterative'),
			queued: [
				{connectionId: 'tcp:127.0.0.1:40001', peer, since: 1000},
				{connectionId: 'tcp:127.0.0.1:40002', peer, since: 5000},
			],
			queuedCount: 5,
		};
		const texts = (now: number) =>
			serverModelLines([server('tcp', models), server('udp', quietModelStats('iterative'))], now).map(
				(line) => line.text,
			);
		expect(texts(6200)).toEqual([
			'model iterative: one client at a time (TCPServer)',
			'TCP waiting their turn: :40001 5.2 s, :40002 1.2 s +3 more',
		]);
		expect(texts(21_000)[1]).toBe('TCP waiting their turn: :40001 20 s, :40002 16 s +3 more');
	});

	it('threads and processes: the workers by TID and PID, cut with a count; waits for a worker, failures, old models', () => {
		const threads = {
			...quietModelStats('threads'),
			finishingUnder: {iterative: 1},
			workers: [1, 2, 3, 4].map((tid) => ({
				kind: 'thread' as const,
				tid: 100 + tid,
				connectionId: `tcp:127.0.0.1:${tid}`,
			})),
			workerCount: 4,
			waitingForWorker: 2,
			handlerFailures: 1,
		};
		expect(serverModelLines([server('tcp', threads)], 0).map((line) => line.text)).toEqual([
			'model threads: a thread per client (ThreadingTCPServer)',
			'(sockets stay on the main thread; handlers run on the threads)',
			'1 open connection finishes under iterative',
			'TCP 4 threads: TID 101 :1, 102 :2, 103 :3 +1 more',
			'TCP 2 waiting for a free thread',
			'TCP handler failures: 1 (each ended one client)',
		]);
		const processes = {
			...quietModelStats('processes'),
			pool: 3,
			workers: [
				{kind: 'process' as const, pid: 501, connectionId: 'udp:127.0.0.1:9', pooled: true},
				{kind: 'process' as const, pid: 502, connectionId: '', pooled: true},
				{kind: 'process' as const, pid: 503, connectionId: '', pooled: true},
			],
			workerCount: 3,
		};
		expect(serverModelLines([server('udp', processes)], 0).map((line) => line.text)).toEqual([
			'model processes: a process per client (ForkingTCPServer), pool 3',
			'UDP 1 child: PID 501 :9, 2 idle in the pool',
		]);
	});
});
