import {afterEach, describe, expect, it} from 'vitest';
import {HandlerThread} from '../../../../source/core/echo/workers/handler-thread.js';

const started: HandlerThread[] = [];

afterEach(async () => {
	await Promise.all(started.splice(0).map(async (thread) => thread.close()));
});

describe('HandlerThread', () => {
	it("answers a request held in Node's shared Buffer pool, and leaves the pool's other Buffers as they were", async () => {
		const thread = await HandlerThread.start({label: 'echo test'});
		started.push(thread);
		// Small Buffers share one pooled ArrayBuffer: `request` is a view into it, beside `neighbour`.
		const request = Buffer.from('hello');
		const neighbour = Buffer.from('world');
		expect(request.buffer).toBe(neighbour.buffer);
		expect(request.byteLength).toBeLessThan(request.buffer.byteLength);
		const reply = await thread.handle(request, {handlerCpuMs: 0, replyDelayMs: 0});
		expect(Buffer.from(reply).toString()).toBe('HELLO');
		// Moving the pool to the thread would have detached both (byteLength 0).
		expect(neighbour.toString()).toBe('world');
		expect(request.toString()).toBe('hello');
	});
});
