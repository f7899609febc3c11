import process from 'node:process';
import {defaults} from '../defaults.js';
import {SocktuiError} from '../errors.js';
import {demoMemory} from '../procs/demo-memory.js';
import {chooseOneCpu, detectPinning} from '../procs/pinning.js';
import {ProcessSampler} from '../procs/sampler.js';
import {workerLanes} from '../procs/worker-lanes.js';
import type {SessionEvent} from '../sessions/types.js';
import type {DashboardRuntime} from './dashboard-runtime.js';
import type {DashboardStore} from './dashboard-store.js';
import {errorDetail, noParams} from './notice.js';
import {createRuntimeOneCpuMode} from './runtime-one-cpu.js';

/** The timeline lane of the dashboard's own process: drawing the screen and sampling, never to be taken for the server. */
export const dashboardLaneLabel = 'dashboard (this UI)';

/**
 * `--watch 1234,5678`, or the same typed after the `w` key (`what` names which, for the message): existing
 * processes only, at most `defaults.watchMaxPids`. Every ID is checked well-formed first, then each one
 * running: a typo is reported as a typo, whichever PIDs exist.
 */
export function parseWatchPids(text: string, what = '--watch'): number[] {
	if (text.trim() === '') throw new SocktuiError('BadUsage', `${what} needs a process ID, e.g. ${what} 1234`);
	const parts = [...new Set(text.split(',').map((part) => part.trim()))];
	const usage = `${what} takes process IDs, like ${what} 1234 or ${what} 1234,5678; got '${text}'`;
	if (parts.length > defaults.watchMaxPids)
		throw new SocktuiError('BadUsage', `${what} takes at most ${defaults.watchMaxPids} process IDs`);
	const pids = parts.map((part) => {
		const pid = Number(part);
		if (!/^\d{1,7}$/.test(part) || pid <= 0) throw new SocktuiError('BadUsage', usage);
		return pid;
	});
	for (const pid of pids)
		if (!processExists(pid)) throw new SocktuiError('BadUsage', `${what}: no process with PID ${pid}`);
	return pids;
}

