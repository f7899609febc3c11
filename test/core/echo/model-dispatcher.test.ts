import {afterEach, describe, expect, it} from 'vitest';
import {
	arrivingClient,
	ModelDispatcher,
	type ModelClient,
	type ModelHooks,
} from '../../../source/core/echo/model-dispatcher.js';
import {maxHandlerCpuMs, type ModelOptions} from '../../../source/core/echo/model-options.js';
import type {ServerModel} from '../../../source/core/echo/server-model.js';
import {waitFor} from './echo-test-kit.js';

interface Client extends ModelClient {
	readonly events: string[];
}

let nextPort = 40_000;

function client(model: ServerModel): Client {
	const port = nextPort++;
	return {
		id: `tcp:127.0.0.1:${port}`,
		peer: {address: '127.0.0.1', port},
		...arrivingClient(model),
		events: [],
	};
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString();

/** Hooks that note what the dispatcher asked for on the client itself. */
const hooks: ModelHooks<Client> = {
	reply: (c, reply) => c.events.push(`reply ${text(reply)}`),
	send: (c, reply) => c.events.push(`send ${text(reply)}`),
	away: (c, bytes) => c.events.push(`away ${bytes}`),
	answered: (c, reply) => c.events.push(`answered ${text(reply)}`),
	start: (c) => c.events.push('start'),
	admitted: (c) => c.events.push('admitted'),
	handOff: (c) => c.events.push('hand-off'),
	fail(c) {
		c.events.push('fail');
		c.finished = true;
	},
};

const open: Array<ModelDispatcher<Client>> = [];

function dispatcher(model: ServerModel, more: Partial<ModelOptions> = {}, replyDelayMs = 0): ModelDispatcher<Client> {
	const options: ModelOptions = {model, handlerCpuMs: 0, pool: 0, maxThreads: 1, maxProcesses: 1, spawn: {}, ...more};
	const made = new ModelDispatcher<Client>(options, replyDelayMs, hooks);
	open.push(made);
	return made;
}

afterEach(async () => {
	await Promise.all(open.splice(0).map(async (made) => made.close()));
});

describe('ModelDispatcher', () => {
	it('clamps the knobs and hands threads and children one knobs object until a knob changes', () => {
		const models = dispatcher('event-loop', {handlerCpuMs: maxHandlerCpuMs * 2}, -5);
		expect(models.handlerCpuMs).toBe(maxHandlerCpuMs);
		expect(models.replyDelayMs).toBe(0);
		const before = models.knobs();
		expect(models.knobs()).toBe(before);
		models.setReplyDelay(Number.NaN);
		models.setHandlerCpu(2.4);
		expect(models.knobs()).toEqual({replyDelayMs: 0, handlerCpuMs: 2});
		expect(models.knobs()).not.toBe(before);
		models.setModel('threads');
		expect(models.model).toBe('threads');
		expect(models.stats()).toMatchObject({model: 'threads', handlerCpuMs: 2, handlerFailures: 0, pool: 0});
	});

	it('event-loop: the reply goes to `reply` (which may hold it for the delay); iterative: to `send`, after the delay', () => {
		const models = dispatcher('event-loop');
		const looped = client('event-loop');
		models.handle(looped, Buffer.from('abc'));
		const iterative = client('iterative');
		models.handle(iterative, Buffer.from('xyz'));
		expect(looped.events).toEqual(['reply ABC']);
		expect(iterative.events).toEqual(['send XYZ']);
	});

	it('iterative: one client at a time; the next is listed as queued and admitted when the first is released', () => {
		const models = dispatcher('iterative');
		const first = client('iterative');
		const second = client('iterative');
		models.admit(first, 1000);
		models.admit(second, 2000);
		expect(first.events).toEqual(['start']);
		expect(second.events).toEqual([]);
		expect(models.stats()).toMatchObject({
			queued: [{connectionId: second.id, peer: second.peer, since: 2000}],
			queuedCount: 1,
			waitingForWorker: 0,
			queuedForWorkerTotal: 0,
		});
		first.finished = true;
		models.release(first);
		expect(second.events).toEqual(['start', 'admitted']);
		expect(second.waitingSince).toBeUndefined();
		expect(models.stats()).toMatchObject({queued: [], queuedCount: 0});
	});

	it('a client released while it waits leaves the queue', () => {
		const models = dispatcher('iterative');
		const first = client('iterative');
		const second = client('iterative');
		models.admit(first, 1);
		models.admit(second, 2);
		second.finished = true;
		models.release(second);
		expect(models.stats().queuedCount).toBe(0);
		models.release(first);
		expect(second.events).toEqual([]);
	});

	it('handleOnce (UDP): event-loop and iterative run at once; threads wait for a thread', async () => {
		const models = dispatcher('event-loop');
		const looped = client('event-loop');
		models.handleOnce(looped, Buffer.from('a'), 1);
		expect(looped.events).toEqual(['reply A']);
		const threaded = client('threads');
		models.handleOnce(threaded, Buffer.from('b'), 1);
		expect(models.busy).toBe(1);
		await waitFor(() => threaded.events.includes('start'), 'the thread to start');
		expect(models.stats().workers).toEqual([{kind: 'thread', tid: threaded.thread!.tid, connectionId: threaded.id}]);
	});

	it('threads: at most maxThreads live; a request goes to the thread and its reply comes back', async () => {
		const models = dispatcher('threads', {maxThreads: 1});
		const first = client('threads');
		const second = client('threads');
		models.admit(first, 1);
		models.admit(second, 2);
		expect(models.stats()).toMatchObject({waitingForWorker: 1, queuedForWorkerTotal: 1, queuedCount: 0});
		await waitFor(() => first.events.includes('start'), 'the first thread');
		models.handle(first, Buffer.from('hello'));
		await waitFor(() => first.events.includes('answered HELLO'), 'the reply');
		expect(first.events).toEqual(['start', 'away 5', 'answered HELLO']);
		expect(second.events).toEqual([]);
		first.finished = true;
		models.release(first);
		await waitFor(() => second.events.includes('start'), 'the second thread');
		expect(second.events).toEqual(['admitted', 'start']);
		expect(models.stats().waitingForWorker).toBe(0);
	});

	it('a failure ends the client once, counted unless the server is closing', async () => {
		const models = dispatcher('threads');
		const failing = client('threads');
		models.fail(failing);
		models.fail(failing);
		expect(failing.events).toEqual(['fail']);
		expect(models.stats().handlerFailures).toBe(1);
		await models.close();
		models.fail(client('threads'));
		expect(models.stats().handlerFailures).toBe(1);
	});

	it('threads: a handler that throws ends its client through `fail`', async () => {
		const models = dispatcher('threads', {failOn: 'boom'});
		const failing = client('threads');
		models.admit(failing, 1);
		await waitFor(() => failing.events.includes('start'), 'the thread');
		models.handle(failing, Buffer.from('boom'));
		await waitFor(() => failing.events.includes('fail'), 'the failure');
		expect(models.stats().handlerFailures).toBe(1);
		models.release(failing);
	});

	it('after close nobody waiting is started', async () => {
		const models = dispatcher('iterative');
		const first = client('iterative');
		const second = client('iterative');
		models.admit(first, 1);
		models.admit(second, 2);
		await models.close();
		models.release(first);
		expect(second.events).toEqual([]);
		expect(models.busy).toBe(0);
	});
});
