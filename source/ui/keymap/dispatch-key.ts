import type {DashboardCommands} from '../../core/dashboard/dashboard-commands.js';
import {
	focusOrder,
	maxDraftLength,
	nextTimelineView,
	sameFocus,
	type SessionSummary,
	type TimelineView,
	type UiState,
} from '../state/ui-state.js';
import type {TextCapture} from '../timeline-host.js';
import type {DashboardAction, TourCommand} from './dashboard-action.js';
import {dashboardBindings} from './dashboard-bindings.js';
import type {KeyBinding, KeyScope} from './key-binding.js';
import type {KeyPress} from './read-keys.js';

/** What a key asks for besides the UI state: a DashboardCommands call, an intent for the shown timeline pane, the tour, or a save. */
export type KeyCall =
	| {command: keyof DashboardCommands; args: readonly unknown[]}
	| {pane: unknown}
	| {tour: Exclude<TourCommand, 'list' | 'hold'> | {step: number}}
	| {save: 'timeline-svg'};

export interface DispatchContext {
	sessions: readonly SessionSummary[];
	tooSmall: boolean;
	/** Bindings of the pane shown in the timeline area right now (the sim pane's, the live timeline's). */
	paneBindings?: ReadonlyArray<KeyBinding<unknown>>;
	/** Set while that pane captures text (its form is open), as read just before this key. */
	paneCapture?: TextCapture;
	bindings?: ReadonlyArray<KeyBinding<DashboardAction>>;
	/** The timeline views this dashboard has, which `v` walks (all by default). */
	views?: readonly TimelineView[];
	/** How the help overlay pages at the terminal's size: rows a page, first row of the last page. */
	helpPaging?: {pageRows: number; maxOffset: number};
	/** The guided tour is on (read from its director's state): its keys come first. */
	touring?: boolean;
}

/** Without a size (tests): pages of 10 rows, up to row 60. */
const defaultHelpPaging = {pageRows: 10, maxOffset: 60};

/** The help overlay's first row after a paging key, or undefined when `name` does not move it. */
function helpOffsetAfter(name: string | undefined, offset: number, paging = defaultHelpPaging): number | undefined {
	const {pageRows, maxOffset} = paging;
	const clamp = (row: number) => Math.min(Math.max(0, row), Math.max(0, maxOffset));
	switch (name) {
		case 'down':
		case 'j':
			return clamp(offset + 1);
		case 'up':
		case 'k':
			return clamp(offset - 1);
		case 'pagedown':
		case 'space':
			return clamp((Math.floor(offset / pageRows) + 1) * pageRows);
		case 'pageup':
			return clamp(Math.floor((offset - 1) / pageRows) * pageRows);
		case 'home':
			return 0;
		case 'end':
			return clamp(maxOffset);
		default:
			return undefined;
	}
}

export interface DispatchResult {
	state: UiState;
	calls: KeyCall[];
	/** True when some binding or an input line took the key. */
	handled: boolean;
}

function find<T>(
	bindings: ReadonlyArray<KeyBinding<T>>,
	scope: KeyScope | readonly KeyScope[],
	name: string,
): KeyBinding<T> | undefined {
	const scopes: readonly KeyScope[] = typeof scope === 'string' ? [scope] : scope;
	return bindings.find((binding) => scopes.includes(binding.scope) && binding.keys.includes(name));
}

/** The scopes of the panes the timeline area hosts (their own keys), and of the area itself. */
const hostedScopes: KeyScope[] = ['sim', 'sched', 'experiment', 'timeline'];

/** The scopes active for the focused pane, most specific first (the tour's first while it is on). */
export function activeScopes(state: UiState, touring = false): KeyScope[] {
	if (state.typing) return ['typing'];
	const tour: KeyScope[] = touring ? ['tour'] : [];
	switch (state.focus.kind) {
		case 'session':
			return [...tour, 'session', 'global'];
		case 'server':
			return [...tour, 'server', 'global'];
		case 'timeline':
			return [...tour, 'timeline', state.view === 'live' ? 'timeline' : state.view, 'global'];
	}
}

function printable(input: string): string {
	// Only what a person can see; the draft is shown on screen and sent as typed.
	return [...input].filter((char) => char >= ' ' && char !== '\u007F').join('');
}

const call = (command: keyof DashboardCommands, ...args: unknown[]): KeyCall => ({command, args});

/**
 * The single key dispatcher, pure: one key -> the next UI state and the calls to make. Priority: Ctrl-C,
 * the too-small screen, the help overlay, typing, a timeline pane capturing text, the focused pane (and
 * the pane it hosts), global.
 */
