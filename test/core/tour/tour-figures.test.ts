import {describe, expect, it} from 'vitest';
import {cellCode, type ProcessLaneSnapshot, type TimelineSnapshot} from '../../../source/core/procs/types.js';
import {fullCapabilities} from '../procs/fake-source.js';
import {DashboardStore} from '../../../source/core/dashboard/dashboard-store.js';
import {spokenPid, tourFigures} from '../../../source/core/tour/tour-figures.js';

const caps = fullCapabilities;

function lane(pid: number, label: string, rssBytes?: number): ProcessLaneSnapshot {
	return {
		pid,
		label,
		cells: new Uint8Array(10).fill(cellCode.sleeping),
		ran: new Uint8Array(10),
		phases: new Uint8Array(10),
		kind: 'process',
		exited: false,
		latest: {cell: 'sleeping', ...(rssBytes === undefined ? {} : {rssBytes})},
	};
}

/** Three sessions (pids 101-103) on CPU 1; #2 waits for its reply since 400 ms ago. */
function scene(now: number) {
	const store = new DashboardStore({ascii: false});
	for (const [sessionId, pid] of [
		[1, 101],
		[2, 102],
		[3, 103],
	] as const) {
		store.apply({
			type: 'session',
			event: {type: 'session-started', sessionId, pid, protocol: 'tcp', remote: {address: '127.0.0.1', port: 9}},
		});
	}

	store.apply({
		type: 'session',
		event: {type: 'session-report', sessionId: 2, report: {type: 'phase', phase: 'waiting-reply', at: now - 400}},
	});
	store.apply({type: 'one-cpu', view: {enabled: true, cpu: 1}});
	store.flush();
	// The newest four ticks of CPU 1: #3 three times, #1 once.
	const owners = new Int32Array([0, 0, 0, 0, 0, 0, 103, 103, 101, 103]);
	const timeline: TimelineSnapshot = {
		tick: 10,
		columns: 10,
		intervalMs: 100,
		paused: false,
		capabilities: caps,
		processes: [lane(101, '#1 TCP', 40e6), lane(102, '#2 TCP', 41e6), lane(103, '#3 TCP', 42e6)],
		cores: [
			{cpu: 0, owners: new Int32Array(10)},
			{cpu: 1, owners},
		],
	};
	const snapshot = store.getSnapshot();
	store.dispose();
	return {snapshot, timeline};
}

