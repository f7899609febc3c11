import {describe, expect, it} from 'vitest';
import {ProcessSampler} from '../../../source/core/procs/sampler.js';
import {cellCode, cellKinds, coreIdle, coreOther, coreUnknown, phaseCode} from '../../../source/core/procs/types.js';
import {coreColumn, PhaseTally} from '../../../source/core/procs/sampling-loop.js';
import {cellsOf, FakeSource, FakeTimers, fakeSampler as setup, laneOf, tickMs, tickNs} from './fake-source.js';

/**
 * The sampling loop: the timer, and each tick turning readings into columns (cells, turns, switches, phases,
 * cores). Driven through ProcessSampler on a scripted source and clock, since the columns are read back
 * from its snapshots.
 */
describe('ProcessSampler cells', () => {
	it('splits each tick into running, runnable and sleeping by the largest share', async () => {
		const {source, sampler, tick} = setup();
		for (const pid of [1, 2, 3]) source.advance(pid, {});
		sampler.watch(1, 'burner');
		sampler.watch(2, 'waiter');
		sampler.watch(3, 'idle');
		await tick(); // first reading: nothing to compare with yet
		source.advance(1, {runNs: 0.9 * tickNs, state: 'R'});
		source.advance(2, {runNs: 0.3 * tickNs, waitNs: 0.6 * tickNs, state: 'R'});
		source.advance(3, {runNs: 0.01 * tickNs, voluntary: 10, involuntary: 1});
		const snapshot = await tick();
		expect(snapshot.columns).toBe(2);
		expect(cellsOf(snapshot, 1)).toEqual(['none', 'running']);
		expect(cellsOf(snapshot, 2)).toEqual(['none', 'runnable']);
		expect(cellsOf(snapshot, 3)).toEqual(['none', 'sleeping']);
		expect(laneOf(snapshot, 1).latest.cpuPercent).toBeCloseTo(90);
		expect(laneOf(snapshot, 2).latest.waitFraction).toBeCloseTo(0.6);
		expect(laneOf(snapshot, 3).latest).toMatchObject({
			state: 'S',
			voluntary: 10,
			involuntary: 1,
			voluntaryDelta: 10,
			involuntaryDelta: 1,
		});
	});

	it('without schedstat, calls a tick running from half of it on, and never claims runnable', async () => {
		const source = new FakeSource({capabilities: {runQueueWait: false}});
		const {sampler, tick} = setup({source});
		source.advance(1, {});
		sampler.watch(1, 'p');
		await tick();
		source.samples.get(1)!.waitNs = undefined;
		source.samples.get(1)!.runNs = undefined;
		source.advance(1, {runNs: 0.6 * tickNs});
		await tick();
		source.advance(1, {runNs: 0.2 * tickNs});
		expect(cellsOf(await tick(), 1)).toEqual(['none', 'running', 'sleeping']);
	});

	it('marks a gone process exited, keeps the lane until it scrolls off, then drops it', async () => {
		const {source, sampler, tick} = setup({columns: 5});
		source.advance(7, {});
		sampler.watch(7, 'short-lived');
		await tick();
		source.kill(7);
		let snapshot = await tick();
		expect(cellsOf(snapshot, 7)).toEqual(['none', 'exited']);
		expect(laneOf(snapshot, 7).exited).toBe(true);
		expect(source.forgotten).toContain(7);
		const readsAfterExit = source.reads;
		for (let index = 0; index < 4; index++) snapshot = await tick();
		expect(cellsOf(snapshot, 7)).toEqual(['exited', 'exited', 'exited', 'exited', 'exited']);
		expect(source.reads).toBe(readsAfterExit); // an exited process is no longer read
		for (let index = 0; index < 5; index++) snapshot = await tick();
		expect(snapshot.processes).toHaveLength(0);
	});

	it('treats a zombie as exited', async () => {
		const {source, sampler, tick} = setup();
		source.advance(9, {});
		sampler.watch(9, 'z');
		await tick();
		source.advance(9, {state: 'Z'});
		expect(cellsOf(await tick(), 9)).toEqual(['none', 'exited']);
	});
});

