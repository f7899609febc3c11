import {describe, expect, it} from 'vitest';
import {dispatchKey, type DispatchContext, type KeyCall} from '../../../source/ui/keymap/dispatch-key.js';
import type {KeyPress} from '../../../source/ui/keymap/read-keys.js';
import {simBindings, simEditingBindings} from '../../../source/ui/panes/sim/sim-bindings.js';
import {initialUiState, type SessionSummary, type UiState} from '../../../source/ui/state/ui-state.js';

const live = (sessionId: number): SessionSummary => ({sessionId, exited: false, closing: false});
const sessions = [live(1), live(2), live(3)];
const context: DispatchContext = {sessions, tooSmall: false};
const key = (text: string): KeyPress => ({name: text === ' ' ? 'space' : text, text});
const named = (name: string, text = ''): KeyPress => ({name, text});

/** Runs keys through the reducer as the UI store does; returns the end state and every call, in order. */
function run(state: UiState, presses: KeyPress[], ctx: DispatchContext = context): {state: UiState; calls: KeyCall[]} {
	const calls: KeyCall[] = [];
	for (const press of presses) {
		const result = dispatchKey(state, press, ctx);
		state = result.state;
		calls.push(...result.calls);
	}

	return {state, calls};
}

const onSession = (sessionId = 1) => initialUiState('sim', sessionId);

