import {describe, expect, it} from 'vitest';
import {quietModelStats} from '../../../source/core/echo/server-model.js';
import {parseModelStats} from '../../../source/core/server-process/model-stats-message.js';

const good = {
	...quietModelStats('iterative'),
	finishingUnder: {threads: 2},
	queued: [{connectionId: 'tcp:127.0.0.1:5', peer: {address: '127.0.0.1', port: 5}, since: 1}],
	queuedCount: 1,
	workers: [
		{kind: 'thread', tid: 10, connectionId: 'tcp:127.0.0.1:6'},
		{kind: 'process', pid: 11, connectionId: '', pooled: true},
	],
	workerCount: 2,
};

describe('parseModelStats (untrusted, from the server process)', () => {
	it('keeps a well-formed report as it is', () => {
		expect(parseModelStats(JSON.parse(JSON.stringify(good)))).toEqual(good);
	});

	it.each([
		['an unknown model', {...good, model: 'forking'}],
		['a negative count', {...good, queuedCount: -1}],
		['a fractional CPU', {...good, handlerCpuMs: 1.5}],
		['a list too long', {...good, workers: Array.from({length: 33}, () => good.workers[0])}],
		['a worker of another kind', {...good, workers: [{kind: 'fiber', tid: 1, connectionId: ''}]}],
		['a process with PID 0', {...good, workers: [{kind: 'process', pid: 0, connectionId: ''}]}],
		['a queued client without a peer', {...good, queued: [{connectionId: 'x', since: 1}]}],
		['an old model that is not one', {...good, finishingUnder: {forking: 1}}],
		['a string', 'iterative'],
	])('drops %s', (_what, value) => {
		const parsed = parseModelStats(value);
		// An unknown key in finishingUnder is ignored, not trusted.
		if (parsed !== undefined) expect(parsed.finishingUnder).toEqual({});
		else expect(parsed).toBeUndefined();
	});
});
