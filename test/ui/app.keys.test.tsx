import {afterEach, describe, expect, it} from 'vitest';
import {parseSimSpec} from '../../source/core/ostep/process-run/sim-spec.js';
import {createSimHostedPane} from '../../source/ui/panes/sim/sim-host.js';
import {keys, renderDashboardApp, standardEvents} from './helpers/dashboard-fixture.js';

// The App with the real simulator pane, keys arriving several to a read (fast typing, a paste, one SSH
// packet). Ink batches the renders of one read; every key must still apply, in order (issue 8).
type Fixture = ReturnType<typeof renderDashboardApp>;
let fixture: Fixture | undefined;
afterEach(() => {
	fixture?.cleanup();
	fixture = undefined;
});

function withSim(options: Parameters<typeof renderDashboardApp>[0] = {}): Fixture {
	fixture = renderDashboardApp({
		...options,
		timeline: {sim: createSimHostedPane(parseSimSpec('-P c3,i,c2:c4'))},
		initialView: 'sim',
	});
	return fixture;
}

// A simulator lane in the timeline pane (the right one of the top row): its label, then one character per tick.
const lane = (frame: string, label: string) =>
	frame
		.split('\n')
		.map((line) => line.split(/[│║]/u).at(-2) ?? '')
		.find((inside) => inside.startsWith(`${label} `))
		?.slice(4)
		.trimEnd();

describe('App keys, several in one read', () => {
	it('steps the simulator three ticks for "..." in one chunk', async () => {
		const app = withSim();
		await app.press(keys.shiftTab);
		expect(app.frame()).toContain(' timeline ');
		expect(app.frame()).toContain('t 0/12');
		await app.press('...');
		expect(app.frame()).toContain('t 3/12');
		expect(lane(app.frame(), 'P0')).toBe('███');
		expect(lane(app.frame(), 'P1')).toBe('░░░');
		await app.press(',,');
		expect(app.frame()).toContain('t 1/12');
	});

	it('types and loads a program for "ec3,i\\r" in one chunk (c is typed, not "compare")', async () => {
		const app = withSim();
		await app.press(keys.shiftTab, 'ec3,');
		expect(app.frame()).toContain('-P c3,_');
		expect(app.frame()).toContain('typing into the timeline');
		await app.press(keys.escape);
		expect(app.frame()).not.toContain('-P c3,_');
		await app.press('ec3,i\r');
		const frame = app.frame();
		expect(frame).toContain('your program');
		expect(frame).toContain('t 0/10');
		expect(frame).not.toContain('Serial');
		expect(lane(frame, 'P0')).toBe('');
		expect(lane(frame, 'P1')).toBeUndefined();
		expect(app.calls).toEqual([]);
		await app.press('.....');
		expect(lane(app.frame(), 'P0')).toBe('████≈');
	});

	it('applies a chunk mixing session and timeline keys in order', async () => {
		const app = withSim();
		// Focus #2, type "hi" and send it, Esc (glued to Shift-Tab), back to #1, on to the timeline, step twice,
		// switch to the live view, Tab to session #1, open a TCP session.
		await app.press(`2\rhi\r${keys.escape}${keys.shiftTab}${keys.shiftTab}..v\tn`);
		expect(app.calls).toEqual([
			['send', 2, 'hi'],
			['openSession', 'tcp'],
		]);
		expect(app.frame()).toContain('Timeline: live processes');
		expect(app.frame()).toContain('session #1');
		await app.press(keys.shiftTab, 'v');
		expect(app.frame()).toContain('t 2/12');
	});

	it('keeps the simulator and the typed draft through "terminal too small" and back', async () => {
		const app = withSim();
		await app.press(keys.shiftTab, 'ec3,i\r', '..', 's');
		expect(app.frame()).toContain('t 2/10');
		expect(app.frame()).toContain('SWITCH_ON_END');
		await app.press('1', '\rdraft');
		expect(app.frame()).toContain('> draft');
		app.resize(40, 10);
		expect(app.frame()).toContain('terminal too small');
		await app.press('x');
		expect(app.calls).toEqual([]);
		app.resize(100, 30);
		const frame = app.frame();
		expect(frame).toContain('your program');
		expect(frame).toContain('t 2/10');
		expect(frame).toContain('SWITCH_ON_END');
		expect(lane(frame, 'P0')).toBe('██');
		expect(frame).toContain('> draft');
		expect(frame).toContain('typing into #1');
		await app.press('!\r');
		expect(app.calls).toEqual([['send', 1, 'draft!']]);
	});
});

