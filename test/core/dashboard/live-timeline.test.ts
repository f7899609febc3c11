import {afterEach, describe, expect, it} from 'vitest';
import type {ServerProcessLike, SessionManagerLike} from '../../../source/core/dashboard/dashboard-runtime.js';
import {DashboardStore} from '../../../source/core/dashboard/dashboard-store.js';
import {
	dashboardLaneLabel,
	parseWatchPids,
	startLiveTimeline,
	type LiveTimeline,
} from '../../../source/core/dashboard/live-timeline.js';
import {ProcessSampler} from '../../../source/core/procs/sampler.js';
import type {ServerProcessEvent} from '../../../source/core/server-process/server-process.js';
import type {SessionEvent, SessionInfo} from '../../../source/core/sessions/types.js';
import {FakeSource, FakeTimers} from '../procs/fake-source.js';

const uiPid = 4343;
const remote = {address: '127.0.0.1', port: 9000};

/** The runtime's server and sessions as the timeline sees them: the test says what they report. */
function fakeRuntime() {
	const serverListeners = new Set<(event: ServerProcessEvent) => void>();
	const sessionListeners = new Set<(event: SessionEvent) => void>();
	const running: SessionInfo[] = [{sessionId: 1, pid: 5001, protocol: 'tcp', remote}];
	const server = {
		pid: 4242 as number | undefined,
		subscribe(listener: (event: ServerProcessEvent) => void) {
			serverListeners.add(listener);
			return () => serverListeners.delete(listener);
		},
	} as unknown as ServerProcessLike;
	const sessions = {
		list: () => running,
		subscribe(listener: (event: SessionEvent) => void) {
			sessionListeners.add(listener);
			return () => sessionListeners.delete(listener);
		},
	} as unknown as SessionManagerLike;
	return {
		runtime: {server, sessions},
		serverEvent: (event: ServerProcessEvent) => {
			for (const listener of serverListeners) listener(event);
		},
		sessionEvent: (event: SessionEvent) => {
			for (const listener of sessionListeners) listener(event);
		},
		listeners: () => serverListeners.size + sessionListeners.size,
	};
}

let timeline: LiveTimeline | undefined;
let store: DashboardStore | undefined;
afterEach(() => {
	timeline?.close();
	store?.dispose();
});

async function setup(watchPids: number[] = []) {
	const source = new FakeSource();
	for (const pid of [4242, uiPid, 5001, 5002, 4300, ...watchPids]) source.advance(pid, {rssBytes: 10e6});
	const timers = new FakeTimers();
	const sampler = new ProcessSampler({source, timers, intervalMs: 100, columns: 20});
	const fake = fakeRuntime();
	store = new DashboardStore({ascii: false, frameRateHz: 12});
	timeline = await startLiveTimeline({runtime: fake.runtime, store, watchPids, uiPid, sampler});
	const labels = () => timeline!.sampler.snapshot().processes.map((lane) => `${lane.pid} ${lane.label}`);
	const notices = () => {
		store!.flush();
		return store!.getSnapshot().notices.map((entry) => entry.notice.code);
	};

	return {
		...fake,
		source,
		timers,
		sampler,
		labels,
		notices,
		tick: async () => ((timers.time += 100), sampler.sampleNow()),
	};
}

describe('startLiveTimeline', () => {
	it('watches the server, the dashboard itself, the sessions running and the --watch processes', async () => {
		const {labels, sampler} = await setup([4300]);
		expect(labels()).toEqual(['4242 server', `${uiPid} ${dashboardLaneLabel}`, '4300 cmd4300', '5001 #1 TCP']);
		expect(sampler.snapshot().processes.find((lane) => lane.pid === 4300)?.kind).toBe('process');
	});

	it('follows the runtime: a restarted server re-points its lane, new sessions get lanes with their phases', async () => {
		const {labels, serverEvent, sessionEvent, tick, timers} = await setup();
		serverEvent({type: 'ready', pid: 4250, port: 9000, local: {tcp: remote, udp: remote}});
		sessionEvent({type: 'session-started', sessionId: 2, pid: 5002, protocol: 'udp', remote});
		expect(labels()).toEqual([`${uiPid} ${dashboardLaneLabel}`, '5001 #1 TCP', '4250 server', '5002 #2 UDP']);
		await tick();
		sessionEvent({type: 'session-report', sessionId: 2, report: {type: 'phase', phase: 'computing', at: 0}});
		timers.time += 100;
		expect((await tick()).processes.find((lane) => lane.pid === 5002)?.phase).toBe('computing');
	});

	it('key d hides and shows the dashboard lane, and says so', async () => {
		const {labels, notices} = await setup();
		expect(timeline!.dashboardLane()).toBe(true);
		timeline!.toggleDashboardLane();
		expect(timeline!.dashboardLane()).toBe(false);
		expect(labels()).not.toContain(`${uiPid} ${dashboardLaneLabel}`);
		timeline!.toggleDashboardLane();
		expect(labels()).toContain(`${uiPid} ${dashboardLaneLabel}`);
		expect(notices()).toEqual(['dashboardLaneHidden', 'dashboardLaneShown']);
	});

	it('key w watches a running process with its tree, or says why it cannot', async () => {
		const {sampler, notices} = await setup();
		timeline!.watchProcess('12ab');
		timeline!.watchProcess(String(process.pid));
		expect(sampler.snapshot().processes.some((lane) => lane.pid === process.pid)).toBe(true);
		expect(notices()).toEqual(['watchFailed', 'watching']);
	});

	it('sends the demo memory to the store: the server and sessions, not the dashboard nor watched processes', async () => {
		const {tick} = await setup([4300]);
		await tick();
		store!.flush();
		expect(store!.getSnapshot().demoMemory).toMatchObject({processes: 2, rssBytes: 20e6});
	});

	it('closes the sampler and stops following the runtime', async () => {
		const {listeners, serverEvent, sampler} = await setup();
		expect(listeners()).toBe(2);
		timeline!.close();
		expect(listeners()).toBe(0);
		serverEvent({type: 'ready', pid: 4250, port: 9000, local: {tcp: remote, udp: remote}});
		expect(sampler.snapshot().processes.some((lane) => lane.pid === 4250)).toBe(false);
		timeline = undefined;
	});
});

describe('parseWatchPids', () => {
	it('takes running processes by ID, and says what is wrong with anything else', () => {
		expect(parseWatchPids(`${process.pid}, ${process.pid}`)).toEqual([process.pid]);
		expect(() => parseWatchPids(' ')).toThrow('--watch needs a process ID, e.g. --watch 1234');
		expect(() => parseWatchPids('12ab', 'w')).toThrow("w takes process IDs, like w 1234 or w 1234,5678; got '12ab'");
		expect(() => parseWatchPids('1,2,3,4,5,6,7,8,9')).toThrow('--watch takes at most 8 process IDs');
		expect(() => parseWatchPids('9999999')).toThrow('--watch: no process with PID 9999999');
	});
});
