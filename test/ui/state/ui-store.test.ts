import {describe, expect, it} from 'vitest';
import type {DashboardCommands} from '../../../source/core/dashboard/dashboard-commands.js';
import {DashboardStore} from '../../../source/core/dashboard/dashboard-store.js';
import {parseSimSpec} from '../../../source/core/ostep/process-run/sim-spec.js';
import type {KeyPress} from '../../../source/ui/keymap/read-keys.js';
import {createSimHostedPane} from '../../../source/ui/panes/sim/sim-host.js';
import {SimPlayerStore} from '../../../source/ui/panes/sim/sim-player-store.js';
import {UiStore, type TourKeys} from '../../../source/ui/state/ui-store.js';
import type {DashboardSnapshot} from '../../../source/core/dashboard/snapshot.js';
import {TourDirector, type TourControls} from '../../../source/core/tour/tour-director.js';
import type {TourStep} from '../../../source/core/tour/tour-steps.js';
import type {SnapshotSource} from '../../../source/ui/hooks/use-snapshot.js';
import {standardEvents} from '../helpers/dashboard-fixture.js';

const press = (text: string): KeyPress[] =>
	[...text].map((char) => ({name: char === '\r' ? 'enter' : char, text: char}));

function setup() {
	const data = new DashboardStore({serverPid: 1});
	for (const event of standardEvents()) data.apply(event);
	data.flush();
	const calls: unknown[][] = [];
	const commands = new Proxy({} as DashboardCommands, {
		get:
			(_target, name) =>
			(...args: unknown[]) =>
				calls.push([name, ...args]),
	});
	const sim = new SimPlayerStore(parseSimSpec('-P c3,i,c2:c4'));
	const ui = new UiStore({
		snapshots: data,
		commands,
		timeline: {sim: createSimHostedPane(undefined, sim)},
		initialView: 'sim',
	});
	let notified = 0;
	ui.subscribe(() => notified++);
	return {data, calls, sim, ui, notified: () => notified};
}

