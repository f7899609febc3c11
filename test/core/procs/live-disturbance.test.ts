import {describe, expect, it} from 'vitest';
import {disturbedMinMs, disturbedMinPct} from '../../../source/core/procs/cpu-disturbance.js';
import {liveDisturbance} from '../../../source/core/procs/live-disturbance.js';
import {ProcessSampler} from '../../../source/core/procs/sampler.js';
import type {TimelineSnapshot} from '../../../source/core/procs/types.js';
import {FakeSource, FakeTimers} from './fake-source.js';

const tickMs = 100;
const tickNs = tickMs * 1e6;

/**
 * A recorded run: per tick, how long the demo's process (pid 1) ran on which CPU, and each core's busy time
 * as /proc/stat would count it. The sampler turns it into its snapshot; the figure is computed from that.
 */
async function replay(
	ticks: ReadonlyArray<{demoNs: number; demoCpu: number; busyNs: readonly number[]}>,
	columns = 100,
): Promise<TimelineSnapshot> {
	const source = new FakeSource({coreCount: 2});
	const timers = new FakeTimers();
	const sampler = new ProcessSampler({source, timers, columns, intervalMs: tickMs});
	source.advance(1, {});
	source.cores = [0, 1].map((cpu) => ({cpu, busyNs: 0, totalNs: 0}));
	sampler.watch(1, 'server');
	timers.time += tickMs;
	let snapshot = await sampler.sampleNow();
	const busy = [0, 0];
	for (const tick of ticks) {
		source.advance(1, {runNs: tick.demoNs, cpu: tick.demoCpu});
		for (const cpu of [0, 1]) busy[cpu]! += tick.busyNs[cpu]!;
		source.cores = [0, 1].map((cpu) => ({cpu, busyNs: busy[cpu]!, totalNs: 0}));
		timers.time += tickMs;
		snapshot = await sampler.sampleNow();
	}

	return snapshot;
}

const repeat = <T>(count: number, value: T): T[] => Array.from({length: count}, () => value);

describe('the live disturbance figure', () => {
	it('counts what other programs took on the pinned CPU over the last 5 s, by the meter threshold', async () => {
		// 5 s on CPU 1: the demo runs 20 ms a tick, the core is busy 62 ms (42 ms of others); CPU 0 is quiet.
		const snapshot = await replay(
			repeat(50, {demoNs: 0.2 * tickNs, demoCpu: 1, busyNs: [0.05 * tickNs, 0.62 * tickNs]}),
		);
		const figure = liveDisturbance(snapshot, 1)!;
		expect(figure.seconds).toBe(5);
		expect(figure.cpus).toEqual([{cpu: 1, otherMs: 2100, windowMs: 5000, otherPct: 42, disturbed: true}]);
		expect(figure.disturbed.map((cpu) => cpu.cpu)).toEqual([1]);
	});

	it('without one-CPU mode, measures every CPU the demo ran on, and only those', async () => {
		const snapshot = await replay([
			...repeat(25, {demoNs: 0.3 * tickNs, demoCpu: 0, busyNs: [0.3 * tickNs, 0.9 * tickNs]}),
			...repeat(25, {demoNs: 0.3 * tickNs, demoCpu: 0, busyNs: [0.35 * tickNs, 0.9 * tickNs]}),
		]);
		const figure = liveDisturbance(snapshot, undefined)!;
		expect(figure.cpus.map((cpu) => cpu.cpu)).toEqual([0]);
		expect(figure.cpus[0]).toMatchObject({otherMs: 125, otherPct: 3, disturbed: false});
		expect(figure.disturbed).toEqual([]);
	});

	it('looks only at the window: an old burst of others no longer counts', async () => {
		const snapshot = await replay([
			...repeat(30, {demoNs: 0, demoCpu: 1, busyNs: [0, tickNs]}),
			...repeat(50, {demoNs: 0.2 * tickNs, demoCpu: 1, busyNs: [0, 0.2 * tickNs]}),
		]);
		expect(liveDisturbance(snapshot, 1)!.cpus[0]).toMatchObject({otherMs: 0, disturbed: false});
		// Over 8 s, the burst is in.
		expect(liveDisturbance(snapshot, 1, 8000)!.cpus[0]).toMatchObject({otherMs: 3000, disturbed: true});
	});

	it('uses both thresholds of the meter: a share and a minimum of time', async () => {
		// One tick only, 100% of it taken by others: 100 ms is over disturbedMinMs.
		const short = await replay([{demoNs: 0, demoCpu: 1, busyNs: [0, (disturbedMinMs / tickMs) * 0.8 * tickNs]}]);
		const figure = liveDisturbance(short, 1)!;
		expect(figure.cpus[0]!.otherPct).toBeGreaterThanOrEqual(disturbedMinPct);
		expect(figure.cpus[0]!.otherMs).toBeLessThan(disturbedMinMs);
		expect(figure.cpus[0]!.disturbed).toBe(false);
	});

	it('claims nothing when the cores are not measured', async () => {
		const source = new FakeSource({coreCount: 2, capabilities: {coreBusy: false}});
		const timers = new FakeTimers();
		const sampler = new ProcessSampler({source, timers, columns: 20, intervalMs: tickMs});
		source.advance(1, {});
		sampler.watch(1, 'server');
		for (let tick = 0; tick < 5; tick++) {
			source.advance(1, {runNs: 0.5 * tickNs, cpu: 1});
			timers.time += tickMs;
			await sampler.sampleNow();
		}

		expect(liveDisturbance(sampler.snapshot(), 1)).toBeUndefined();
		expect(liveDisturbance(sampler.snapshot(), undefined)).toBeUndefined();
	});
});
