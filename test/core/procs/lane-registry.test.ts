import {describe, expect, it} from 'vitest';
import {defaults} from '../../../source/core/defaults.js';
import {LaneRegistry, type TaskLister} from '../../../source/core/procs/lane-registry.js';
import type {ProcessTasks} from '../../../source/core/procs/types.js';

/**
 * Task lists recorded from /proc on Linux: a Python ThreadingTCPServer (PID 13986) serving from a thread
 * (14032) with two clients connected (handler threads 14033 and 14034) and a `sleep` child (14035), then the
 * same after the first client left.
 */
const recorded: {pid: number; twoClients: ProcessTasks; oneLeft: ProcessTasks; names: Map<number, string>} = {
	pid: 13_986,
	twoClients: {threads: [13_986, 14_032, 14_033, 14_034], children: [14_035]},
	oneLeft: {threads: [13_986, 14_032, 14_034], children: [14_035]},
	names: new Map([
		[13_986, 'python3'],
		[14_035, 'sleep'],
	]),
};

function lister(tasks: () => ProcessTasks): TaskLister {
	return {tasks: (pid) => (pid === recorded.pid ? tasks() : undefined), commandName: (pid) => recorded.names.get(pid)};
}

function setup(options: {maxLanes?: number; keptExitedTicks?: number} = {}) {
	const dropped: number[] = [];
	const registry = new LaneRegistry<{made: number}>({
		maxLanes: options.maxLanes ?? 64,
		keptExitedTicks: options.keptExitedTicks ?? 3,
		create: (pid) => ({made: pid}),
		dropped: (pid) => dropped.push(pid),
	});
	const summary = () => registry.ordered().map((lane) => `${lane.pid}:${lane.kind}:${lane.label}:${lane.slot}`);
	return {registry, dropped, summary};
}

describe('LaneRegistry', () => {
	it('adds lanes in watch order with the lowest free slot, renames a live one, and hands each its data', () => {
		const {registry, summary} = setup();
		expect(registry.add(10, 'server')).toBe(true);
		expect(registry.add(11, 'dashboard')).toBe(true);
		expect(registry.add(10, 'server (restarted)')).toBe(true);
		expect(summary()).toEqual(['10:process:server (restarted):0', '11:process:dashboard:1']);
		expect(registry.get(11)?.data).toEqual({made: 11});
	});

	it('keeps every slot while its lane is kept: a dropped lane frees its slot for the next one only', () => {
		const {registry, dropped, summary} = setup();
		for (const pid of [1, 2, 3]) registry.add(pid, `p${pid}`);
		expect(registry.drop(2)).toBe(true);
		expect(registry.drop(2)).toBe(false);
		registry.add(4, 'p4');
		expect(summary()).toEqual(['1:process:p1:0', '3:process:p3:2', '4:process:p4:1']);
		expect(dropped).toEqual([2]);
	});

	it('keeps an exited lane until it has scrolled off, then drops it', () => {
		const {registry, dropped} = setup({keptExitedTicks: 3});
		registry.add(5, 'short-lived');
		expect(registry.exitedTick(5)).toBe(false); // still live: nothing to count
		registry.markExited(5);
		expect(registry.get(5)?.exited).toBe(true);
		expect([registry.exitedTick(5), registry.exitedTick(5), registry.exitedTick(5)]).toEqual([false, false, true]);
		expect(registry.has(5)).toBe(false);
		expect(dropped).toEqual([5]);
	});

	it('gives a reused PID a fresh lane (the exited one is dropped), and at the cap drops the oldest exited lane first', () => {
		const {registry, dropped, summary} = setup({maxLanes: 2});
		registry.add(1, 'a');
		registry.add(2, 'b');
		expect(registry.add(3, 'c')).toBe(false);
		registry.markExited(2);
		registry.add(2, 'b again');
		expect(registry.get(2)?.exited).toBe(false);
		expect(dropped).toEqual([2]);
		registry.markExited(1);
		expect(registry.add(3, 'c')).toBe(true);
		expect(summary()).toEqual(['2:process:b again:1', '3:process:c:0']);
	});

	it('addTree: the recorded server gets a lane per handler thread and for its child, right after it', () => {
		const {registry, summary} = setup();
		registry.add(1, 'dashboard');
		let tasks: ProcessTasks = recorded.twoClients;
		expect(
			registry.addTree(
				recorded.pid,
				lister(() => tasks),
			),
		).toBe(true);
		registry.add(2, 'watched later');
		expect(summary()).toEqual([
			'1:process:dashboard:0',
			'13986:process:python3:1',
			'14032:thread:thread:2',
			'14033:thread:thread:3',
			'14034:thread:thread:4',
			'14035:child:child sleep:5',
			'2:process:watched later:6',
		]);
		expect(registry.get(14_033)?.parentPid).toBe(recorded.pid);
		// The first client leaves: its thread's lane stays (the loop turns it exited); no new lane appears.
		tasks = recorded.oneLeft;
		registry.discover(lister(() => tasks));
		expect(registry.all()).toHaveLength(7);
	});

	it('addTree: threads over the cap are counted as hidden, and a freed place goes to a waiting thread', () => {
		const {registry} = setup();
		const threads = Array.from({length: defaults.watchMaxThreadLanes + 3}, (_, index) => 20_000 + index);
		let tasks: ProcessTasks = {threads: [recorded.pid, ...threads], children: []};
		registry.addTree(
			recorded.pid,
			lister(() => tasks),
		);
		expect(registry.hidden(recorded.pid)).toEqual({threads: 3, children: 0});
		registry.markExited(threads[0]!);
		tasks = {threads: [recorded.pid, ...threads.slice(1)], children: []};
		registry.discover(lister(() => tasks));
		expect(registry.has(threads[defaults.watchMaxThreadLanes]!)).toBe(true);
		expect(registry.hidden(recorded.pid)).toEqual({threads: 2, children: 0});
	});

	it('addTree: a command name is shown as safe text; without one the lane says what it is', () => {
		const {registry} = setup();
		const names = new Map([[300, 'evil\u202eexe.txt\u001b[2J']]);
		registry.addTree(300, {commandName: (pid) => names.get(pid)});
		registry.addTree(301, {});
		expect(registry.get(300)?.label).toBe('evil\\u202eexe.txt\\e[2J');
		expect(registry.get(301)?.label).toBe('process');
	});

	it('addWorkers: lanes under a live process up to the cap, renamed when whom they serve changes', () => {
		const {registry} = setup();
		expect(registry.addWorkers(50, [{pid: 51, kind: 'thread', label: 'serves #1'}])).toBe(false); // no such process
		registry.add(50, 'server');
		const workers = Array.from({length: defaults.watchMaxChildLanes + 1}, (_, index) => ({
			pid: 60 + index,
			kind: 'child' as const,
			label: `serves #${index + 1}`,
		}));
		expect(registry.addWorkers(50, workers)).toBe(true);
		expect(registry.all().filter((lane) => lane.kind === 'child')).toHaveLength(defaults.watchMaxChildLanes);
		expect(registry.addWorkers(50, workers)).toBe(false);
		expect(registry.addWorkers(50, [{...workers[0]!, label: 'serves #9'}])).toBe(true);
		expect(registry.get(60)?.label).toBe('serves #9');
	});
});
