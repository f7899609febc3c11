import type {ComponentType} from 'react';
import type {KeyBinding} from './keymap/key-binding.js';
import {timelineViews, type TimelineView} from './state/ui-state.js';

/** Props the dashboard gives a pane it hosts in the timeline area. */
export interface HostedPaneProps {
	width: number;
	height: number;
	focused: boolean;
}

/** A hosted pane capturing typed text (a small form): the keys it takes, and typed text as its intent. */
export interface TextCapture {
	bindings: ReadonlyArray<KeyBinding<unknown>>;
	text(text: string): unknown;
}

/**
 * A pane the timeline area hosts. Its state lives in a store outside React (it survives the pane being
 * unmounted by a view switch, the help overlay or "terminal too small"); the dashboard's single key path
 * calls `dispatch` synchronously, so every key of a chunk reaches it in order.
 */
export interface HostedPane {
	Component: ComponentType<HostedPaneProps>;
	/** The pane's keys (scope 'sim' or 'timeline'), shown in the help and the status bar. */
	bindings: ReadonlyArray<KeyBinding<unknown>>;
	/** Applies one of the pane's intents (a binding's `action`) at once; others are ignored. */
	dispatch(intent: unknown): void;
	/** For a pane with a form: whether it captures text right now (read before every key), and its changes. */
	textInput?: {
		current: () => TextCapture | undefined;
		subscribe: (listener: () => void) => () => void;
	};
}

/** The panes the timeline area can show; a missing one shows why it is missing. */
export interface TimelineHost {
	live?: HostedPane;
	sim?: HostedPane;
	sched?: HostedPane;
	experiment?: HostedPane;
	liveUnavailable?: string;
	simUnavailable?: string;
}

/** The pane hosted for `view`, if there is one. */
export function hostedPaneFor(host: TimelineHost | undefined, view: TimelineView): HostedPane | undefined {
	return host?.[view];
}

/** The views `v` walks: live and sim always (a missing one says why), the others when this host has them. */
export function availableViews(host: TimelineHost | undefined): TimelineView[] {
	return timelineViews.filter((view) => view === 'live' || view === 'sim' || hostedPaneFor(host, view) !== undefined);
}

/** Why `view` shows nothing, when it does. */
export function unavailableFor(host: TimelineHost | undefined, view: TimelineView): string | undefined {
	return view === 'live' ? host?.liveUnavailable : view === 'sim' ? host?.simUnavailable : undefined;
}