export function dispatchKey(previous: UiState, key: KeyPress, context: DispatchContext): DispatchResult {
	// A hint about the last key lasts until the next one.
	const state = previous.hint === undefined ? previous : {...previous, hint: undefined};
	const {name} = key;
	const bindings = context.bindings ?? dashboardBindings;
	const done = (next: UiState, calls: KeyCall[] = []): DispatchResult => ({state: next, calls, handled: true});
	const ignored: DispatchResult = {state, calls: [], handled: false};

	if (name === 'ctrl+c') return done(state, [call('quit')]);
	if (context.tooSmall) return name === 'q' ? done(state, [call('quit')]) : ignored;
	if (state.help) {
		if (name === 'q') return done(state, [call('quit')]);
		if (name === '?' || name === 'escape' || name === 'enter') return done({...state, help: false});
		// Paging and scrolling the overlay (a plain `k` here only moves the view).
		const helpOffset = helpOffsetAfter(name, state.helpOffset, context.helpPaging);
		return helpOffset === undefined ? ignored : done({...state, helpOffset});
	}

	if (state.tourList) {
		// The tour's list of steps: a digit goes to that step; T, Esc or Enter close the list.
		if (name === 'q') return done(state, [call('quit')]);
		if (name === 'T' || name === 'escape' || name === 'enter') return done({...state, tourList: false});
		if (name !== undefined && /^[1-9]$/.test(name))
			return done({...state, tourList: false}, [{tour: {step: Number(name) - 1}}]);
		return ignored;
	}

	if (state.watchDraft !== undefined) {
		// `w`: a PID (or several, comma-separated) typed in the status bar.
		if (name === 'enter') return done({...state, watchDraft: undefined}, [call('watchProcess', state.watchDraft)]);
		if (name === 'escape') return done({...state, watchDraft: undefined});
		if (name === 'backspace') return done({...state, watchDraft: state.watchDraft.slice(0, -1)});
		const text = [...key.text].filter((char) => /[\d, ]/u.test(char)).join('');
		if (text === '') return ignored;
		return done({...state, watchDraft: (state.watchDraft + text).slice(0, 40)});
	}

	if (state.typing) {
		const binding = name === undefined ? undefined : find(bindings, 'typing', name);
		if (binding) return apply(state, binding.action, name!, context);
		const text = printable(key.text);
		if (text === '') return ignored;
		return done({...state, draft: (state.draft + text).slice(0, maxDraftLength)});
	}

	if (state.focus.kind === 'timeline' && context.paneCapture) {
		const capture = context.paneCapture;
		const binding = name === undefined ? undefined : find(capture.bindings, ['typing', ...hostedScopes], name);
		if (binding) return done(state, [{pane: binding.action}]);
		const text = printable(key.text);
		if (text === '') return ignored;
		return done(state, [{pane: capture.text(text)}]);
	}

	if (name === undefined) return ignored;
	// The tour's keys (Right/Left, PgDn/PgUp, T, Esc) come before a hosted pane's own. It holds +/- back from
	// the server's reply delay, not from the timeline's own speed.
	const tourBinding = context.touring ? find(bindings, 'tour', name) : undefined;
	const held =
		tourBinding && 'ui' in tourBinding.action && tourBinding.action.ui === 'tour' && tourBinding.action.tour === 'hold';
	if (tourBinding && !(held && state.focus.kind === 'timeline')) return apply(state, tourBinding.action, name, context);
	if (state.focus.kind === 'timeline' && context.paneBindings) {
		const hosted = find(context.paneBindings, hostedScopes, name);
		// The view toggle stays ours even if a hosted pane binds the same key.
		if (hosted && find(bindings, 'timeline', name) === undefined) return done(state, [{pane: hosted.action}]);
	}

	for (const scope of activeScopes(state, context.touring)) {
		const binding = find(bindings, scope, name);
		if (binding) return apply(state, binding.action, name, context);
	}

	// A timeline key pressed elsewhere still works when nothing else claims it, and focus follows it, so the
	// status bar shows the timeline's keys from then on.
	if (state.focus.kind !== 'timeline') {
		const timeline: UiState = {...state, focus: {kind: 'timeline'}};
		const toggle = find(bindings, 'timeline', name);
		if (toggle) return apply(timeline, toggle.action, name, context);
		const hosted = context.paneBindings ? find(context.paneBindings, hostedScopes, name) : undefined;
		if (hosted) return done(timeline, [{pane: hosted.action}]);
	}

	// Named keys only: a stray byte of an unknown escape sequence is no reason to talk.
	return name.length === 1 || ['enter', 'space', 'backspace'].includes(name)
		? {
				state: {...state, hint: {key: name, focus: state.focus}},
				calls: [],
				handled: true,
			}
		: ignored;
}

