import {chooseOneCpu, chooseUiCpu, detectPinning, pinProcess, readAffinity} from '../procs/index.js';
import type {DashboardRuntime} from './dashboard-runtime.js';
import type {DashboardStore} from './dashboard-store.js';
import {createOneCpuMode} from './one-cpu-mode.js';

/**
 * One-CPU mode for a dashboard runtime: its server and sessions are the demo, `uiPid` (the dashboard) the
 * observer moved to another CPU. Pinning through taskset and /proc, as the dashboard does it.
 */
export function createRuntimeOneCpuMode(
	runtime: Pick<DashboardRuntime, 'server' | 'sessions'>,
	store: DashboardStore,
	uiPid: number,
) {
	return createOneCpuMode(store, {
		detect: detectPinning,
		choose: chooseOneCpu,
		chooseUi: chooseUiCpu,
		pin: async (pid, cpus) => pinProcess(pid, cpus),
		affinity: readAffinity,
		setDemoPin(cpu) {
			runtime.sessions.setPinCpu?.(cpu);
			runtime.server?.setPinCpu?.(cpu);
		},
		demo: () => [
			...(runtime.server?.pid === undefined
				? []
				: [{pid: runtime.server.pid, startedPinned: runtime.server.startedOnCpu !== undefined, pinned() {}}]),
			...runtime.sessions.list().map((session) => ({
				pid: session.pid,
				startedPinned: session.pinnedCpu !== undefined,
				pinned: (cpu: number | undefined) => store.apply({type: 'session-pinned', sessionId: session.sessionId, cpu}),
			})),
		],
		uiPid,
	});
}
