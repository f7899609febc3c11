import type {TourScreen} from '../../core/tour/tour-director.js';

/** A key that does nothing where focus is (the status bar words it in the dashboard's language). */
export interface UnboundKeyHint {
	key: string;
	focus: Focus;
}

/** What a key did, for the status bar until the next key (the catalogue words it). */
export type KeyNote =
	| {note: 'tour-hold'}
	| {note: 'no-tour'}
	/** Right on the tour's last step (`step` of as many). */
	| {note: 'tour-last'; step: number}
	| {note: 'svg-wrote'; file: string}
	| {note: 'svg-nothing'; view: TimelineView}
	| {note: 'svg-failed'; reason: string};

export type Focus = {kind: 'server'} | {kind: 'timeline'} | {kind: 'session'; sessionId: number};

/** What the timeline area shows, in the order `v` walks them. */
export const timelineViews = ['live', 'sim', 'sched', 'experiment'] as const;
export type TimelineView = (typeof timelineViews)[number];

/** The view after `view` among `views` (the ones this dashboard has), in `timelineViews` order. */
export function nextTimelineView(view: TimelineView, views: readonly TimelineView[] = ['live', 'sim']): TimelineView {
	const order = timelineViews.filter((candidate) => views.includes(candidate) || candidate === view);
	return order[(order.indexOf(view) + 1) % order.length]!;
}

/** UI-only state (what has focus, what is being typed); the data itself lives in the store's snapshot. */
export interface UiState {
	focus: Focus;
	typing: boolean;
	draft: string;
	help: boolean;
	/** First row of the help overlay when it scrolls. */
	helpOffset: number;
	view: TimelineView;
	/** Focus the next session that appears (after `n` / `u`). */
	focusNewest: boolean;
	/** The highest session id seen so far (to tell which session is new). */
	knownMaxId: number;
	/** Why the last key did nothing, shown in the status bar until the next key (no key fails silently). */
	hint?: UnboundKeyHint | KeyNote;
	/** The focused pane has the whole screen above the status bar (`z`). */
	zoom?: boolean;
	/** The PID being typed after `w` (undefined: the prompt is closed). */
	watchDraft?: string;
	/**
	 * While the screen shows what a tour step asked for: that request, and the screen to go back to when the
	 * tour stops asking (the tour's state says whether it is on; see ui/tour/follow-tour.ts).
	 */
	tourScreen?: TourScreenHeld;
	/** The tour's list of steps is shown (`T`). */
	tourList?: boolean;
}

/** The screen a tour step asked for (`shown`, the director's own object) and the one before it. */
export interface TourScreenHeld {
	shown: TourScreen;
	before: {view: TimelineView; zoom: boolean; focus: Focus};
}

export const maxDraftLength = 500;

/** Focus starts on the first session (so Enter types at once), or on the server when there is none yet. */
export function initialUiState(view: TimelineView = 'live', firstSessionId?: number): UiState {
	const focus: Focus = firstSessionId === undefined ? {kind: 'server'} : {kind: 'session', sessionId: firstSessionId};
	return {
		focus,
		typing: false,
		draft: '',
		help: false,
		helpOffset: 0,
		view,
		focusNewest: false,
		knownMaxId: 0,
	};
}

export interface SessionSummary {
	sessionId: number;
	exited: boolean;
	/** Asked to close and not exited yet. */
	closing: boolean;
}

export function sameFocus(a: Focus, b: Focus): boolean {
	return a.kind === b.kind && (a.kind !== 'session' || a.sessionId === (b as {sessionId: number}).sessionId);
}

/** The panes Tab walks through, in screen order. */
export function focusOrder(sessions: readonly SessionSummary[]): Focus[] {
	return [
		{kind: 'server'},
		{kind: 'timeline'},
		...sessions.map((session) => ({kind: 'session' as const, sessionId: session.sessionId})),
	];
}

/** Keeps the UI state consistent with the sessions that exist (a new one to focus, a removed one). */
export function reconcileUiState(state: UiState, sessions: readonly SessionSummary[]): UiState {
	let next = state;
	const maxId = sessions.reduce((max, session) => Math.max(max, session.sessionId), 0);
	if (maxId > state.knownMaxId) {
		next = {...next, knownMaxId: maxId};
		if (state.focusNewest)
			next = {...next, focus: {kind: 'session', sessionId: maxId}, focusNewest: false, typing: false, draft: ''};
	}

	const focus = next.focus;
	if (focus.kind === 'session') {
		const index = sessions.findIndex((session) => session.sessionId === focus.sessionId);
		if (index === -1) {
			// Before the first session exists, keep waiting for it; after a removal, move to a neighbour.
			if (sessions.length === 0 && next.knownMaxId === 0) return next;
			const neighbour = sessions.find((session) => session.sessionId > focus.sessionId) ?? sessions.at(-1);
			next = {
				...next,
				focus: neighbour ? {kind: 'session', sessionId: neighbour.sessionId} : {kind: 'server'},
				typing: false,
				draft: '',
			};
		} else if (sessions[index]!.exited && next.typing) {
			next = {...next, typing: false};
		}
	}

	return next;
}
