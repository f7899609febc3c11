import {describe, expect, it} from 'vitest';
import {runJobChild} from '../../../source/core/experiment/job-child.js';
import type {JobMessage} from '../../../source/core/experiment/job-messages.js';
import type {SessionChannel} from '../../../source/core/sessions/session-channel.js';
import {buildFromProgram} from '../../../source/core/ostep/process-run/workload.js';

function fakeChannel() {
	const sent: JobMessage[] = [];
	let onMessage: (value: unknown) => void = () => {};
	let onDisconnect: () => void = () => {};
	let waiter: (() => void) | undefined;
	const channel: SessionChannel<JobMessage> = {
		send(message) {
			sent.push(message);
			waiter?.();
		},
		onMessage(listener) {
			onMessage = listener;
		},
		onDisconnect(listener) {
			onDisconnect = listener;
		},
		async close() {},
	};
	const until = async (type: JobMessage['type']) => {
		while (!sent.some((message) => message.type === type)) await new Promise<void>((resolve) => (waiter = resolve));
	};
	return {channel, sent, until, deliver: (value: unknown) => onMessage(value), disconnect: () => onDisconnect()};
}

const options = (program: string) => ({
	code: buildFromProgram(program).processes[0]!,
	tickMs: 7,
	ioMs: 5,
	ioKind: 'sleep' as const,
	host: '127.0.0.1',
	port: 0,
});

describe('an experiment job', () => {
	it('says ready, waits for go, burns a tick per c and one to start and one to end each IO, then waits for exit', async () => {
		const fake = fakeChannel();
		const burns: number[] = [];
		const done = runJobChild(options('c2,i,c1'), {channel: fake.channel, pid: 42, burn: (ms) => burns.push(ms)});
		await fake.until('ready');
		expect(fake.sent).toEqual([{type: 'ready', pid: 42}]);
		expect(burns).toEqual([]);
		fake.deliver({type: 'nonsense'});
		fake.deliver({type: 'go'});
		await fake.until('done');
		// c2 = 2 ticks, i = a tick to start and (as io_done) a tick when it is done, c1 = 1 tick.
		expect(burns).toEqual([7, 7, 7, 7, 7]);
		fake.deliver({type: 'exit'});
		expect(await done).toBe(0);
	});

	it('stops between ticks when the experiment goes away', async () => {
		const fake = fakeChannel();
		let burns = 0;
		const done = runJobChild(options('c1000'), {
			channel: fake.channel,
			pid: 42,
			burn() {
				burns++;
				// The experiment goes away in the middle of the third tick.
				if (burns === 3) fake.disconnect();
			},
		});
		await fake.until('ready');
		fake.deliver({type: 'go'});
		expect(await done).toBe(1);
		expect(burns).toBeLessThan(1000);
		expect(fake.sent.map((message) => message.type)).toEqual(['ready']);
	});

	it('reports an echo server it cannot reach as failed, in one line', async () => {
		const fake = fakeChannel();
		const code = await runJobChild(
			{...options('i'), ioKind: 'echo', port: 1},
			{channel: fake.channel, pid: 42, burn() {}},
		);
		expect(code).toBe(1);
		expect(fake.sent).toEqual([{type: 'failed', message: expect.stringMatching(/ECONNREFUSED/)}]);
	});
});