function processExists(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error: unknown) {
		// EPERM: it exists but belongs to someone else; reading its /proc entries may still work.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** With `--one-cpu`, the CPU the first sessions start pinned to (so their titles say so from the start). */
export function startPinnedCpu(oneCpu: boolean): number | undefined {
	return oneCpu ? chooseOneCpu(detectPinning()) : undefined;
}

export interface LiveTimelineOptions {
	runtime: Pick<DashboardRuntime, 'server' | 'sessions'>;
	store: DashboardStore;
	/** `--watch`: outside processes shown with their threads and children (not the demo). */
	watchPids?: readonly number[];
	/** Start in one-CPU mode (`--one-cpu`). */
	oneCpu?: boolean;
	/** The dashboard's own process: its own lane, and the observer one-CPU mode moves off the demo's CPU. */
	uiPid?: number;
	/** The sampler to drive (tests pass one on a scripted source); default: /proc every sampleIntervalMs. */
	sampler?: ProcessSampler;
}

/** The live timeline of a running dashboard, and what its keys change. */
export interface LiveTimeline {
	readonly sampler: ProcessSampler;
	/** Key o: the server and sessions pinned to one CPU, the dashboard moved to another. */
	readonly oneCpu: ReturnType<typeof createRuntimeOneCpuMode>;
	/** Whether the dashboard's own lane is shown. */
	dashboardLane(): boolean;
	/** Key d: shows or hides the dashboard's own lane, and says so. */
	toggleDashboardLane(): void;
	/** Key w: watches more processes by PID (text as typed), or says why not. */
	watchProcess(text: string): void;
	/** Stops sampling and following the runtime. */
	close(): void;
}

/**
 * What the dashboard's live timeline watches, and how it follows the runtime: the server process (re-pointed
 * when it restarts) with its model's threads and children named after whom they serve, this dashboard in a
 * lane of its own (key d hides it), every session process with the phases it reports, and the `--watch`
 * processes (key w adds more) with their threads and children. The demo's total memory (server and sessions,
 * not the dashboard nor outside processes) goes to the store. One-CPU mode is created here too: it moves the
 * same processes between CPUs, and with `oneCpu` it is on from the start.
 */
export async function startLiveTimeline(options: LiveTimelineOptions): Promise<LiveTimeline> {
	const {runtime, store} = options;
	const uiPid = options.uiPid ?? process.pid;
	const watchPids = options.watchPids ?? [];
	const sampler = options.sampler ?? new ProcessSampler({intervalMs: defaults.sampleIntervalMs});
	const sessionPids = new Map<number, number>();
	let serverPid: number | undefined;
	const watchServer = (pid: number) => {
		if (serverPid !== undefined && serverPid !== pid) sampler.unwatch(serverPid);
		serverPid = pid;
		sampler.watch(pid, 'server');
	};

	if (runtime.server?.pid !== undefined) watchServer(runtime.server.pid);
	const stopServer = runtime.server?.subscribe((event) => {
		if (event.type === 'ready') watchServer(event.pid);
		// The server model's threads and children get lanes of their own, named after whom they serve.
		if (event.type === 'batch' && event.pid === serverPid)
			sampler.watchWorkers(event.pid, workerLanes(event.batch.stats, store.getSnapshot().sessions));
	});
	let dashboardLane = true;
	sampler.watch(uiPid, dashboardLaneLabel);
	for (const pid of watchPids) sampler.watchTree(pid);
	// The observer and the outside processes are not the demo.
	const notDemo = new Set([uiPid, ...watchPids]);
	sampler.subscribe((snapshot) => {
		const view = demoMemory(snapshot, (pid) => !notDemo.has(pid));
		if (view) store.apply({type: 'demo-memory', view});
	});
	const onSessionEvent = (event: SessionEvent) => {
		if (event.type === 'session-started') {
			sessionPids.set(event.sessionId, event.pid);
			sampler.watch(event.pid, `#${event.sessionId} ${event.protocol.toUpperCase()}`);
		} else if (event.type === 'session-report' && event.report.type === 'phase') {
			const pid = sessionPids.get(event.sessionId);
			if (pid !== undefined) sampler.reportPhase(pid, event.report.phase);
		}
	};

	for (const session of runtime.sessions.list())
		onSessionEvent({
			type: 'session-started',
			sessionId: session.sessionId,
			pid: session.pid,
			protocol: session.protocol,
			remote: session.remote,
		});
	const stopSessions = runtime.sessions.subscribe(onSessionEvent);
	sampler.start();
	const oneCpu = createRuntimeOneCpuMode(runtime, store, uiPid);
	if (options.oneCpu === true) await oneCpu.toggle();
	return {
		sampler,
		oneCpu,
		dashboardLane: () => dashboardLane,
		toggleDashboardLane() {
			dashboardLane = !dashboardLane;
			if (dashboardLane) sampler.watch(uiPid, dashboardLaneLabel);
			else sampler.unwatch(uiPid);
			store.apply({
				type: 'notice',
				level: 'info',
				notice: {code: dashboardLane ? 'dashboardLaneShown' : 'dashboardLaneHidden', params: noParams},
			});
		},
		watchProcess(text) {
			try {
				for (const pid of parseWatchPids(text, 'w')) {
					notDemo.add(pid);
					sampler.watchTree(pid);
					store.apply({type: 'notice', level: 'info', notice: {code: 'watching', params: {pid}}});
				}
			} catch (error: unknown) {
				store.apply({
					type: 'notice',
					level: 'warn',
					notice: {code: 'watchFailed', params: {detail: errorDetail(error)}},
				});
			}
		},
		close() {
			stopServer?.();
			stopSessions();
			sampler.close();
		},
	};
}