describe('App: x pressed again while a session is closing (issue 9)', () => {
	const three = [
		...standardEvents(),
		{
			type: 'session',
			event: {
				type: 'session-started',
				sessionId: 3,
				pid: 1003,
				protocol: 'tcp',
				remote: {address: '127.0.0.1', port: 8082},
			},
		},
	] as const;

	it('closes the next live session and moves focus to it', async () => {
		fixture = renderDashboardApp({events: [...three]});
		const app = fixture;
		await app.press('x');
		expect(app.calls).toEqual([['closeSession', 1]]);
		app.apply({type: 'session-closing', sessionId: 1});
		await app.press('x');
		expect(app.calls).toEqual([
			['closeSession', 1],
			['closeSession', 2],
		]);
		expect(app.frame()).toContain('session #2');
		// No frame in between: the store marked each one closing as soon as it was asked to close.
		await app.press('x');
		expect(app.calls.at(-1)).toEqual(['closeSession', 3]);
		await app.press('x');
		expect(app.calls).toHaveLength(3);
		// Once one has exited, x on it removes its pane.
		app.apply({type: 'session', event: {type: 'session-exited', sessionId: 3, code: 0, signal: null}});
		await app.press('x');
		expect(app.calls.at(-1)).toEqual(['dismissSession', 3]);
	});

	it('closes two sessions for "xx" in one chunk', async () => {
		fixture = renderDashboardApp();
		await fixture.press('xx');
		expect(fixture.calls).toEqual([
			['closeSession', 1],
			['closeSession', 2],
		]);
		expect(fixture.frame()).toContain('session #2');
	});
});

describe('App keys never fail silently (issue 10)', () => {
	it('a timeline key pressed on a session or the server works there, and focus follows it', async () => {
		const app = withSim();
		// Focus starts on session #1; "." belongs to the simulator and no session key claims it.
		expect(app.frame()).toContain('t 0/12');
		await app.press('.');
		expect(app.frame()).toContain('t 1/12');
		expect(app.frame()).toContain(' timeline ');
		// From the server pane, v switches the view.
		await app.press(keys.shiftTab);
		expect(app.frame()).toContain(' server ');
		await app.press('v');
		expect(app.frame()).toContain('Timeline: live processes');
		expect(app.frame()).toContain(' timeline ');
	});

	it('a key that does nothing says so in the status bar until the next key', async () => {
		const app = withSim();
		await app.press('y');
		const status = () => app.frame().split('\n').at(-1) ?? '';
		expect(status()).toContain('y does nothing here (session #1); ? lists every key');
		await app.press('y');
		expect(status()).toContain('y does nothing here');
		await app.press(keys.tab);
		expect(status()).not.toContain('does nothing');
	});
});

describe('zoom (issue 10)', () => {
	it('z gives the focused pane the whole screen at 80x24, and z again brings the layout back', async () => {
		const app = withSim({columns: 80, rows: 24});
		await app.press(keys.shiftTab);
		expect(app.frame()).toContain(' timeline ');
		expect(app.frame()).toContain('Server (pid');
		await app.press('z');
		const zoomed = app.frame();
		expect(zoomed).not.toContain('Server (pid');
		expect(zoomed).not.toContain('#1 TCP');
		// The simulator now has every row: its lanes, the whole legend and the workload's settings.
		expect(zoomed).toContain('CPU: pid that ran');
		expect(zoomed).toContain('IO: IOs in flight');
		expect(zoomed.split('\n').every((line) => [...line].length <= 80)).toBe(true);
		await app.press('z');
		expect(app.frame()).toContain('Server (pid');
		expect(app.frame()).toContain('#1 TCP');
	});
});

describe('w: watch a process from inside the dashboard (issue 10)', () => {
	it('w opens a PID prompt in the status bar; digits and commas only; Enter asks the core, Esc cancels', async () => {
		const app = withSim();
		await app.press('w');
		expect(app.frame()).toContain('PID: _');
		await app.press('12a3,4');
		expect(app.frame()).toContain('PID: 123,4_');
		await app.press(keys.backspace, '5', keys.enter);
		expect(app.calls).toContainEqual(['watchProcess', '123,5']);
		expect(app.frame()).not.toContain('PID:');
		await app.press('w', '9', keys.escape);
		expect(app.calls.filter(([name]) => name === 'watchProcess')).toHaveLength(1);
		expect(app.frame()).not.toContain('PID:');
	});

	it('with the simulator focused, r restarts the simulation and R the server; the status bar names the view the keys act on', async () => {
		const app = withSim();
		await app.press(keys.shiftTab);
		expect(app.frame()).toContain(' timeline (sim) ');
		await app.press('...');
		expect(app.frame()).toContain('t 3/12');
		await app.press('r');
		expect(app.frame()).toContain('t 0/12');
		expect(app.calls).not.toContainEqual(['restartServer']);
		await app.press('R');
		expect(app.calls).toContainEqual(['restartServer']);
		app.apply({type: 'server-process', process: {pid: 777, state: 'exited', code: null, signal: 'SIGKILL'}});
		// The pane names the key that works whatever has focus.
		expect(app.frame()).toContain('R restarts it (same port)');
	});
});
