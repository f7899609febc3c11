import {describe, expect, it} from 'vitest';
import {ProcessSampler} from '../../../source/core/procs/sampler.js';
import type {TimelineSnapshot} from '../../../source/core/procs/types.js';
import {cellsOf, FakeSource, FakeTimers, fakeSampler as setup, laneOf, tickNs} from './fake-source.js';

/**
 * The sampler as its users see it (the live timeline, the dashboard): lanes added, kept and dropped through
 * the public API, memory bounded over long runs. How a tick turns readings into columns is in
 * sampling-loop.test.ts; the pure parts in lane-registry.test.ts and column-history.test.ts.
 */
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

describe('ProcessSampler lanes: watchTree, slots, labels', () => {
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
		expect(laneOf(snapshot, 300).label).toBe('中文进程');
		expect(laneOf(snapshot, 301).label).toBe('evil\\u202eexe.txt\\e[2J');
		expect(laneOf(snapshot, 302).label).toBe('child 中文子进程');
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
		expect(laneOf(snapshot, 150)).toMatchObject({kind: 'child', label: 'child cmd150', parentPid: 100});
		expect(laneOf(snapshot, 100).hidden).toEqual({threads: 4, children: 0});
		// A thread ends: its lane turns exited, and a waiting thread gets a lane in its place.
		source.kill(101);
		source.taskLists.set(100, {threads: [100, ...threads.slice(1)], children: [150]});
		await tick();
		snapshot = await tick();
		expect(laneOf(snapshot, 101).exited).toBe(true);
		expect(snapshot.processes.some((entry) => entry.pid === 109)).toBe(true);
		expect(laneOf(snapshot, 100).hidden).toEqual({threads: 3, children: 0});
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
		expect(laneOf(snapshot, 101)).toMatchObject({exited: true, kind: 'thread'});
	});
});
