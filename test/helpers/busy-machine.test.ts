import {describe, expect, it} from 'vitest';
import {disturbanceBetween} from '../../source/core/procs/cpu-disturbance.js';
import {parseCpuStat} from '../../source/core/procs/cpu-stat.js';
import {describeDisturbance, startTreeCpu, unlessDisturbed, verdict} from './busy-machine.js';

// Recorded on the 2-core CI machine (2026-12-06, load average 14.8): /proc/stat's first lines 1.05 s
// apart while a `taskset -c 0` busy loop ran (about 1000 ms of CPU 0) and other engineers' work ran too.
const busyBefore = parseCpuStat(
	[
		'cpu  156326 0 15006 21354 146 0 260 772 0 0',
		'cpu0 77830 0 7371 11223 51 0 78 386 0 0',
		'cpu1 78495 0 7634 10130 95 0 181 385 0 0',
		'',
	].join('\n'),
);
const busyAfter = parseCpuStat(
	[
		'cpu  156532 0 15017 21355 146 0 260 772 0 0',
		'cpu0 77935 0 7375 11223 51 0 78 387 0 0',
		'cpu1 78596 0 7641 10131 95 0 181 385 0 0',
		'',
	].join('\n'),
);

describe('verdict on recorded samples', () => {
	const busy = disturbanceBetween([0, 1], busyBefore, busyAfter, 1000, 10);
	// The same window, had the test's own processes been all the busy time: nobody else took any.
	const quiet = disturbanceBetween([0, 1], busyBefore, busyAfter, 2180, 10);

	it('reads the busy window as disturbed and the all-own window as quiet', () => {
		expect(busy).toMatchObject({windowMs: 2190, busyMs: 2180, otherMs: 1180, disturbed: true});
		expect(quiet).toMatchObject({otherMs: 0, disturbed: false});
		expect(describeDisturbance(busy!)).toBe(
			'other processes took 1180 ms of CPU 0,1 (54% of 2190 ms) while the test used 1000 ms',
		);
	});

	it('passes a pass whatever the load; fails a failure on a quiet machine or an unknown load', () => {
		for (const disturbance of [busy, quiet, undefined]) expect(verdict(true, disturbance, 1)).toBe('pass');
		expect(verdict(false, quiet, 1)).toBe('fail');
		expect(verdict(false, quiet, 2)).toBe('fail');
		expect(verdict(false, undefined, 1)).toBe('fail');
	});

	it('retries a failure on a busy machine once, then skips (never a silent pass)', () => {
		expect(verdict(false, busy, 1)).toBe('retry');
		expect(verdict(false, busy, 2)).toBe('skip');
	});
});

describe('unlessDisturbed', () => {
	const context = (skipped: string[]) => ({
		task: {name: 'a scheduler test'},
		skip(note?: string): never {
			skipped.push(note ?? '');
			throw new Error('skipped');
		},
	});

	it('returns after a pass, after one attempt', async () => {
		const attempts: number[] = [];
		await unlessDisturbed(context([]), async (attempt) => {
			attempts.push(attempt);
		});
		expect(attempts).toEqual([1]);
	});

	it('counts the CPU of the children the test waited for as its own', async () => {
		const {spawnSync} = await import('node:child_process');
		const own = startTreeCpu();
		spawnSync(process.execPath, ['-e', 'while (process.cpuUsage().user < 300_000);']);
		expect(own.read()).toBeGreaterThanOrEqual(250);
	});
});
