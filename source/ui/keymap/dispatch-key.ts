import type {Protocol} from '../../core/defaults.js';
import {focusOrder, maxDraftLength, sameFocus, type SessionSummary, type UiState} from '../state/ui-state.js';
import type {KeyBinding, KeyScope} from './key-binding.js';
import {dashboardBindings} from './dashboard-bindings.js';
import type {DashboardIntent} from './dashboard-intent.js';

/** What a key asks the core (or a hosted pane) to do; the UI state change comes back separately. */
export type Effect =
	| {type: 'quit'}
	| {type: 'open'; protocol: Protocol}
	| {type: 'close'; sessionId: number}
	| {type: 'dismiss'; sessionId: number}
	| {type: 'send'; sessionId: number; text: string}
	| {type: 'toggle-auto'; sessionId: number}
	| {type: 'auto-interval'; sessionId: number; direction: 1 | -1}
	| {type: 'auto-burst'; sessionId: number; direction: 1 | -1}
	| {type: 'reply-delay'; direction: 1 | -1}
	| {type: 'one-cpu'}
	| {type: 'toggle-dashboard-lane'}
	| {type: 'restart-server'}
	| {type: 'timeline'; intent: unknown};

export interface DispatchContext {
	sessions: readonly SessionSummary[];
	tooSmall: boolean;
	/** Bindings of the pane shown in the timeline area right now (the sim pane's, the live timeline's). */
	timelineBindings?: ReadonlyArray<KeyBinding<unknown>>;
	/** The hosted timeline pane is capturing text (its form is open): keys go to it. */
	timelineCapture?: {bindings: ReadonlyArray<KeyBinding<unknown>>; textIntent: (text: string) => unknown};
	bindings?: ReadonlyArray<KeyBinding<DashboardIntent>>;
}

export interface DispatchResult {
	state: UiState;
	effects: Effect[];
	/** True when some binding or the input line took the key. */
	handled: boolean;
}

function find<T>(bindings: ReadonlyArray<KeyBinding<T>>, scope: KeyScope | readonly KeyScope[], name: string): KeyBinding<T> | undefined {
	const scopes: readonly KeyScope[] = typeof scope === 'string' ? [scope] : scope;
	return bindings.find((binding) => scopes.includes(binding.scope) && binding.keys.includes(name));
}

/** The scopes active for the focused pane, most specific first. */
export function activeScopes(state: UiState): KeyScope[] {
	if (state.typing) return ['typing'];
	switch (state.focus.kind) {
		case 'session':
			return ['session', 'global'];
		case 'server':
			return ['server', 'global'];
		case 'timeline':
			return ['timeline', state.view === 'sim' ? 'sim' : 'timeline', 'global'];
	}
}

function printable(input: string): string {
	// Only what a person can see; the draft is shown on screen and sent as typed.
	return [...input].filter((char) => char >= ' ' && char !== '\u007F').join('');
}

/**
 * The single key dispatcher: one key name (or typed text) -> the next UI state and effects. Priority:
 * Ctrl-C, the help overlay, the too-small screen, typing, the focused pane (and the pane it hosts), global.
 */
