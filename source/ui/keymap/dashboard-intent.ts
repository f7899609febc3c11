import type {Protocol} from '../../core/defaults.js';

/** What a key on the dashboard means. Bindings carry these as data; the dispatcher acts on them. */
export type DashboardIntent =
	| {type: 'quit'}
	| {type: 'toggle-help'}
	| {type: 'close-help'}
	| {type: 'new-session'; protocol: Protocol}
	| {type: 'close-session'}
	| {type: 'focus-next'}
	| {type: 'focus-prev'}
	| {type: 'focus-session'}
	| {type: 'start-typing'}
	| {type: 'send'}
	| {type: 'stop-typing'}
	| {type: 'backspace'}
	| {type: 'toggle-view'}
	| {type: 'toggle-auto'}
	| {type: 'auto-interval'; direction: 1 | -1}
	| {type: 'auto-burst'; direction: 1 | -1}
	| {type: 'reply-delay'; direction: 1 | -1}
	| {type: 'one-cpu'}
	| {type: 'toggle-dashboard-lane'}
	| {type: 'restart-server'};
