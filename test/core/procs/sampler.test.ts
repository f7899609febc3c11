import {describe, expect, it} from 'vitest';
import {ProcessSampler} from '../../../source/core/procs/sampler.js';
import {
	cellCode,
	cellKinds,
	coreIdle,
	coreOther,
	coreUnknown,
	phaseCode,
	type TimelineSnapshot,
} from '../../../source/core/procs/types.js';
import {FakeSource, FakeTimers} from './fake-source.js';

const tickMs = 100;
const tickNs = tickMs * 1e6;

function setup(options: {columns?: number; source?: FakeSource} = {}) {
	const source = options.source ?? new FakeSource();
	const timers = new FakeTimers();
	const sampler = new ProcessSampler({source, timers, columns: options.columns ?? 20, intervalMs: tickMs});
	/** Lets `ms` pass on the fake clock, then samples once. */
	const tick = async (ms = tickMs): Promise<TimelineSnapshot> => {
		timers.time += ms;
		return sampler.sampleNow();
	};

	return {source, timers, sampler, tick};
}

const lane = (snapshot: TimelineSnapshot, pid: number) => {
	const found = snapshot.processes.find((process) => process.pid === pid);
	if (!found) throw new Error(`no lane for ${pid}`);
	return found;
};

const cellsOf = (snapshot: TimelineSnapshot, pid: number) =>
	[...lane(snapshot, pid).cells].map((code) => cellKinds[code]);

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
		expect(lane(snapshot, 1).latest.cpuPercent).toBeCloseTo(90);
		expect(lane(snapshot, 2).latest.waitFraction).toBeCloseTo(0.6);
		expect(lane(snapshot, 3).latest).toMatchObject({
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
		expect(lane(snapshot, 7).exited).toBe(true);
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

describe('ProcessSampler memory', () => {
	it('stays bounded over many ticks with processes coming and going', async () => {
		const columns = 50;
		const {source, sampler, tick} = setup({columns});
		let snapshot: TimelineSnapshot | undefined;
		let maxLanes = 0;
		for (let index = 0; index < 10_000; index++) {
			const pid = 1000 + index;
			source.advance(pid, {});
			sampler.watch(pid, `p${index}`);
			source.advance(pid - 3, {runNs: tickNs});
			source.kill(pid - 6);
			snapshot = await tick();
			maxLanes = Math.max(maxLanes, snapshot.processes.length);
		}

		expect(snapshot!.tick).toBe(10_000);
		expect(snapshot!.columns).toBe(columns);
		for (const process of snapshot!.processes) {
			expect(process.cells).toHaveLength(columns);
			expect(process.phases).toHaveLength(columns);
		}

		for (const core of snapshot!.cores) expect(core.owners).toHaveLength(columns);
		// Each process lives 6 ticks, then stays `columns` ticks as exited: the lane count is bounded by that.
		expect(maxLanes).toBeLessThanOrEqual(6 + columns + 1);
	});

	it('refuses more processes than its cap, dropping exited lanes first', async () => {
		const source = new FakeSource();
		const sampler = new ProcessSampler({source, timers: new FakeTimers(), maxProcesses: 2});
		source.advance(1, {});
		source.advance(2, {});
		expect(sampler.watch(1, 'a')).toBe(true);
		expect(sampler.watch(2, 'b')).toBe(true);
		expect(sampler.watch(3, 'c')).toBe(false);
		source.kill(1);
		await sampler.sampleNow();
		expect(sampler.watch(3, 'c')).toBe(true);
		expect(sampler.snapshot().processes.map((process) => process.pid)).toEqual([2, 3]);
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
		expect([...lane(snapshot, 4).phases]).toEqual([phaseCode.idle, phaseCode.computing]);
		expect(lane(snapshot, 4).phase).toBe('waiting-reply');
		snapshot = await tick();
		expect(lane(snapshot, 4).phases[2]).toBe(phaseCode['waiting-reply']);
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
		expect([...lane(snapshot, 1).ran]).toEqual([0, 1, 1]);
		expect(cellsOf(snapshot, 2)).toEqual(['none', 'runnable', 'sleeping']);
		// An idle process's wake-ups leave its lane plain, so an idle timeline does not change as it scrolls.
		expect([...lane(snapshot, 2).ran]).toEqual([0, 1, 0]);
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

		let latest = lane(sampler.snapshot(), 1).latest;
		expect(latest).toMatchObject({voluntaryRecent: 20, involuntaryRecent: 5, recentMs: 1000, rssBytes: 45e6});
		// A second later with nothing new: the words go, the totals stay.
		for (let index = 0; index < 10; index++) await tick();
		latest = lane(sampler.snapshot(), 1).latest;
		expect(latest).toMatchObject({voluntaryRecent: 0, involuntaryRecent: 0, voluntary: 20, involuntary: 5});
	});

	it('a Chinese command name stays Chinese in the lane label; control and bidi characters are escaped (issue 24)', async () => {
		const {source, sampler, tick} = setup();
		const names = new Map([
			[300, '中文进程'],
			[301, 'evil\u202eexe.txt\u001b[2J'],
			[302, '中文子进程'],
		]);
		source.commandName = (pid) => names.get(pid);
		for (const pid of names.keys()) source.advance(pid, {});
		source.advance(100, {});
		source.taskLists.set(100, {threads: [100], children: [302]});
		sampler.watchTree(300);
		sampler.watchTree(301);
		sampler.watchTree(100, 'python3');
		const snapshot = await tick();
		expect(lane(snapshot, 300).label).toBe('中文进程');
		expect(lane(snapshot, 301).label).toBe('evil\\u202eexe.txt\\e[2J');
		expect(lane(snapshot, 302).label).toBe('child 中文子进程');
	});

	it('watchTree: a lane per thread and child as they appear (after their process), bounded, exited when gone', async () => {
		const {source, sampler, tick} = setup();
		source.advance(100, {});
		source.taskLists.set(100, {threads: [100], children: []});
		expect(sampler.watchTree(100, 'python3')).toBe(true);
		await tick();
		expect(sampler.snapshot().processes.map((entry) => entry.pid)).toEqual([100]);
		sampler.watch(200, 'server');
		source.advance(200, {});
		const threads = Array.from({length: 12}, (_, index) => 101 + index);
		for (const tid of threads) source.advance(tid, {});
		source.advance(150, {});
		source.taskLists.set(100, {threads: [100, ...threads], children: [150]});
		let snapshot = await tick();
		const lanes = snapshot.processes;
		// The threads (up to the cap) and the child follow their process, before lanes watched later.
		expect(lanes.map((entry) => entry.pid)).toEqual([100, ...threads.slice(0, 8), 150, 200]);
		expect(
			lanes
				.filter((entry) => entry.kind === 'thread')
				.every((entry) => entry.label === 'thread' && entry.parentPid === 100),
		).toBe(true);
		expect(lane(snapshot, 150)).toMatchObject({kind: 'child', label: 'child cmd150', parentPid: 100});
		expect(lane(snapshot, 100).hidden).toEqual({threads: 4, children: 0});
		// A thread ends: its lane turns exited, and a waiting thread gets a lane in its place.
		source.kill(101);
		source.taskLists.set(100, {threads: [100, ...threads.slice(1)], children: [150]});
		await tick();
		snapshot = await tick();
		expect(lane(snapshot, 101).exited).toBe(true);
		expect(snapshot.processes.some((entry) => entry.pid === 109)).toBe(true);
		expect(lane(snapshot, 100).hidden).toEqual({threads: 3, children: 0});
	});

	it('gives each lane a slot (its letter) for as long as it is kept: lanes dropped or inserted around it never shift it', async () => {
		const {source, sampler, tick} = setup({columns: 5});
		for (const pid of [1, 2, 3, 4]) {
			source.advance(pid, {});
			sampler.watch(pid, `p${pid}`);
		}

		source.advance(100, {});
		source.taskLists.set(100, {threads: [100], children: []});
		sampler.watchTree(100, 'python3');
		let snapshot = await tick();
		const slots = (shot: TimelineSnapshot) =>
			Object.fromEntries(shot.processes.map((entry) => [entry.pid, entry.slot]));
		expect(slots(snapshot)).toEqual({1: 0, 2: 1, 3: 2, 4: 3, 100: 4});
		// Lane 2 is unwatched (the dashboard's own lane hidden), 1 exits and scrolls off: 3 and 4 keep theirs.
		sampler.unwatch(2);
		source.kill(1);
		for (let index = 0; index < 6; index++) snapshot = await tick();
		expect(snapshot.processes.some((entry) => entry.pid === 1)).toBe(false);
		// A thread appears: its lane goes under its process, but takes a free slot, moving no one.
		source.advance(101, {});
		source.taskLists.set(100, {threads: [100, 101], children: []});
		snapshot = await tick();
		expect(slots(snapshot)).toEqual({3: 2, 4: 3, 100: 4, 101: 0});
		source.advance(5, {});
		sampler.watch(5, 'p5');
		expect(slots(sampler.snapshot())).toMatchObject({3: 2, 4: 3, 100: 4, 101: 0, 5: 1});
	});

	it('watchTree: a thread that ended keeps its lane and history while /proc still lists it (a dying thread), until it scrolls off', async () => {
		const {source, sampler, tick} = setup({columns: 20});
		source.advance(100, {});
		source.taskLists.set(100, {threads: [100], children: []});
		sampler.watchTree(100, 'python3');
		await tick();
		source.advance(101, {});
		source.taskLists.set(100, {threads: [100, 101], children: []});
		await tick();
		for (let index = 0; index < 3; index++) {
			source.advance(101, {runNs: tickNs, state: 'R'});
			await tick();
		}

		// The thread ends; the task list still names it for a while.
		source.kill(101);
		let snapshot = await tick();
		for (let index = 0; index < 5; index++) snapshot = await tick();
		const cells = cellsOf(snapshot, 101);
		expect(cells.filter((cell) => cell === 'running').length).toBeGreaterThanOrEqual(2);
		expect(cells.at(-1)).toBe('exited');
		expect(lane(snapshot, 101)).toMatchObject({exited: true, kind: 'thread'});
	});
});