export function dispatchKey(state: UiState, input: string, name: string | undefined, context: DispatchContext): DispatchResult {
	const bindings = context.bindings ?? dashboardBindings;
	const done = (next: UiState, effects: Effect[] = []): DispatchResult => ({state: next, effects, handled: true});
	const ignored: DispatchResult = {state, effects: [], handled: false};

	if (name === 'ctrl+c') return done(state, [{type: 'quit'}]);
	if (context.tooSmall) return name === 'q' ? done(state, [{type: 'quit'}]) : ignored;
	if (state.help) {
		if (name === 'q') return done(state, [{type: 'quit'}]);
		if (name === '?' || name === 'escape' || name === 'enter') return done({...state, help: false});
		// Scrolling the overlay (a plain `k` here only moves the view).
		if (name === 'down' || name === 'j') return done({...state, helpOffset: Math.min(state.helpOffset + 1, 60)});
		if (name === 'up' || name === 'k') return done({...state, helpOffset: Math.max(0, state.helpOffset - 1)});
		return ignored;
	}

	if (state.typing) {
		const binding = name === undefined ? undefined : find(bindings, 'typing', name);
		if (binding) return applyIntent(state, binding.intent, name!, context);
		const text = printable(name === 'space' ? ' ' : input);
		if (text === '') return ignored;
		return done({...state, draft: (state.draft + text).slice(0, maxDraftLength)});
	}

	if (state.focus.kind === 'timeline' && context.timelineCapture) {
		const capture = context.timelineCapture;
		const binding = name === undefined ? undefined : find(capture.bindings, ['typing', 'sim', 'timeline'], name);
		if (binding) return done(state, [{type: 'timeline', intent: binding.intent}]);
		const text = printable(name === 'space' ? ' ' : input);
		if (text === '') return ignored;
		return done(state, [{type: 'timeline', intent: capture.textIntent(text)}]);
	}

	if (name === undefined) return ignored;
	if (state.focus.kind === 'timeline' && context.timelineBindings) {
		const hosted = find(context.timelineBindings, ['sim', 'timeline'], name);
		// The view toggle stays ours even if a hosted pane binds the same key.
		if (hosted && find(bindings, 'timeline', name) === undefined) return done(state, [{type: 'timeline', intent: hosted.intent}]);
	}

	for (const scope of activeScopes(state)) {
		const binding = find(bindings, scope, name);
		if (binding) return applyIntent(state, binding.intent, name, context);
	}

	return ignored;
}

function applyIntent(state: UiState, intent: DashboardIntent, name: string, context: DispatchContext): DispatchResult {
	const done = (next: UiState, effects: Effect[] = []): DispatchResult => ({state: next, effects, handled: true});
	const focused = state.focus.kind === 'session' ? context.sessions.find((session) => session.sessionId === (state.focus as {sessionId: number}).sessionId) : undefined;
	switch (intent.type) {
		case 'quit':
			return done(state, [{type: 'quit'}]);
		case 'toggle-help':
			return done({...state, help: !state.help, helpOffset: 0});
		case 'close-help':
			return done({...state, help: false});
		case 'new-session':
			return done({...state, focusNewest: true}, [{type: 'open', protocol: intent.protocol}]);
		case 'close-session':
			if (!focused) return done(state);
			return done(state, [focused.exited ? {type: 'dismiss', sessionId: focused.sessionId} : {type: 'close', sessionId: focused.sessionId}]);
		case 'focus-next':
		case 'focus-prev': {
			const order = focusOrder(context.sessions);
			const index = order.findIndex((focus) => sameFocus(focus, state.focus));
			const step = intent.type === 'focus-next' ? 1 : -1;
			const next = order[(index + step + order.length) % order.length]!;
			return done({...state, focus: next, typing: false});
		}

		case 'focus-session': {
			const number = Number(name);
			const target = context.sessions.find((session) => session.sessionId === number) ?? context.sessions[number - 1];
			if (!target) return done(state);
			return done({...state, focus: {kind: 'session', sessionId: target.sessionId}, typing: false});
		}

		case 'start-typing':
			if (!focused || focused.exited) return done(state);
			return done({...state, typing: true});
		case 'send': {
			if (!focused || focused.exited || state.draft === '') return done({...state, draft: ''});
			return done({...state, draft: ''}, [{type: 'send', sessionId: focused.sessionId, text: state.draft}]);
		}

		case 'stop-typing':
			return done({...state, typing: false});
		case 'backspace':
			return done({...state, draft: [...state.draft].slice(0, -1).join('')});
		case 'toggle-view':
			return done({...state, view: state.view === 'live' ? 'sim' : 'live'});
		case 'toggle-auto':
			return focused && !focused.exited ? done(state, [{type: 'toggle-auto', sessionId: focused.sessionId}]) : done(state);
		case 'auto-interval':
		case 'auto-burst':
			return focused && !focused.exited ? done(state, [{type: intent.type, sessionId: focused.sessionId, direction: intent.direction}]) : done(state);
		case 'reply-delay':
			return done(state, [{type: 'reply-delay', direction: intent.direction}]);
		case 'one-cpu':
		case 'toggle-dashboard-lane':
		case 'restart-server':
			return done(state, [{type: intent.type}]);
	}
}
