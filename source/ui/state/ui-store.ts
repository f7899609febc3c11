import type {Key} from 'ink';
import type {DashboardCommands} from '../../core/dashboard/dashboard-commands.js';
import type {DashboardSnapshot} from '../../core/dashboard/snapshot.js';
import type {SnapshotSource} from '../hooks/use-snapshot.js';
import {dispatchKey, type KeyCall} from '../keymap/dispatch-key.js';
import {readKeys, type KeyPress} from '../keymap/read-keys.js';
import {availableViews, hostedPaneFor, type TimelineHost} from '../timeline-host.js';
import {
	initialUiState,
	reconcileUiState,
	type KeyNote,
	type SessionSummary,
	type TimelineView,
	type UiState,
} from './ui-state.js';
import type {TourDirector} from '../../core/tour/tour-director.js';
import {followTour} from '../tour/follow-tour.js';

/** The tour as the key path sees it: its state (on, the screen a step asks for) and its commands. */
export type TourKeys = Pick<
	TourDirector,
	'getSnapshot' | 'subscribe' | 'toggle' | 'next' | 'prev' | 'leave' | 'goTo' | 'steps'
>;

export interface UiStoreOptions {
	snapshots: SnapshotSource;
	commands: DashboardCommands;
	timeline?: TimelineHost;
	initialView?: TimelineView;
	/** Sessions are about to open: focus waits for the first (session #1) instead of starting on the server. */
	focusFirstSession?: boolean;
	/** The guided tour: its keys go to it, and the screen follows the view its steps ask for. */
	tour?: TourKeys;
	/** Saves the timeline view shown as SVG (key S); returns what to say in the status bar. */
	saveSvg?: (view: TimelineView) => KeyNote;
}

/**
 * The UI state (focus, typing, the draft, help, the view) in plain TypeScript, and the one key path: every
 * key is dispatched once, synchronously and in order, against the state the key before it left, then its
 * calls go straight to the commands or to the shown timeline pane. The tour's state is applied the same way
 * (a pure reducer, followTour), and so are the sessions of each data snapshot (reconcileUiState): the state
 * changes only there, never while it is read. React reads it with useSyncExternalStore (and re-renders with
 * every data snapshot); nothing here lives in a component, so a re-layout loses nothing.
 */
export class UiStore {
	readonly #snapshots: SnapshotSource;
	readonly #commands: DashboardCommands;
	readonly #timeline: TimelineHost | undefined;
	readonly #tour: TourKeys | undefined;
	readonly #saveSvg: ((view: TimelineView) => KeyNote) | undefined;
	readonly #listeners = new Set<() => void>();
	#state: UiState;
	/** The state listeners last heard of. */
	#published: UiState | undefined;
	#tooSmall = false;
	#helpPaging: {pageRows: number; maxOffset: number} | undefined;
	#summaries: {from?: DashboardSnapshot['sessions']; value: SessionSummary[]} = {value: []};
	/** What getSnapshot last returned, and what it was made of. */
	#read: {state?: UiState; sessions?: SessionSummary[]; value?: UiState} = {};

	constructor({
		snapshots,
		commands,
		timeline,
		initialView = 'live',
		focusFirstSession = false,
		tour,
		saveSvg,
	}: UiStoreOptions) {
		this.#snapshots = snapshots;
		this.#commands = commands;
		this.#timeline = timeline;
		this.#tour = tour;
		this.#saveSvg = saveSvg;
		const sessions = this.#sessions();
		// Session ids start at 1: before #1 exists, focus waits for it (see reconcileUiState).
		const first = sessions[0]?.sessionId ?? (focusFirstSession ? 1 : undefined);
		this.#state = reconcileUiState(initialUiState(initialView, first), sessions);
		if (tour) {
			this.#state = followTour(this.#state, tour.getSnapshot(), availableViews(this.#timeline));
			tour.subscribe(() => {
				this.#state = followTour(this.#state, tour.getSnapshot(), availableViews(this.#timeline));
				this.#notify();
			});
		}

		// A session opened (n/u: focus goes to it) or removed (focus leaves it).
		snapshots.subscribe(() => {
			this.#state = reconcileUiState(this.#state, this.#sessions());
			this.#notify();
		});
		this.#published = this.#state;
	}