describe('ProcessSampler self-reported phases', () => {
	it('records the phase that filled most of each tick in its own lane, apart from the measured cells', async () => {
		const {source, timers, sampler, tick} = setup();
		source.advance(4, {});
		sampler.watch(4, 'session');
		sampler.reportPhase(4, 'idle');
		await tick();
		timers.time += 20;
		sampler.reportPhase(4, 'computing');
		timers.time += 50;
		sampler.reportPhase(4, 'waiting-reply');
		source.advance(4, {runNs: 0.5 * tickNs, state: 'S'});
		let snapshot = await tick(30); // idle 20 ms, computing 50 ms, waiting 30 ms
		expect([...laneOf(snapshot, 4).phases]).toEqual([phaseCode.idle, phaseCode.computing]);
		expect(laneOf(snapshot, 4).phase).toBe('waiting-reply');
		snapshot = await tick();
		expect(laneOf(snapshot, 4).phases[2]).toBe(phaseCode['waiting-reply']);
		// the measured lane is untouched by what the process says
		expect(cellsOf(snapshot, 4)).toEqual(['none', 'running', 'sleeping']);
	});

	it('ignores phases of processes it does not watch', async () => {
		const {sampler} = setup();
		sampler.reportPhase(123, 'computing');
		expect(sampler.snapshot().processes).toHaveLength(0);
	});
});

describe('ProcessSampler core lanes', () => {
	it('gives each core to the watched process that ran most there, or other, or idle', async () => {
		const source = new FakeSource({coreCount: 3});
		const {sampler, tick} = setup({source});
		for (const pid of [1, 2]) source.advance(pid, {});
		source.cores = [0, 1, 2].map((cpu) => ({cpu, busyNs: 0, totalNs: 0}));
		sampler.watch(1, 'a');
		sampler.watch(2, 'b');
		let snapshot = await tick();
		expect(snapshot.cores.map((core) => core.owners[0])).toEqual([coreUnknown, coreUnknown, coreUnknown]);
		source.advance(1, {runNs: 0.7 * tickNs, cpu: 0});
		source.advance(2, {runNs: 0.3 * tickNs, waitNs: 0.7 * tickNs, cpu: 0});
		source.cores = [
			{cpu: 0, busyNs: tickNs, totalNs: tickNs},
			{cpu: 1, busyNs: 0.9 * tickNs, totalNs: tickNs},
			{cpu: 2, busyNs: 0.05 * tickNs, totalNs: tickNs},
		];
		snapshot = await tick();
		expect(snapshot.cores.map((core) => core.owners[1])).toEqual([1, coreOther, coreIdle]);
	});
});

describe('ProcessSampler robustness and control', () => {
	it('survives a source that throws, and says why in the capabilities', async () => {
		const {source, sampler, tick} = setup();
		source.advance(1, {});
		sampler.watch(1, 'a');
		source.fail = new Error('EACCES: permission denied');
		const snapshot = await tick();
		expect(cellsOf(snapshot, 1)).toEqual(['none']);
		expect(snapshot.capabilities.notes).toEqual([{code: 'readFailed', detail: 'EACCES: permission denied'}]);
	});

	it('samples on its timer, never overlapping a slow read, and stops when paused', async () => {
		const timers = new FakeTimers();
		let resolveRead: (() => void) | undefined;
		let reads = 0;
		const source = new FakeSource();
		const slow = Object.assign(Object.create(source) as FakeSource, {
			read: async (pids: readonly number[]) => {
				reads += 1;
				await new Promise<void>((resolve) => {
					resolveRead = resolve;
				});
				return source.read(pids);
			},
		});
		const sampler = new ProcessSampler({source: slow, timers, intervalMs: 100});
		const ticks: number[] = [];
		sampler.subscribe((snapshot) => ticks.push(snapshot.tick));
		source.advance(1, {});
		sampler.watch(1, 'a');
		sampler.start();
		timers.advance(100);
		expect(reads).toBe(1);
		timers.advance(500); // the read has not finished: no second one starts
		expect(reads).toBe(1);
		resolveRead!();
		await new Promise((resolve) => setImmediate(resolve));
		expect(ticks.at(-1)).toBe(1);
		timers.advance(100);
		expect(reads).toBe(2);
		resolveRead!();
		await new Promise((resolve) => setImmediate(resolve));
		sampler.pause();
		expect(sampler.snapshot().paused).toBe(true);
		timers.advance(1000);
		expect(reads).toBe(2);
		sampler.resume();
		timers.advance(100);
		expect(reads).toBe(3);
		sampler.close();
	});

	it('clamps the interval', () => {
		const {sampler} = setup();
		expect(sampler.setIntervalMs(1)).toBe(20);
		expect(sampler.setIntervalMs(99_999)).toBe(5000);
		expect(sampler.setIntervalMs(250)).toBe(250);
		expect(sampler.snapshot().intervalMs).toBe(250);
	});

	it('keeps cell codes and names in step', () => {
		for (const [index, name] of cellKinds.entries()) expect(cellCode[name]).toBe(index);
	});
});

