import {mkdtemp, readFile, rm, stat, symlink, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {memoryLogOptions, startMemoryLog, type MemoryLogLine} from '../../../source/core/procs/memory-log.js';
import {isSocktuiError} from '../../../source/core/errors.js';
import {waitUntil} from '../../helpers/wait.js';

const usage = (heapUsed: number): NodeJS.MemoryUsage => ({
	rss: 50_000_000,
	heapUsed,
	heapTotal: 30_000_000,
	external: 1000,
	arrayBuffers: 500,
});

async function lines(file: string): Promise<MemoryLogLine[]> {
	const text = await readFile(file, 'utf8');
	return text
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line) as MemoryLogLine);
}

describe('the memory log (SOCKTUI_MEMORY_LOG)', () => {
	let dir: string;
	beforeEach(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'socktui-memlog-'));
	});
	afterEach(async () => {
		await rm(dir, {recursive: true, force: true});
	});

	it('is off without the variable, and reads the file and the interval from the environment', () => {
		expect(memoryLogOptions({})).toBeUndefined();
		expect(memoryLogOptions({SOCKTUI_MEMORY_LOG: ''})).toBeUndefined();
		expect(memoryLogOptions({SOCKTUI_MEMORY_LOG: '/tmp/x'})).toEqual({path: '/tmp/x', intervalMs: 1000});
		expect(memoryLogOptions({SOCKTUI_MEMORY_LOG: '/tmp/x', SOCKTUI_MEMORY_LOG_MS: '250'})).toEqual({
			path: '/tmp/x',
			intervalMs: 250,
		});
	});

	it.each(['abc', '5', '-1', '1.5', '99999999'])('SOCKTUI_MEMORY_LOG_MS=%s is a usage error', (value) => {
		let caught: unknown;
		try {
			memoryLogOptions({SOCKTUI_MEMORY_LOG: '/tmp/x', SOCKTUI_MEMORY_LOG_MS: value});
		} catch (error: unknown) {
			caught = error;
		}

		expect(isSocktuiError(caught) && caught.kind).toBe('BadUsage');
	});

	it('writes one JSON line at once and one per interval, and nothing after stop', async () => {
		const file = path.join(dir, 'memory.jsonl');
		let heap = 1000;
		let collections = 0;
		const log = startMemoryLog({
			path: file,
			intervalMs: 20,
			usage: () => usage(heap++),
			now: () => 42,
			collect: () => collections++,
		});
		expect(collections).toBe(1);
		// The first line is written at once (reading the file may take longer than an interval: more may follow).
		expect((await lines(file))[0]).toEqual({
			at: 42,
			rss: 50_000_000,
			heapUsed: 1000,
			heapTotal: 30_000_000,
			external: 1000,
			arrayBuffers: 500,
		});
		await waitUntil(async () => (await lines(file)).length >= 3, 'three lines are written', {timeoutMs: 5000});
		log.stop();
		const written = await lines(file);
		expect(written.length).toBeGreaterThanOrEqual(3);
		expect(written.map((line) => line.heapUsed)).toEqual(written.map((_, index) => 1000 + index));
		expect(collections).toBe(written.length);
		await new Promise((resolve) => {
			setTimeout(resolve, 100);
		});
		expect(await lines(file)).toHaveLength(written.length);
	});

	it('writes through no symlink and over no file (issue 24); a new log is 0600', async () => {
		const target = path.join(dir, 'victim');
		await writeFile(target, 'keep');
		const planted = path.join(dir, 'planted.jsonl');
		await symlink(target, planted);
		expect(() => startMemoryLog({path: planted, intervalMs: 100})).toThrow(
			/^SOCKTUI_MEMORY_LOG: cannot open .*planted\.jsonl: it is a symbolic link/,
		);
		expect(() => startMemoryLog({path: target, intervalMs: 100})).toThrow(/it already exists/);
		expect(await readFile(target, 'utf8')).toBe('keep');
		const fresh = path.join(dir, 'fresh.jsonl');
		startMemoryLog({path: fresh, intervalMs: 100, collect: undefined}).stop();
		expect((await stat(fresh)).mode & 0o777).toBe(0o600);
	});

	it('a file it cannot open is a usage error naming the variable', () => {
		expect(() => startMemoryLog({path: path.join(dir, 'missing', 'memory.jsonl'), intervalMs: 100})).toThrow(
			/^SOCKTUI_MEMORY_LOG: cannot open .*missing/,
		);
	});
});