	/**
	 * The state as consistent with the sessions that exist now, pure: the same object for as long as neither
	 * changes, and nothing is written. The data store's listener folds each snapshot's sessions in; this
	 * only covers a snapshot React reads before that listener has run, so that a render never shows focus
	 * on a session that is gone, whichever store told React first.
	 */
	getSnapshot = (): UiState => {
		const sessions = this.#sessions();
		const read = this.#read;
		if (read.value !== undefined && read.state === this.#state && read.sessions === sessions) return read.value;
		const value = reconcileUiState(this.#state, sessions);
		this.#read = {state: this.#state, sessions, value};
		return value;
	};

	subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	};

	/** How the help overlay pages at the terminal's size now (rows a page, first row of the last page). */
	setHelpPaging(paging: {pageRows: number; maxOffset: number}): void {
		this.#helpPaging = paging;
	}

	/** Below the minimum size only `q` and Ctrl-C work. */
	setTooSmall(tooSmall: boolean): void {
		this.#tooSmall = tooSmall;
	}

	/** Ink's input handler: every key of the chunk, in order. */
	input = (input: string, key: Key): void => {
		this.press(...readKeys(input, key));
	};

	press(...keys: KeyPress[]): void {
		for (const key of keys) {
			const sessions = this.#sessions();
			const state = reconcileUiState(this.#state, sessions);
			const pane = hostedPaneFor(this.#timeline, state.view);
			const result = dispatchKey(state, key, {
				sessions,
				tooSmall: this.#tooSmall,
				...(this.#helpPaging ? {helpPaging: this.#helpPaging} : {}),
				paneBindings: pane?.bindings,
				paneCapture: pane?.textInput?.current(),
				views: availableViews(this.#timeline),
				touring: this.#tour?.getSnapshot().active ?? false,
			});
			this.#state = result.state;
			for (const call of result.calls) {
				if ('pane' in call) pane?.dispatch(call.pane);
				else if ('tour' in call) this.#tourCall(call.tour);
				else if ('save' in call)
					this.#state = {
						...this.#state,
						hint: this.#saveSvg?.(this.#state.view) ?? {note: 'svg-failed', reason: 'not available here'},
					};
				// The arguments were checked against DashboardCommands where the binding was written (CommandCall).
				else Reflect.apply(this.#commands[call.command], this.#commands, call.args);
			}
		}

		this.#notify();
	}

	#tourCall(command: Extract<KeyCall, {tour: unknown}>['tour']): void {
		const tour = this.#tour;
		if (!tour) {
			this.#state = {...this.#state, hint: {note: 'no-tour'}};
			return;
		}

		const shown = tour.getSnapshot();
		// Right on the last step: nothing to move to, and the status bar says why.
		if (command === 'next' && shown.active && shown.index >= tour.steps.length - 1) {
			this.#state = {...this.#state, hint: {note: 'tour-last', step: tour.steps.length}};
			return;
		}

		if (typeof command === 'object') tour.goTo(command.step);
		else tour[command]();
	}

	#notify(): void {
		if (this.#published === this.#state) return;
		this.#published = this.#state;
		for (const listener of this.#listeners) listener();
	}

	#sessions(): SessionSummary[] {
		const {sessions} = this.#snapshots.getSnapshot();
		if (this.#summaries.from !== sessions) {
			this.#summaries = {
				from: sessions,
				value: sessions.map((session) => ({
					sessionId: session.sessionId,
					exited: session.state === 'exited',
					closing: session.closing,
				})),
			};
		}

		return this.#summaries.value;
	}
}
