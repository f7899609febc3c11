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
	{keys: ['enter'], description: (m) => m.keys.sendLine, scope: 'typing', action: {ui: 'send'}},
	{keys: ['escape', 'tab'], description: (m) => m.keys.stopTyping, scope: 'typing', action: {ui: 'stop-typing'}},
	{keys: ['backspace'], description: (m) => m.keys.deleteCharacter, scope: 'typing', action: {ui: 'backspace'}},

	{keys: ['enter'], description: (m) => m.keys.typeMessage, scope: 'session', action: {ui: 'start-typing'}},
	{
		keys: ['x'],
		description: (m) => m.keys.closeSession,
		scope: 'session',
		action: {ui: 'close-session'},
	},
	{keys: ['a'], description: (m) => m.keys.autoMode, scope: 'session', action: {sessionCommand: 'toggleAuto'}},
	{keys: ['b'], description: (m) => m.keys.sendPair, scope: 'session', action: {sessionCommand: 'sendPair'}},
	{
		keys: [']'],
		description: (m) => m.keys.autoLessOften,
		scope: 'session',
		action: {sessionCommand: 'stepAutoInterval', args: [1]},
	},
	{
		keys: ['['],
		description: (m) => m.keys.autoMoreOften,
		scope: 'session',
		action: {sessionCommand: 'stepAutoInterval', args: [-1]},
	},
	{
		keys: ['}'],
		description: (m) => m.keys.autoLongerBurst,
		scope: 'session',
		action: {sessionCommand: 'stepAutoBurst', args: [1]},
	},
	{
		keys: ['{'],
		description: (m) => m.keys.autoShorterBurst,
		scope: 'session',
		action: {sessionCommand: 'stepAutoBurst', args: [-1]},
	},

	{
		keys: ['+', '='],
		description: (m) => m.keys.longerReplyDelay,
		scope: 'server',
		action: {command: 'stepReplyDelay', args: [1]},
	},
	{
		keys: ['-'],
		description: (m) => m.keys.shorterReplyDelay,
		scope: 'server',
		action: {command: 'stepReplyDelay', args: [-1]},
	},
	{
		keys: ['>'],
		description: (m) => m.keys.moreHandlerCpu,
		scope: 'server',
		action: {command: 'stepHandlerCpu', args: [1]},
	},
	{
		keys: ['<'],
		description: (m) => m.keys.lessHandlerCpu,
		scope: 'server',
		action: {command: 'stepHandlerCpu', args: [-1]},
	},

	{
		keys: ['v'],
		description: (m) => m.keys.nextView,
		scope: 'timeline',
		action: {ui: 'toggle-view'},
	},

	{
		keys: ['n'],
		description: (m) => m.keys.newTcpSession,
		scope: 'global',
		action: {ui: 'new-session', protocol: 'tcp'},
	},
	{
		keys: ['u'],
		description: (m) => m.keys.newUdpSession,
		scope: 'global',
		action: {ui: 'new-session', protocol: 'udp'},
	},
	{keys: ['tab'], description: (m) => m.keys.nextPane, scope: 'global', action: {ui: 'focus-next'}},
	{keys: ['shift+tab'], description: (m) => m.keys.previousPane, scope: 'global', action: {ui: 'focus-prev'}},
	{keys: digits, description: (m) => m.keys.jumpToSession, scope: 'global', action: {ui: 'focus-session'}},
	{keys: ['o'], description: (m) => m.keys.oneCpuMode, scope: 'global', action: {command: 'toggleOneCpu'}},
	{
		keys: ['m'],
		description: (m) => m.keys.serverModel,
		scope: 'global',
		action: {command: 'cycleModel'},
	},
	{
		keys: ['d'],
		description: (m) => m.keys.dashboardLane,
		scope: 'global',
		action: {command: 'toggleDashboardLane'},
	},
	{
		// `R` restarts the server whatever has focus (`r` restarts the simulation when the simulator has it).
		keys: ['R', 'r'],
		description: (m) => m.keys.restartServer,
		scope: 'global',
		action: {command: 'restartServer'},
	},
	{
		keys: ['w'],
		description: (m) => m.keys.watchProcess,
		scope: 'global',
		action: {ui: 'watch-prompt'},
	},
	{
		keys: ['z'],
		description: (m) => m.keys.zoom,
		scope: 'global',
		action: {ui: 'toggle-zoom'},
	},
	{keys: ['t'], description: (m) => m.keys.tourToggle, scope: 'global', action: {ui: 'tour', tour: 'toggle'}},
	{keys: ['right', 'pagedown'], description: (m) => m.keys.tourNext, scope: 'tour', action: {ui: 'tour', tour: 'next'}},
	{keys: ['left', 'pageup'], description: (m) => m.keys.tourPrev, scope: 'tour', action: {ui: 'tour', tour: 'prev'}},
	{keys: ['T'], description: (m) => m.keys.tourList, scope: 'tour', action: {ui: 'tour', tour: 'list'}},
	{keys: ['escape'], description: (m) => m.keys.tourLeave, scope: 'tour', action: {ui: 'tour', tour: 'leave'}},
	{
		keys: ['+', '-', '=', '_'],
		description: (m) => m.keys.tourHold,
		scope: 'tour',
		action: {ui: 'tour', tour: 'hold'},
	},
	{keys: ['S'], description: (m) => m.keys.saveSvg, scope: 'global', action: {ui: 'save-svg'}},
	{keys: ['?'], description: (m) => m.keys.help, scope: 'global', action: {ui: 'toggle-help'}},
	{keys: ['q', 'ctrl+c'], description: (m) => m.keys.quit, scope: 'global', action: {command: 'quit'}},
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