describe('dispatchKey', () => {
	it('types, edits and sends the draft to the focused session', () => {
		const {state, calls} = run(onSession(2), [
			named('enter'),
			...'hex'.split('').map(key),
			named('backspace'),
			key('y'),
			named('enter'),
		]);
		expect(calls).toEqual([{command: 'send', args: [2, 'hey']}]);
		expect(state).toMatchObject({typing: true, draft: ''});
		// While typing, shortcuts are text.
		expect(run(onSession(), [named('enter'), key('q'), key('x')])).toMatchObject({state: {draft: 'qx'}, calls: []});
		expect(run(onSession(), [named('enter'), key('a'), named('escape'), key('n')]).calls).toEqual([
			{command: 'openSession', args: ['tcp']},
		]);
	});

	it('calls session commands on the focused live session only', () => {
		expect(run(onSession(2), [key('b')]).calls).toEqual([{command: 'sendPair', args: [2]}]);
		expect(run(onSession(3), [key('a'), key(']'), key('{')]).calls).toEqual([
			{command: 'toggleAuto', args: [3]},
			{command: 'stepAutoInterval', args: [3, 1]},
			{command: 'stepAutoBurst', args: [3, -1]},
		]);
		const exited = {...context, sessions: [{sessionId: 1, exited: true, closing: false}]};
		expect(run(onSession(1), [key('a'), named('enter'), key('h')], exited)).toMatchObject({
			calls: [],
			state: {typing: false},
		});
	});

	it('x closes the focused session, then the next live one while it is closing, then nothing; an exited one is removed', () => {
		// As the UI store does with the dashboard store: closeSession marks the session closing at once.
		let ctx: DispatchContext = context;
		let state = onSession(2);
		const calls: KeyCall[] = [];
		for (const press of [key('x'), key('x'), key('x'), key('x')]) {
			const result = dispatchKey(state, press, ctx);
			state = result.state;
			calls.push(...result.calls);
			const closed = new Set(
				result.calls.flatMap((made) => ('command' in made && made.command === 'closeSession' ? made.args : [])),
			);
			ctx = {...ctx, sessions: ctx.sessions.map((one) => (closed.has(one.sessionId) ? {...one, closing: true} : one))};
		}

		// 2, then 3 after it, then 1 (wrapping); then no live session is left.
		expect(calls).toEqual([
			{command: 'closeSession', args: [2]},
			{command: 'closeSession', args: [3]},
			{command: 'closeSession', args: [1]},
		]);
		expect(state.focus).toEqual({kind: 'session', sessionId: 1});
		const closing = {...context, sessions: [{...live(1), closing: true}, live(2)]};
		expect(run(onSession(1), [key('x')], closing).calls).toEqual([{command: 'closeSession', args: [2]}]);
		const exited = {...context, sessions: [{sessionId: 1, exited: true, closing: false}, live(2)]};
		expect(run(onSession(1), [key('x')], exited).calls).toEqual([{command: 'dismissSession', args: [1]}]);
	});

	it('gives timeline keys to the hosted pane, and all keys to it while it captures text', () => {
		const onTimeline: UiState = {...onSession(), focus: {kind: 'timeline'}};
		const withSim = {...context, paneBindings: simBindings};
		expect(run(onTimeline, [key('.'), key('c'), key('v')], withSim)).toMatchObject({
			calls: [{pane: {type: 'step-forward'}}, {pane: {type: 'toggle-compare'}}],
			state: {view: 'live'},
		});
		const capturing = {
			...withSim,
			paneCapture: {bindings: simEditingBindings, text: (text: string) => ({type: 'edit-input', text})},
		};
		expect(
			run(onTimeline, [key('c'), key('v'), key('q'), named('backspace'), named('enter')], capturing).calls,
		).toEqual([
			{pane: {type: 'edit-input', text: 'c'}},
			{pane: {type: 'edit-input', text: 'v'}},
			{pane: {type: 'edit-input', text: 'q'}},
			{pane: {type: 'edit-backspace'}},
			{pane: {type: 'edit-commit'}},
		]);
		// Ctrl-C still quits.
		expect(run(onTimeline, [named('ctrl+c')], capturing).calls).toEqual([{command: 'quit', args: []}]);
	});

	it('takes only q and Ctrl-C when the terminal is too small, and scrolls or closes the help', () => {
		const small = {...context, tooSmall: true};
		expect(run(onSession(), [key('n'), key('x'), named('enter'), key('q')], small).calls).toEqual([
			{command: 'quit', args: []},
		]);
		const help = run(onSession(), [key('?'), key('j'), key('j'), key('k'), key('n')]);
		expect(help.state).toMatchObject({help: true, helpOffset: 1});
		expect(help.calls).toEqual([]);
		expect(run(help.state, [named('escape')]).state.help).toBe(false);
	});

	it('pages the help: PgDn and Space to the next page, PgUp back, Home and End, never past the last page', () => {
		// 100 rows, 30 a page: pages start at 0, 30, 60, 90.
		const paged = {...context, helpPaging: {pageRows: 30, maxOffset: 90}};
		const at = (keys: Parameters<typeof run>[1]) => run(onSession(), [key('?'), ...keys], paged).state.helpOffset;
		expect(at([named('pagedown')])).toBe(30);
		expect(at([named('pagedown'), named('space')])).toBe(60);
		expect(at([named('pagedown'), named('space'), named('pagedown'), named('pagedown')])).toBe(90);
		expect(at([named('end'), named('pageup')])).toBe(60);
		expect(at([named('end'), named('home')])).toBe(0);
		expect(at([key('j'), named('pagedown')])).toBe(30);
		expect(at([named('pagedown'), key('j'), named('pageup')])).toBe(30);
		expect(at([named('end'), key('j'), key('j')])).toBe(90);
		expect(at([named('pageup'), key('k')])).toBe(0);
	});

	it('walks the focus with Tab and jumps with digits; n focuses the session that appears next', () => {
		const walked = run(onSession(3), [named('tab'), named('tab'), named('shift+tab')]);
		expect(walked.state.focus).toEqual({kind: 'server'});
		expect(run(onSession(1), [key('2')]).state.focus).toEqual({kind: 'session', sessionId: 2});
		expect(run(onSession(1), [key('9')]).state.focus).toEqual({kind: 'session', sessionId: 1});
		expect(run(onSession(1), [key('u')])).toMatchObject({
			state: {focusNewest: true},
			calls: [{command: 'openSession', args: ['udp']}],
		});
	});

	it("during the tour: its keys come before a pane's own, T lists the steps, and +/- leave the server alone", () => {
		// Whether the tour is on comes from its director's state, with each key.
		const onTimeline: UiState = {...initialUiState('sim'), focus: {kind: 'timeline'}};
		const sim = {...context, paneBindings: simBindings, touring: true};
		const tour = {...context, touring: true};
		// Right/Left step the tour, not the simulator; PgDn/PgUp too.
		expect(run(onTimeline, [named('right'), named('pagedown'), named('left'), named('pageup')], sim).calls).toEqual([
			{tour: 'next'},
			{tour: 'next'},
			{tour: 'prev'},
			{tour: 'prev'},
		]);
		// Without the tour, Right is the simulator's.
		expect(run(onTimeline, [named('right')], {...sim, touring: false}).calls).toEqual([{pane: {type: 'step-forward'}}]);
		// T opens the list; a digit goes to that step and closes it.
		const listed = run(onTimeline, [key('T')], sim).state;
		expect(listed.tourList).toBe(true);
		expect(run(listed, [key('7')], sim)).toMatchObject({state: {tourList: false}, calls: [{tour: {step: 6}}]});
		// Esc leaves; t toggles (anywhere).
		expect(run(onTimeline, [named('escape')], sim).calls).toEqual([{tour: 'leave'}]);
		expect(run(onSession(), [key('t')]).calls).toEqual([{tour: 'toggle'}]);
		// + on the server pane would change the step's reply delay: held, with a hint; on the timeline it is its speed.
		const onServer: UiState = {...onTimeline, focus: {kind: 'server'}};
		const held = run(onServer, [key('+')], tour);
		expect(held.calls).toEqual([]);
		expect(held.state.hint).toEqual({note: 'tour-hold'});
		expect(run(onServer, [key('+')]).calls).toEqual([{command: 'stepReplyDelay', args: [1]}]);
		expect(run(onTimeline, [key('+')], sim).calls).toEqual([{pane: {type: 'faster'}}]);
	});
});
