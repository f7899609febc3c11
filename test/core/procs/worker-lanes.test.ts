import {describe, expect, it} from 'vitest';
import {quietModelStats, type ServerWorker} from '../../../source/core/echo/server-model.js';
import type {EchoServerStats} from '../../../source/core/echo/types.js';
import {workerLanes} from '../../../source/core/procs/worker-lanes.js';
import {echoStats} from '../../helpers/echo-stats.js';

function stats(protocol: 'tcp' | 'udp', workers: ServerWorker[]): EchoServerStats {
	return echoStats(protocol, {models: {...quietModelStats('threads'), workers, workerCount: workers.length}});
}

describe('workerLanes', () => {
	it('names each thread and child after the session it serves, or the peer port, or the pool', () => {
		const sessions = [
			{sessionId: 2, protocol: 'tcp' as const, local: {address: '127.0.0.1', port: 40_002}},
			{sessionId: 3, protocol: 'udp' as const, local: {address: '127.0.0.1', port: 40_002}},
		];
		const lanes = workerLanes(
			[
				stats('tcp', [
					{kind: 'thread', tid: 7001, connectionId: 'tcp:127.0.0.1:40002'},
					{kind: 'thread', tid: 7002, connectionId: 'tcp:[::1]:51000'},
					{kind: 'thread', tid: -1, connectionId: 'tcp:127.0.0.1:1'},
				]),
				stats('udp', [
					{kind: 'process', pid: 8001, connectionId: 'udp:127.0.0.1:40002'},
					{kind: 'process', pid: 8002, connectionId: '', pooled: true},
				]),
			],
			sessions,
		);
		expect(lanes).toEqual([
			{pid: 7001, kind: 'thread', label: 'thread #2'},
			{pid: 7002, kind: 'thread', label: 'thread :51000'},
			{pid: 8001, kind: 'child', label: 'child #3'},
			{pid: 8002, kind: 'child', label: 'pool idle'},
		]);
	});
});
