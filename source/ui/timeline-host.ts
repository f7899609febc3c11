import type {ComponentType} from 'react';
import type {KeyBinding} from './keymap/key-binding.js';

/** Props the dashboard gives a pane it hosts in the timeline area. */
export interface HostedPaneProps {
	width: number;
	height: number;
	focused: boolean;
	/** The latest key intent for this pane; `seq` grows with every key so a repeated intent is still new. */
	intent?: {seq: number; value: unknown};
	/**
	 * The pane calls this when it starts or stops capturing text (a small form): while it captures, the
	 * dashboard sends it `captureBindings` and typed text (through `textIntent`) instead of shortcuts.
	 */
	onCaptureChange?: (capturing: boolean) => void;
}

export interface HostedPane {
	Component: ComponentType<HostedPaneProps>;
	/** The pane's keys (scope 'sim' or 'timeline'); dispatched by the dashboard's single listener. */
	bindings: ReadonlyArray<KeyBinding<unknown>>;
	/** Keys while the pane captures text (e.g. Enter loads, Esc cancels). */
	captureBindings?: ReadonlyArray<KeyBinding<unknown>>;
	/** The intent that carries typed text to the pane while it captures. */
	textIntent?: (text: string) => unknown;
}

/** The panes the timeline area can show; a missing one shows why it is missing. */
export interface TimelineHost {
	live?: HostedPane;
	sim?: HostedPane;
	liveUnavailable?: string;
	simUnavailable?: string;
}
