import {describe, expect, it} from 'vitest';
import type {DashboardCommands} from '../../../source/core/dashboard/dashboard-commands.js';
import {DashboardStore} from '../../../source/core/dashboard/dashboard-store.js';
import {parseSimSpec} from '../../../source/core/ostep/process-run/sim-spec.js';
import type {KeyPress} from '../../../source/ui/keymap/read-keys.js';
import {createSimHostedPane} from '../../../source/ui/panes/sim/sim-host.js';
import {SimPlayerStore} from '../../../source/ui/panes/sim/sim-player-store.js';
import {UiStore, type TourKeys} from '../../../source/ui/state/ui-store.js';
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
			attachUi: () => undefined,
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
});
