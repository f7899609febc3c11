import type {PinningSupport} from '../procs/pinning.js';
import type {DashboardStore} from './dashboard-store.js';

export interface OneCpuDeps {
	detect(): PinningSupport;
	choose(support: PinningSupport): number | undefined;
	pin(pid: number, cpu: number): Promise<{ok: true} | {ok: false; reason: string}>;
	/** Pin sessions opened from now on (undefined: no pinning). */
	setSessionPin(cpu: number | undefined): void;
	/** PIDs of the server (this process) and the running sessions. */
	pids(): number[];
}

/**
 * One-CPU mode (key `o`, `--one-cpu`): the server and the sessions on one core, so their turns on the CPU
 * show on the live timeline. Turning it off only affects sessions opened afterwards (taskset cannot give
 * back "every CPU" portably); the screen says so.
 */
export function createOneCpuMode(store: DashboardStore, deps: OneCpuDeps) {
	let enabled = false;
	let cpu: number | undefined;
	const enable = async () => {
		const support = deps.detect();
		if (!support.available) {
			store.apply({type: 'one-cpu', view: {enabled: false, unavailable: support.reason}});
			store.apply({type: 'notice', level: 'warn', text: support.reason});
			return;
		}

		cpu = deps.choose(support);
		if (cpu === undefined) return;
		enabled = true;
		deps.setSessionPin(cpu);
		store.apply({type: 'one-cpu', view: {enabled: true, cpu}});
		const results = await Promise.all(deps.pids().map(async (pid) => deps.pin(pid, cpu!)));
		const failed = results.find((result): result is {ok: false; reason: string} => !result.ok);
		if (failed) store.apply({type: 'notice', level: 'warn', text: failed.reason});
		else store.apply({type: 'notice', level: 'info', text: `one-CPU mode: server and sessions pinned to CPU ${cpu}`});
	};

	return {
		get enabled() {
			return enabled;
		},
		async toggle(): Promise<void> {
			if (!enabled) {
				await enable();
				return;
			}

			enabled = false;
			deps.setSessionPin(undefined);
			store.apply({type: 'one-cpu', view: {enabled: false}});
			store.apply({type: 'notice', level: 'info', text: `one-CPU mode off for new sessions (running ones stay on CPU ${cpu})`});
		},
	};
}
