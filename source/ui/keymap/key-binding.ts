import type {Messages} from '../i18n/messages-en.js';

/**
 * Key bindings are data: the single key path dispatches with them and the help overlay and status bar are
 * rendered from them, so neither can drift from the real keys.
 *
 * Key names: a printable character ('q', '?', '+', ' ' is written 'space'), or one of 'enter', 'escape',
 * 'tab', 'shift+tab', 'backspace', 'up', 'down', 'left', 'right', 'pageup', 'pagedown', 'ctrl+c'.
 */
export type KeyScope =
	'global' | 'tour' | 'server' | 'session' | 'typing' | 'timeline' | 'sim' | 'sched' | 'experiment';

export interface KeyBinding<Action> {
	/** Key names that trigger it; the first is shown in the help. */
	keys: string[];
	/** Short text for the help overlay and status bar, from the language's catalogue. */
	description: (messages: Messages) => string;
	scope: KeyScope;
	/** What the key does: a dashboard action (see dashboard-action.ts) or a hosted pane's own intent. */
	action: Action;
}
