/**
 * Key bindings are data: the single input listener dispatches with them and the help overlay is rendered
 * from them, so the help can never drift from the real keys.
 *
 * Key names: a printable character ('q', '?', '+', ' ' is written 'space'), or one of 'enter', 'escape',
 * 'tab', 'shift+tab', 'backspace', 'up', 'down', 'left', 'right', 'ctrl+c'.
 */
export type KeyScope = 'global' | 'server' | 'session' | 'typing' | 'timeline' | 'sim';

export interface KeyBinding<Intent> {
	/** Key names that trigger it; the first is shown in the help. */
	keys: string[];
	/** Short text for the help overlay and status bar. */
	description: string;
	scope: KeyScope;
	intent: Intent;
}