function apply(state: UiState, action: DashboardAction, name: string, context: DispatchContext): DispatchResult {
	const done = (next: UiState, calls: KeyCall[] = []): DispatchResult => ({state: next, calls, handled: true});
	const focusedId = state.focus.kind === 'session' ? state.focus.sessionId : undefined;
	const focused = context.sessions.find((session) => session.sessionId === focusedId);
	const live = focused && !focused.exited ? focused : undefined;
	if ('command' in action) return done(state, [call(action.command, ...(action.args ?? []))]);
	if ('sessionCommand' in action)
		return done(state, live ? [call(action.sessionCommand, live.sessionId, ...(action.args ?? []))] : []);
	switch (action.ui) {
		case 'toggle-help':
			return done({...state, help: !state.help, helpOffset: 0});
		case 'new-session':
			return done({...state, focusNewest: true}, [call('openSession', action.protocol)]);
		case 'close-session':
			return closeSession(state, focused, context.sessions);
		case 'focus-next':
		case 'focus-prev': {
			const order = focusOrder(context.sessions);
			const index = order.findIndex((focus) => sameFocus(focus, state.focus));
			const step = action.ui === 'focus-next' ? 1 : -1;
			// Focus on a session about to appear (the first frame comes before the first sessions): it sits
			// after the timeline, where the sessions go.
			const next =
				index === -1 ? (step === 1 ? order[0]! : order.at(-1)!) : order[(index + step + order.length) % order.length]!;
			return done({...state, focus: next, typing: false});
		}

		case 'focus-session': {
			const number = Number(name);
			const target = context.sessions.find((session) => session.sessionId === number) ?? context.sessions[number - 1];
			if (!target) return done(state);
			return done({...state, focus: {kind: 'session', sessionId: target.sessionId}, typing: false});
		}

		case 'start-typing':
			return done(live ? {...state, typing: true} : state);
		case 'send':
			if (!live || state.draft === '') return done({...state, draft: ''});
			return done({...state, draft: ''}, [call('send', live.sessionId, state.draft)]);
		case 'stop-typing':
			return done({...state, typing: false});
		case 'backspace':
			return done({...state, draft: [...state.draft].slice(0, -1).join('')});
		case 'toggle-view':
			return done({...state, view: nextTimelineView(state.view, context.views)});
		case 'toggle-zoom':
			return done({...state, zoom: !state.zoom});
		case 'watch-prompt':
			return done({...state, watchDraft: ''});
		case 'save-svg':
			return done(state, [{save: 'timeline-svg'}]);
		case 'tour':
			return tourKey(state, action.tour);
	}
}

function tourKey(state: UiState, command: TourCommand): DispatchResult {
	const done = (next: UiState, calls: KeyCall[] = []): DispatchResult => ({state: next, calls, handled: true});
	switch (command) {
		case 'list':
			return done({...state, tourList: true});
		case 'hold':
			return done({...state, hint: {note: 'tour-hold'}});
		default:
			return done(state, [{tour: command}]);
	}
}

/**
 * `x`: closes the focused session; pressed again while that one is still closing, closes the next live
 * session and moves focus to it (so `x x x` closes three); on an exited session, removes its pane.
 */
function closeSession(
	state: UiState,
	focused: SessionSummary | undefined,
	sessions: readonly SessionSummary[],
): DispatchResult {
	const done = (next: UiState, calls: KeyCall[] = []): DispatchResult => ({state: next, calls, handled: true});
	if (!focused) return done(state);
	if (focused.exited) return done(state, [call('dismissSession', focused.sessionId)]);
	// The store marks a session closing as soon as `closeSession` is called, so the next key sees it.
	const close = (session: SessionSummary) =>
		done({...state, focus: {kind: 'session', sessionId: session.sessionId}}, [call('closeSession', session.sessionId)]);
	if (!focused.closing) return close(focused);
	const index = sessions.indexOf(focused);
	const next = [...sessions.slice(index + 1), ...sessions.slice(0, index)].find(
		(session) => !session.exited && !session.closing,
	);
	return next ? close(next) : done(state);
}