describe('ProcessSampler: turns, switches, memory', () => {
	it('marks every column a process got CPU time in, also when it mostly waited or slept', async () => {
		const {source, sampler, tick} = setup();
		for (const pid of [1, 2]) source.advance(pid, {});
		sampler.watch(1, 'turn A');
		sampler.watch(2, 'turn B');
		await tick();
		// Two processes taking turns on one CPU within each column: both mostly runnable, both ran.
		source.advance(1, {runNs: 0.4 * tickNs, waitNs: 0.6 * tickNs, state: 'R'});
		source.advance(2, {runNs: 0.4 * tickNs, waitNs: 0.6 * tickNs, state: 'R'});
		await tick();
		// Then one sleeps after a short run (a fifth of the column), the other after a wake-up too short to mark.
		source.advance(1, {runNs: 0.2 * tickNs, state: 'S'});
		source.advance(2, {runNs: 0.02 * tickNs, state: 'S'});
		const snapshot = await tick();
		expect(cellsOf(snapshot, 1)).toEqual(['none', 'runnable', 'sleeping']);
		expect([...laneOf(snapshot, 1).ran]).toEqual([0, 1, 1]);
		expect(cellsOf(snapshot, 2)).toEqual(['none', 'runnable', 'sleeping']);
		// An idle process's wake-ups leave its lane plain, so an idle timeline does not change as it scrolls.
		expect([...laneOf(snapshot, 2).ran]).toEqual([0, 1, 0]);
	});

	it('sums the switches of the last second, and reports resident memory', async () => {
		const {source, sampler, tick} = setup({columns: 30});
		source.advance(1, {rssBytes: 45e6});
		sampler.watch(1, 'p');
		await tick();
		for (let index = 0; index < 10; index++) {
			source.advance(1, {voluntary: 2, involuntary: index === 9 ? 5 : 0});
			await tick();
		}

		let latest = laneOf(sampler.snapshot(), 1).latest;
		expect(latest).toMatchObject({voluntaryRecent: 20, involuntaryRecent: 5, recentMs: 1000, rssBytes: 45e6});
		// A second later with nothing new: the words go, the totals stay.
		for (let index = 0; index < 10; index++) await tick();
		latest = laneOf(sampler.snapshot(), 1).latest;
		expect(latest).toMatchObject({voluntaryRecent: 0, involuntaryRecent: 0, voluntary: 20, involuntary: 5});
	});
});

describe('PhaseTally', () => {
	it('gives a tick the phase that filled most of it, counting only the part inside the tick', () => {
		const tally = new PhaseTally(0);
		expect(tally.close(100, 0)).toBe(phaseCode.none);
		tally.report('computing', 150, 100); // a tick from 100 to 200
		tally.report('idle', 170, 100);
		expect(tally.close(200, 100)).toBe(phaseCode.idle); // idle 30 ms, computing 20 ms
		// Reported long ago and still going: the whole next tick is that phase.
		expect(tally.close(300, 200)).toBe(phaseCode.idle);
	});
});

describe('coreColumn', () => {
	const base = {coreCount: 2, elapsedNs: tickNs, coreBusy: true, sampledBefore: true};

	it('says nothing before there is a delta to tell', () => {
		expect(coreColumn({...base, uses: [], cores: [{cpu: 0, busyNs: 5, totalNs: 9}], before: undefined})).toBe(
			undefined,
		);
		expect(coreColumn({...base, uses: [], cores: undefined, before: undefined, elapsedNs: 0})).toBe(undefined);
	});

	it('splits each core into the watched processes and the others, in ms', () => {
		const column = coreColumn({
			...base,
			uses: [{pid: 7, cpu: 0, runNs: 0.6 * tickNs}],
			before: [
				{cpu: 0, busyNs: 0, totalNs: 0},
				{cpu: 1, busyNs: 0, totalNs: 0},
			],
			cores: [
				{cpu: 0, busyNs: 0.8 * tickNs, totalNs: tickNs},
				{cpu: 1, busyNs: 0.9 * tickNs, totalNs: tickNs},
			],
		})!;
		expect(column.owners).toEqual([7, coreOther]);
		expect(column.demoMs).toEqual([60, 0]);
		expect(column.otherMs[0]).toBeCloseTo(20);
		expect(column.otherMs[1]).toBeCloseTo(90);
		expect(column.elapsedMs).toBe(tickMs);
	});

	it('without per-core busy times: owners from the watched processes alone, the others unknown (NaN)', () => {
		const column = coreColumn({
			...base,
			coreBusy: false,
			uses: [],
			cores: undefined,
			before: undefined,
		})!;
		expect(column.owners).toEqual([coreIdle, coreIdle]);
		expect(column.otherMs.every((ms) => Number.isNaN(ms))).toBe(true);
	});
});
