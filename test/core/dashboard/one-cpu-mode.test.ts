import {afterEach, describe, expect, it} from 'vitest';
import type {PinningSupport} from '../../../source/core/procs/pinning.js';
import {DashboardStore} from '../../../source/core/dashboard/dashboard-store.js';
import {createOneCpuMode, type DemoProcess} from '../../../source/core/dashboard/one-cpu-mode.js';

let store: DashboardStore;
afterEach(() => store?.dispose());

/** Affinities in a map instead of the kernel; `demo` is what runs now. */
function world(allowedCpus: number[]) {
	store = new DashboardStore();
	const affinity = new Map<number, string>([
		[1, '0-3'],
		[2, '2-3'],
		[3, '0-3'],
	]);
	const demo: DemoProcess[] = [2, 3].map((pid) => ({pid, pinned() {}}));
	const support: PinningSupport = {available: true, taskset: '/usr/bin/taskset', allowedCpus};
	let demoPin: number | undefined;
	const mode = createOneCpuMode(store, {
		detect: () => support,
		choose: (found) => (found.available ? found.allowedCpus.at(-1) : undefined),
		chooseUi: (cpu, found) => (found.available ? found.allowedCpus.find((other) => other !== cpu) : undefined),
		async pin(pid, cpus) {
			affinity.set(pid, String(cpus));
			return {ok: true};
		},
		affinity: (pid) => affinity.get(pid),
		setDemoPin(cpu) {
			demoPin = cpu;
		},
		demo: () => demo,
		uiPid: 1,
	});
	return {mode, affinity, demo, demoPin: () => demoPin};
}

describe('one-CPU mode', () => {
	it('pins the demo to one CPU and the dashboard to another, then gives everyone back what they had', async () => {
		const {mode, affinity, demo, demoPin} = world([0, 1, 2, 3]);
		await mode.toggle();
		expect(Object.fromEntries(affinity)).toEqual({1: '0', 2: '3', 3: '3'});
		expect(demoPin()).toBe(3);
		store.flush();
		expect(store.getSnapshot().oneCpu).toEqual({enabled: true, cpu: 3, uiCpu: 0});
		expect(store.getSnapshot().notices.map((entry) => entry.notice)).toEqual([
			{code: 'oneCpuOn', params: {cpu: 3}},
			{code: 'oneCpuUi', params: {cpu: 0}},
		]);

		// Started while on (pinned at spawn): it gets the dashboard's original CPUs back.
		affinity.set(4, '3');
		demo.push({pid: 4, startedPinned: true, pinned() {}});
		await mode.toggle();
		expect(Object.fromEntries(affinity)).toEqual({1: '0-3', 2: '2-3', 3: '0-3', 4: '0-3'});
		expect(demoPin()).toBeUndefined();
	});

	it('with one CPU the dashboard stays where it is and the screen says it shares it; toggles never interleave', async () => {
		const {mode, affinity} = world([0]);
		await Promise.all([mode.toggle(), mode.toggle(), mode.toggle()]);
		expect(mode.enabled).toBe(true);
		expect(affinity.get(1)).toBe('0-3');
		expect(affinity.get(2)).toBe('0');
		store.flush();
		expect(store.getSnapshot().notices.at(-1)?.notice).toEqual({code: 'oneCpuShared', params: {}});
	});
});