describe('UiStore, without React', () => {
	it('applies a chunk key by key: the pane capturing text is read before each key', () => {
		const {data, calls, sim, ui, notified} = setup();
		ui.press({name: 'shift+tab', text: ''});
		expect(ui.getSnapshot().focus).toEqual({kind: 'timeline'});
		ui.press(...press('..ec3,i\r.'));
		expect(sim.getSnapshot()).toMatchObject({label: '-P c3,i', cursor: 1, compare: false});
		expect(calls).toEqual([]);
		// One notification per chunk, not per key.
		expect(notified()).toBe(1);
		data.dispose();
	});

	it('takes only q once told the terminal is too small, and reconciles focus when a session is removed', () => {
		const {data, calls, ui} = setup();
		ui.setTooSmall(true);
		ui.press(...press('nx2q'));
		expect(calls).toEqual([['quit']]);
		ui.setTooSmall(false);
		ui.press(...press('2'));
		data.apply({type: 'session-dismissed', sessionId: 2});
		data.flush();
		expect(ui.getSnapshot().focus).toEqual({kind: 'session', sessionId: 1});
		data.dispose();
	});

	it('focusFirstSession: the first frame comes before any session, and focus goes to #1 when it appears', () => {
		const data = new DashboardStore({serverPid: 1});
		data.flush();
		const commands = {} as DashboardCommands;
		const ui = new UiStore({snapshots: data, commands, focusFirstSession: true});
		expect(ui.getSnapshot().focus).toEqual({kind: 'session', sessionId: 1});
		// Shift-Tab before #1 exists goes where it would from #1: the timeline, then the server.
		const early = new UiStore({snapshots: data, commands, focusFirstSession: true});
		early.press({name: 'shift+tab', text: ''});
		expect(early.getSnapshot().focus).toEqual({kind: 'timeline'});
		for (const event of standardEvents()) data.apply(event);
		data.flush();
		expect(ui.getSnapshot().focus).toEqual({kind: 'session', sessionId: 1});
		// Without it, a dashboard with no sessions starts on the server pane.
		expect(new UiStore({snapshots: new DashboardStore({serverPid: 1}), commands}).getSnapshot().focus).toEqual({
			kind: 'server',
		});
	});

	it('getSnapshot is pure: two reads are the same object, no listener hears of a read, and reading changes no state', () => {
		const data = new DashboardStore({serverPid: 1});
		for (const event of standardEvents()) data.apply(event);
		data.flush();
		const full = data.getSnapshot();
		// A source whose snapshot changes without a word (as a store may publish before telling anyone).
		let shown: DashboardSnapshot = full;
		const source: SnapshotSource = {subscribe: () => () => undefined, getSnapshot: () => shown};
		const commands = new Proxy({} as DashboardCommands, {get: () => () => undefined});
		const ui = new UiStore({snapshots: source, commands});
		ui.press(...press('2'));
		let notified = 0;
		ui.subscribe(() => notified++);
		const first = ui.getSnapshot();
		expect(ui.getSnapshot()).toBe(first);
		expect(first.focus).toEqual({kind: 'session', sessionId: 2});
		// Session #2 gone: a render never shows focus on it, and reading it twice gives the same object.
		shown = {...full, sessions: full.sessions.filter((session) => session.sessionId !== 2)};
		const without = ui.getSnapshot();
		expect(without.focus).toEqual({kind: 'session', sessionId: 1});
		expect(ui.getSnapshot()).toBe(without);
		expect(notified).toBe(0);
		// The reads wrote nothing: with #2 back, the state is as it was before them.
		shown = full;
		expect(ui.getSnapshot()).toBe(first);
		expect(notified).toBe(0);
		data.dispose();
	});

	it('folds in the sessions of each data snapshot when the data store publishes it, and tells its listeners once', () => {
		const {data, ui, notified} = setup();
		ui.press(...press('2'));
		const before = notified();
		const read = ui.getSnapshot();
		expect(ui.getSnapshot()).toBe(read);
		data.apply({type: 'session-dismissed', sessionId: 2});
		data.flush();
		expect(notified()).toBe(before + 1);
		const after = ui.getSnapshot();
		expect(after.focus).toEqual({kind: 'session', sessionId: 1});
		expect(ui.getSnapshot()).toBe(after);
		data.dispose();
	});
});

