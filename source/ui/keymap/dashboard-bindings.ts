import type {KeyBinding} from './key-binding.js';
import type {DashboardAction} from './dashboard-action.js';

const digits = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * Every dashboard key, as data. The dispatcher tries the scopes in priority order (typing, the focused
 * pane, global); the help overlay and the status bar are rendered from this same list. A key that reaches
 * the core names a DashboardCommands method (`command`, or `sessionCommand` for the focused session).
 * Plain `k` is never bound to anything destructive (it is "up" in vi muscle memory).
 */
export const dashboardBindings: Array<KeyBinding<DashboardAction>> = [
	{keys: ['enter'], description: 'send the line', scope: 'typing', action: {ui: 'send'}},
	{keys: ['escape', 'tab'], description: 'stop typing', scope: 'typing', action: {ui: 'stop-typing'}},
	{keys: ['backspace'], description: 'delete a character', scope: 'typing', action: {ui: 'backspace'}},

	{keys: ['enter'], description: 'type a message', scope: 'session', action: {ui: 'start-typing'}},
	{
		keys: ['x'],
		description: 'close this session (x again: the next one; exited: remove it)',
		scope: 'session',
		action: {ui: 'close-session'},
	},
	{keys: ['a'], description: 'auto mode on/off', scope: 'session', action: {sessionCommand: 'toggleAuto'}},
	{
		keys: [']'],
		description: 'auto: send less often',
		scope: 'session',
		action: {sessionCommand: 'stepAutoInterval', args: [1]},
	},
	{
		keys: ['['],
		description: 'auto: send more often',
		scope: 'session',
		action: {sessionCommand: 'stepAutoInterval', args: [-1]},
	},
	{
		keys: ['}'],
		description: 'auto: longer CPU burst',
		scope: 'session',
		action: {sessionCommand: 'stepAutoBurst', args: [1]},
	},
	{
		keys: ['{'],
		description: 'auto: shorter CPU burst',
		scope: 'session',
		action: {sessionCommand: 'stepAutoBurst', args: [-1]},
	},

	{
		keys: ['+', '='],
		description: 'longer reply delay',
		scope: 'server',
		action: {command: 'stepReplyDelay', args: [1]},
	},
	{keys: ['-'], description: 'shorter reply delay', scope: 'server', action: {command: 'stepReplyDelay', args: [-1]}},
	{
		keys: ['>'],
		description: 'more handler CPU per message',
		scope: 'server',
		action: {command: 'stepHandlerCpu', args: [1]},
	},
	{
		keys: ['<'],
		description: 'less handler CPU per message',
		scope: 'server',
		action: {command: 'stepHandlerCpu', args: [-1]},
	},

	{
		keys: ['v'],
		description: 'next view: live, simulator, scheduler, experiment',
		scope: 'timeline',
		action: {ui: 'toggle-view'},
	},

	{keys: ['n'], description: 'new TCP session', scope: 'global', action: {ui: 'new-session', protocol: 'tcp'}},
	{keys: ['u'], description: 'new UDP session', scope: 'global', action: {ui: 'new-session', protocol: 'udp'}},
	{keys: ['tab'], description: 'next pane', scope: 'global', action: {ui: 'focus-next'}},
	{keys: ['shift+tab'], description: 'previous pane', scope: 'global', action: {ui: 'focus-prev'}},
	{keys: digits, description: 'jump to session N', scope: 'global', action: {ui: 'focus-session'}},
	{keys: ['o'], description: 'one-CPU mode on/off', scope: 'global', action: {command: 'toggleOneCpu'}},
	{
		keys: ['m'],
		description: 'server model: event-loop, iterative, threads, processes (new connections)',
		scope: 'global',
		action: {command: 'cycleModel'},
	},
	{
		keys: ['d'],
		description: "show/hide the dashboard's own timeline lane",
		scope: 'global',
		action: {command: 'toggleDashboardLane'},
	},
	{
		keys: ['r'],
		description: 'restart the server process after it stopped',
		scope: 'global',
		action: {command: 'restartServer'},
	},
	{
		keys: ['w'],
		description: 'watch a process by PID in the live timeline (its threads and children too)',
		scope: 'global',
		action: {ui: 'watch-prompt'},
	},
	{
		keys: ['z'],
		description: 'zoom: the focused pane gets the whole screen (z again: back)',
		scope: 'global',
		action: {ui: 'toggle-zoom'},
	},
	{
		keys: ['t'],
		description: 'guided tour on/off (off puts the dashboard back as it was)',
		scope: 'global',
		action: {ui: 'tour', tour: 'toggle'},
	},
	{keys: ['right', 'pagedown'], description: 'tour: next step', scope: 'tour', action: {ui: 'tour', tour: 'next'}},
	{keys: ['left', 'pageup'], description: 'tour: previous step', scope: 'tour', action: {ui: 'tour', tour: 'prev'}},
	{keys: ['T'], description: 'tour: list of steps', scope: 'tour', action: {ui: 'tour', tour: 'list'}},
	{
		keys: ['escape'],
		description: 'tour: leave it, keep the panes as they are',
		scope: 'tour',
		action: {ui: 'tour', tour: 'leave'},
	},
	{
		keys: ['+', '-', '=', '_'],
		description: "tour: +/- change nothing (the step's delays stay as set)",
		scope: 'tour',
		action: {ui: 'tour', tour: 'hold'},
	},
	{
		keys: ['S'],
		description: 'save the timeline shown as an SVG file in the current directory (for slides)',
		scope: 'global',
		action: {ui: 'save-svg'},
	},
	{keys: ['?'], description: 'help', scope: 'global', action: {ui: 'toggle-help'}},
	{keys: ['q', 'ctrl+c'], description: 'quit', scope: 'global', action: {command: 'quit'}},
];

/** `1`..`9` shows as `1-9`; otherwise the keys joined with `/`. */
export function formatKeys(keys: readonly string[]): string {
	if (keys.length === 9 && keys.every((key, index) => key === String(index + 1))) return '1-9';
	return keys
		.map((key) =>
			key === 'escape'
				? 'Esc'
				: key === 'enter'
					? 'Enter'
					: key === 'tab'
						? 'Tab'
						: key === 'shift+tab'
							? 'Shift-Tab'
							: key === 'ctrl+c'
								? 'Ctrl-C'
								: key === 'backspace'
									? 'Backspace'
									: key === 'space'
										? 'Space'
										: key === 'right'
											? 'Right'
											: key === 'left'
												? 'Left'
												: key === 'pagedown'
													? 'PgDn'
													: key === 'pageup'
														? 'PgUp'
														: key,
		)
		.join('/');
}