describe('tourFigures', () => {
	it('time-io: the session waiting longest, how long, and who had the CPU meanwhile (measured on its core)', () => {
		const now = 1_000_000;
		const {snapshot, timeline} = scene(now);
		const figures = tourFigures({step: 'time-io', sessions: [1, 2, 3], snapshot, timeline, now});
		expect(figures).toEqual({
			step: 'time-io',
			cpu: 1,
			waiting: {
				session: 2,
				pid: 102,
				waitedMs: 400,
				ran: [
					{name: '#3', ms: 300},
					{name: '#1', ms: 100},
				],
				othersMs: 0,
			},
		});
		expect(spokenPid(figures)).toBe(102);
	});

	it('time-io: what ran meanwhile is measured over whole columns inside the wait, so it never exceeds the wait', () => {
		const now = 1_000_000;
		const {snapshot, timeline} = scene(now);
		// #3 had the newest two columns, but the wait is 150 ms: only one column lies inside it.
		timeline.cores[1]!.owners.set([0, 0, 103, 103], 6);
		const store = new DashboardStore({ascii: false});
		const waiting = {...snapshot.sessions.find((session) => session.sessionId === 2)!, phaseSince: now - 150};
		store.dispose();
		const figures = tourFigures({
			step: 'time-io',
			sessions: [1, 2, 3],
			snapshot: {
				...snapshot,
				sessions: snapshot.sessions.map((session) => (session.sessionId === 2 ? waiting : session)),
			},
			timeline,
			now,
		});
		expect(figures).toMatchObject({waiting: {waitedMs: 150, ran: [{name: '#3', ms: 100}], othersMs: 0}});
		if (figures.step !== 'time-io' || !figures.waiting) throw new Error('no wait');
		const ran = figures.waiting.ran.reduce((sum, share) => sum + share.ms, figures.waiting.othersMs);
		expect(ran).toBeLessThanOrEqual(figures.waiting.waitedMs);
	});

	it('time-io: a core busy with processes outside the demo says so, not "idle"', () => {
		const now = 1_000_000;
		const {snapshot, timeline} = scene(now);
		timeline.cores[1]!.owners.set([-1, -1, 0, -1], 6);
		const figures = tourFigures({step: 'time-io', sessions: [1, 2, 3], snapshot, timeline, now});
		expect(figures).toMatchObject({waiting: {ran: [], othersMs: 300}});
	});

	it('time-io: nothing to say before a session waits', () => {
		const now = 1_000_000;
		const {snapshot, timeline} = scene(now);
		const figures = tourFigures({step: 'time-io', sessions: [1, 3], snapshot, timeline, now});
		expect(figures).toEqual({step: 'time-io', cpu: 1});
	});

	it('program-process and space: each process with its own PID and resident memory, from the sampler', () => {
		const now = 1_000_000;
		const {snapshot, timeline} = scene(now);
		const program = tourFigures({step: 'program-process', sessions: [1, 2], snapshot, timeline, now});
		expect(program).toMatchObject({
			processes: [
				{name: '#1', pid: 101, rssBytes: 40e6, sent: 0, auto: false},
				{name: '#2', pid: 102, rssBytes: 41e6},
			],
		});
	});

	it("space: the total is the server pane's figure (the store's demo memory, by PSS), each process named as its lane", () => {
		const now = 1_000_000;
		const {snapshot, timeline} = scene(now);
		const demoMemory = {
			rssBytes: 123e6,
			pssBytes: 45e6,
			sharedBytes: 78e6,
			processes: 3,
			pssMissing: 0,
			each: [
				{pid: 101, rssBytes: 40e6, pssBytes: 15e6},
				{pid: 102, rssBytes: 41e6, pssBytes: 15e6},
				{pid: 103, rssBytes: 42e6, pssBytes: 15e6},
			],
		};
		const space = tourFigures({step: 'space', sessions: [1, 2, 3], snapshot: {...snapshot, demoMemory}, timeline, now});
		expect(space).toMatchObject({
			totalBytes: 45e6,
			sharedBytes: 78e6,
			byPss: true,
			processes: [
				{name: '#1', pid: 101, bytes: 15e6},
				{name: '#2', pid: 102, bytes: 15e6},
				{name: '#3', pid: 103, bytes: 15e6},
			],
		});
	});

	it("udp-messages and tcp-stream: how the two messages sent in one go came back, from the step's own session", () => {
		for (const protocol of ['udp', 'tcp'] as const) {
			const store = new DashboardStore({ascii: false});
			store.apply({
				type: 'session',
				event: {type: 'session-started', sessionId: 4, pid: 104, protocol, remote: {address: '127.0.0.1', port: 9}},
			});
			const reads =
				protocol === 'tcp'
					? {writes: 1, reads: 1, readSizes: [12], lines: 2}
					: {writes: 2, reads: 2, readSizes: [5, 5], lines: 0};
			store.apply({
				type: 'session',
				event: {type: 'session-report', sessionId: 4, report: {type: 'reads', id: 2, ...reads}},
			});
			store.flush();
			const snapshot = store.getSnapshot();
			store.dispose();
			const step = protocol === 'tcp' ? 'tcp-stream' : 'udp-messages';
			const figures = tourFigures({step, snapshot, sessions: [4], now: 0});
			expect(figures).toMatchObject({step, pair: {session: 4, ...reads}});
		}
	});
});