describe('UiStore and the tour', () => {
	it('Right on the last step says it is the last (nothing else happens); on another step it moves on', () => {
		const data = new DashboardStore({serverPid: 1});
		const commands = new Proxy({} as DashboardCommands, {get: () => () => undefined});
		const state = {active: true, index: 8, busy: false, sessions: [], since: 0};
		const called: string[] = [];
		const tour: TourKeys = {
			getSnapshot: () => state,
			subscribe: () => () => undefined,
			toggle: () => called.push('toggle'),
			next: () => called.push('next'),
			prev: () => called.push('prev'),
			leave: () => called.push('leave'),
			goTo: (index) => called.push(`goTo ${index}`),
			steps: Array.from({length: 9}, () => ({id: 'space' as const, setup: []})),
		};
		const ui = new UiStore({snapshots: data, commands, tour});
		ui.press({name: 'right', text: ''});
		expect(ui.getSnapshot().hint).toEqual({note: 'tour-last', step: 9});
		expect(called).toEqual([]);
		state.index = 3;
		ui.press({name: 'right', text: ''});
		expect(called).toEqual(['next']);
		expect(ui.getSnapshot().hint).toBeUndefined();
		data.dispose();
	});

	it("follows the screen a step asks for through the tour's state, and ending the tour puts back the screen from before it", async () => {
		const data = new DashboardStore({serverPid: 1});
		for (const event of standardEvents()) data.apply(event);
		data.flush();
		const commands = new Proxy({} as DashboardCommands, {get: () => () => undefined});
		const steps: TourStep[] = [
			{id: 'udp-messages', setup: [{kind: 'view', view: 'live'}]},
			{id: 'serial-concurrent', setup: [{kind: 'view', view: 'experiment', zoomed: true}]},
			{id: 'space', setup: []},
		];
		const tour = new TourDirector({controls: quietControls(), steps});
		const pane = {Component: () => null, bindings: [], dispatch() {}};
		const ui = new UiStore({
			snapshots: data,
			commands,
			timeline: {sim: pane, live: pane, experiment: pane},
			initialView: 'sim',
			tour,
		});
		ui.press(...press('2'));
		const screen = () => {
			const {view, zoom, focus} = ui.getSnapshot();
			return {view, zoom: zoom === true, focus};
		};
		const before = screen();
		expect(before).toEqual({view: 'sim', zoom: false, focus: {kind: 'session', sessionId: 2}});
		ui.press({name: 't', text: 't'});
		await tour.settled();
		expect(screen()).toEqual({...before, view: 'live'});
		ui.press({name: 'right', text: ''});
		await tour.settled();
		expect(screen()).toEqual({view: 'experiment', zoom: true, focus: {kind: 'timeline'}});
		// A key may change the screen during a step: the step does not take it back.
		ui.press({name: 'z', text: 'z'});
		expect(screen().zoom).toBe(false);
		// A step that asks for no view: the screen from before the tour.
		ui.press({name: 'right', text: ''});
		await tour.settled();
		expect(tour.getSnapshot().screen).toBeUndefined();
		expect(screen()).toEqual({...before, focus: {kind: 'timeline'}});
		// `t` ends the tour with everything undone, from a zoomed step: view and zoom as before the tour.
		ui.press({name: 'left', text: ''});
		await tour.settled();
		expect(screen().view).toBe('experiment');
		ui.press({name: 't', text: 't'});
		await tour.settled();
		expect(tour.getSnapshot().active).toBe(false);
		expect(screen()).toMatchObject({view: 'sim', zoom: false});
		// Esc keeps what the step shows, and starting again does not bring back what Esc left.
		ui.press({name: 't', text: 't'});
		await tour.settled();
		expect(screen()).toMatchObject({view: 'experiment', zoom: true});
		ui.press({name: 'escape', text: ''});
		await tour.settled();
		expect(tour.getSnapshot().active).toBe(false);
		expect(screen()).toMatchObject({view: 'experiment', zoom: true});
		ui.press({name: 'v', text: 'v'});
		const chosen = screen();
		tour.goTo(2);
		await tour.settled();
		expect(screen()).toEqual(chosen);
		data.dispose();
	});

	it("reads whether the tour is on from the director's state: its keys, and T's list closes when it goes off", async () => {
		const data = new DashboardStore({serverPid: 1});
		const commands = new Proxy({} as DashboardCommands, {get: () => () => undefined});
		const tour = new TourDirector({
			controls: quietControls(),
			steps: [
				{id: 'space', setup: []},
				{id: 'iterative', setup: []},
			],
		});
		const ui = new UiStore({snapshots: data, commands, tour});
		// Off: Right is not the tour's.
		ui.press({name: 'right', text: ''});
		await tour.settled();
		expect(tour.getSnapshot().active).toBe(false);
		tour.start();
		await tour.settled();
		ui.press({name: 'right', text: ''});
		await tour.settled();
		expect(tour.getSnapshot().index).toBe(1);
		ui.press({name: 'T', text: 'T'});
		expect(ui.getSnapshot().tourList).toBe(true);
		tour.leave();
		await tour.settled();
		expect(ui.getSnapshot().tourList).toBe(false);
		data.dispose();
	});
});

/** Controls that change nothing: the tour's screen side alone. */
function quietControls(): TourControls {
	return {
		openSession: () => undefined,
		closeSession: async () => undefined,
		setAuto() {},
		sendPair() {},
		model: () => 'event-loop',
		setModel() {},
		replyDelay: () => 0,
		setReplyDelay() {},
		handlerCpu: () => 0,
		setHandlerCpu() {},
		oneCpu: () => false,
		toggleOneCpu: async () => undefined,
		dashboardLane: () => true,
		toggleDashboardLane() {},
		workerCount: () => 0,
	};
}
