import type {KeyBinding} from './key-binding.js';
import type {DashboardIntent} from './dashboard-intent.js';

const digits = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * Every dashboard key, as data. The dispatcher tries the scopes in priority order (typing, the focused
 * pane, global); the help overlay and the status bar are rendered from this same list.
 * Plain `k` is never bound to anything destructive (it is "up" in vi muscle memory).
 */
export const dashboardBindings: Array<KeyBinding<DashboardIntent>> = [
	{keys: ['enter'], description: 'send the line', scope: 'typing', intent: {type: 'send'}},
	{keys: ['escape', 'tab'], description: 'stop typing', scope: 'typing', intent: {type: 'stop-typing'}},
	{keys: ['backspace'], description: 'delete a character', scope: 'typing', intent: {type: 'backspace'}},

	{keys: ['enter'], description: 'type a message', scope: 'session', intent: {type: 'start-typing'}},
	{keys: ['x'], description: 'close this session (x again removes it)', scope: 'session', intent: {type: 'close-session'}},
	{keys: ['a'], description: 'auto mode on/off', scope: 'session', intent: {type: 'toggle-auto'}},
	{keys: [']'], description: 'auto: send less often', scope: 'session', intent: {type: 'auto-interval', direction: 1}},
	{keys: ['['], description: 'auto: send more often', scope: 'session', intent: {type: 'auto-interval', direction: -1}},
	{keys: ['}'], description: 'auto: longer CPU burst', scope: 'session', intent: {type: 'auto-burst', direction: 1}},
	{keys: ['{'], description: 'auto: shorter CPU burst', scope: 'session', intent: {type: 'auto-burst', direction: -1}},

	{keys: ['+', '='], description: 'longer reply delay', scope: 'server', intent: {type: 'reply-delay', direction: 1}},
	{keys: ['-'], description: 'shorter reply delay', scope: 'server', intent: {type: 'reply-delay', direction: -1}},

	{keys: ['v'], description: 'switch live / sim view', scope: 'timeline', intent: {type: 'toggle-view'}},

	{keys: ['n'], description: 'new TCP session', scope: 'global', intent: {type: 'new-session', protocol: 'tcp'}},
	{keys: ['u'], description: 'new UDP session', scope: 'global', intent: {type: 'new-session', protocol: 'udp'}},
	{keys: ['tab'], description: 'next pane', scope: 'global', intent: {type: 'focus-next'}},
	{keys: ['shift+tab'], description: 'previous pane', scope: 'global', intent: {type: 'focus-prev'}},
	{keys: digits, description: 'jump to session N', scope: 'global', intent: {type: 'focus-session'}},
	{keys: ['o'], description: 'one-CPU mode on/off', scope: 'global', intent: {type: 'one-cpu'}},
	{keys: ['d'], description: "show/hide the dashboard's own timeline lane", scope: 'global', intent: {type: 'toggle-dashboard-lane'}},
	{keys: ['r'], description: 'restart the server process after it stopped', scope: 'global', intent: {type: 'restart-server'}},
	{keys: ['?'], description: 'help', scope: 'global', intent: {type: 'toggle-help'}},
	{keys: ['q', 'ctrl+c'], description: 'quit', scope: 'global', intent: {type: 'quit'}},
];

/** `1`..`9` shows as `1-9`; otherwise the keys joined with `/`. */
export function formatKeys(keys: readonly string[]): string {
	if (keys.length === 9 && keys.every((key, index) => key === String(index + 1))) return '1-9';
	return keys.map((key) => (key === 'escape' ? 'Esc' : key === 'enter' ? 'Enter' : key === 'tab' ? 'Tab' : key === 'shift+tab' ? 'Shift-Tab' : key === 'ctrl+c' ? 'Ctrl-C' : key === 'backspace' ? 'Backspace' : key === 'space' ? 'Space' : key)).join('/');
}
