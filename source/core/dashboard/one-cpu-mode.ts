import type {PinFailure, PinningSupport} from '../procs/pinning.js';
import {noParams} from './notice.js';
import type {DashboardStore} from './dashboard-store.js';

type PinResult = {ok: true} | {ok: false; failure: PinFailure};

/** A process of the demo (the server, a session): its PID, and how to tell the screen where it runs now. */
export interface DemoProcess {
	pid: number;
	/** It was spawned pinned (taskset -c): what it had before is the dashboard's own original. */
	startedPinned?: boolean;
	/** Called after it was pinned to `cpu`, or given back its own CPUs (undefined). */
	pinned(cpu: number | undefined): void;
}

export interface OneCpuDeps {
	detect(): PinningSupport;
	/** The demo's CPU. */
	choose(support: PinningSupport): number | undefined;
	/** The dashboard's CPU while the mode is on (undefined: there is no other). */
	chooseUi(demoCpu: number, support: PinningSupport): number | undefined;
	/** Sets the affinity of a running process, all its threads: one CPU or a CPU list (`0-3`). */
	pin(pid: number, cpus: number | string): Promise<PinResult>;
	/** A running process's CPU list as the kernel writes it; undefined when it is gone. */
	affinity(pid: number): string | undefined;
	/** Start new demo processes (sessions, a restarted server) pinned to this CPU (undefined: not pinned). */
	setDemoPin(cpu: number | undefined): void;
	/** The demo processes running now. */
	demo(): DemoProcess[];
	/** This dashboard's own PID. */
	uiPid: number;
}

/**
 * One-CPU mode (key `o`, `--one-cpu`): the server and the sessions on one core, so their turns on the CPU
 * show on the live timeline, and this dashboard (all its threads) on another core, so drawing the screen
 * is not part of the experiment. Turning it off gives every process it pinned, running ones included,
 * the CPUs it had before (read first from /proc); processes started pinned get the dashboard's original.
 */
export function createOneCpuMode(store: DashboardStore, deps: OneCpuDeps) {
	let enabled = false;
	let cpu: number | undefined;
	let uiCpu: number | undefined;
	const originals = new Map<number, string>();
	let chain: Promise<void> = Promise.resolve();

	const warnFirst = (results: PinResult[]) => {
		const failed = results.find((result): result is {ok: false; failure: PinFailure} => !result.ok);
		if (failed)
			store.apply({type: 'notice', level: 'warn', notice: {code: 'pinning', params: {failure: failed.failure}}});
		return failed === undefined;
	};

	const remember = (pid: number) => {
		const list = deps.affinity(pid);
		if (list !== undefined && !originals.has(pid)) originals.set(pid, list);
		return list !== undefined;
	};

	const enable = async () => {
		const support = deps.detect();
		if (!support.available) {
			store.apply({type: 'one-cpu', view: {enabled: false, unavailable: support.failure}});
			store.apply({type: 'notice', level: 'warn', notice: {code: 'pinning', params: {failure: support.failure}}});
			return;
		}

		cpu = deps.choose(support);
		if (cpu === undefined) return;
		const demoCpu = cpu;
		uiCpu = deps.chooseUi(demoCpu, support);
		enabled = true;
		originals.clear();
		remember(deps.uiPid);
		deps.setDemoPin(demoCpu);
		store.apply({type: 'one-cpu', view: {enabled: true, cpu: demoCpu, ...(uiCpu === undefined ? {} : {uiCpu})}});
		const demo = deps
			.demo()
			.filter((process) => (process.startedPinned ? deps.affinity(process.pid) !== undefined : remember(process.pid)));
		const results = await Promise.all([
			...demo.map(async (process) => {
				const result = await deps.pin(process.pid, demoCpu);
				if (result.ok) process.pinned(demoCpu);
				return result;
			}),
			...(uiCpu === undefined ? [] : [deps.pin(deps.uiPid, uiCpu)]),
		]);
		if (!warnFirst(results)) return;
		// Two short notices: the server pane is narrow, and both stay on screen.
		store.apply({type: 'notice', level: 'info', notice: {code: 'oneCpuOn', params: {cpu: demoCpu}}});
		store.apply({
			type: 'notice',
			level: 'info',
			notice: uiCpu === undefined ? {code: 'oneCpuShared', params: noParams} : {code: 'oneCpuUi', params: {cpu: uiCpu}},
		});
	};

	const disable = async () => {
		enabled = false;
		deps.setDemoPin(undefined);
		store.apply({type: 'one-cpu', view: {enabled: false}});
		const uiOriginal = originals.get(deps.uiPid);
		const targets = [...deps.demo().map((process) => ({...process, list: originals.get(process.pid) ?? uiOriginal}))];
		const results = await Promise.all([
			...targets.map(async (target) => {
				if (target.list === undefined) return {ok: true} as const;
				const result = await deps.pin(target.pid, target.list);
				if (result.ok) target.pinned(undefined);
				return result;
			}),
			...(uiOriginal === undefined || uiCpu === undefined ? [] : [deps.pin(deps.uiPid, uiOriginal)]),
		]);
		originals.clear();
		if (warnFirst(results))
			store.apply({type: 'notice', level: 'info', notice: {code: 'oneCpuOff', params: {cpus: uiOriginal ?? ''}}});
	};

	return {
		get enabled() {
			return enabled;
		},
		get cpu() {
			return enabled ? cpu : undefined;
		},
		/** Toggles are applied one after the other, never interleaved. */
		async toggle(): Promise<void> {
			chain = chain.then(async () => (enabled ? disable() : enable()));
			return chain;
		},
	};
}
