import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {
	startDisturbanceMeter,
	disturbanceBetween,
	disturbedMinMs,
	disturbedMinPct,
} from '../../../source/core/procs/cpu-disturbance.js';
import type {CoreTimes} from '../../../source/core/procs/cpu-stat.js';

const core = (cpu: number, busyTicks: number, totalTicks: number): CoreTimes => ({cpu, busyTicks, totalTicks});

describe('disturbanceBetween', () => {
	it('counts what the demo did not use of the busy time as other, in ms of 10 ms ticks', () => {
		// CPU 1 over 2 s: 150 ticks busy, the demo's jobs ran 1000 ms of it: others took 500 ms (25%).
		const reading = disturbanceBetween(
			[1],
			[core(0, 0, 0), core(1, 100, 1000)],
			[core(0, 5, 200), core(1, 250, 1200)],
			1000,
		);
		expect(reading).toMatchObject({cpus: [1], windowMs: 2000, busyMs: 1500, demoMs: 1000, otherMs: 500});
		expect(reading!.otherPct).toBeCloseTo(25);
		expect(reading!.disturbed).toBe(true);
	});

	it('is not disturbed below either threshold, and never goes below zero', () => {
		// The demo's CPU time (ns-precise) can exceed the busy ticks by a tick's rounding.
		const quiet = disturbanceBetween([0], [core(0, 0, 0)], [core(0, 99, 100)], 1000);
		expect(quiet).toMatchObject({otherMs: 0, otherPct: 0, disturbed: false});
		// 40 ms of 100 ms is 40%, but under the ms floor: rounding of a few ticks is no disturbance.
		const short = disturbanceBetween([0], [core(0, 0, 0)], [core(0, 4, 10)], 0);
		expect(short!.otherMs).toBeLessThan(disturbedMinMs);
		expect(short!.disturbed).toBe(false);
		// Exactly at the share threshold and above the floor: disturbed.
		const atThreshold = disturbanceBetween([0], [core(0, 0, 0)], [core(0, disturbedMinPct, 100)], 0);
		expect(atThreshold).toMatchObject({otherMs: 10 * disturbedMinPct, disturbed: true});
	});

	it('sums several CPUs (an unpinned run) and refuses a CPU it has no reading for', () => {
		const both = disturbanceBetween([0, 1], [core(0, 0, 0), core(1, 0, 0)], [core(0, 100, 100), core(1, 0, 100)], 500);
		expect(both).toMatchObject({windowMs: 2000, busyMs: 1000, otherMs: 500, otherPct: 25});
		expect(disturbanceBetween([2], [core(0, 0, 0)], [core(0, 1, 1)], 0)).toBeUndefined();
	});
});

describe('startDisturbanceMeter', () => {
	let root: string | undefined;
	afterEach(() => {
		if (root) rmSync(root, {recursive: true, force: true});
		root = undefined;
	});

	const writeStat = (lines: string[]): void => {
		writeFileSync(path.join(root!, 'stat'), ['cpu  0 0 0 0 0 0 0 0 0 0', ...lines, 'intr 1 2 3', ''].join('\n'));
	};

	it('reads /proc/stat at start and at read, on the CPUs asked for', () => {
		root = mkdtempSync(path.join(tmpdir(), 'socktui-stat-'));
		writeStat(['cpu0 10 0 0 90 0 0 0 0 0 0', 'cpu1 10 0 0 90 0 0 0 0 0 0']);
		const meter = startDisturbanceMeter([1], root)!;
		expect(meter.cpus).toEqual([1]);
		// CPU 1: 60 ticks user + 10 system + 5 steal busy, 25 idle in the window; CPU 0 is not measured.
		writeStat(['cpu0 110 0 0 90 0 0 0 0 0 0', 'cpu1 70 0 10 115 0 0 0 5 0 0']);
		expect(meter.read(250)).toMatchObject({cpus: [1], windowMs: 1000, busyMs: 750, otherMs: 500, disturbed: true});
	});

	it('is undefined where /proc/stat is missing or lacks the CPU, so callers say the load is unknown', () => {
		root = mkdtempSync(path.join(tmpdir(), 'socktui-stat-'));
		expect(startDisturbanceMeter('all', root)).toBeUndefined();
		writeStat(['cpu0 1 0 0 1 0 0 0 0 0 0']);
		expect(startDisturbanceMeter([3], root)).toBeUndefined();
		expect(startDisturbanceMeter('all', root)!.cpus).toEqual([0]);
	});

	it('reads this machine on Linux', () => {
		const meter = startDisturbanceMeter('all');
		if (!meter) {
			console.log('skipped: no /proc/stat here');
			return;
		}

		const reading = meter.read(0)!;
		expect(reading.cpus.length).toBeGreaterThan(0);
		expect(reading.otherMs).toBe(reading.busyMs);
	});
});
