import type {KeyBinding} from '../../keymap/key-binding.js';
import type {SimIntent} from './sim-player.js';

/**
 * The sim pane's keys, as data (scope 'sim'): the dashboard's single listener dispatches them to
 * `reducePlayer` and renders the help overlay from them.
 */
export const simBindings: ReadonlyArray<KeyBinding<SimIntent>> = [
	{keys: ['space'], description: 'play / pause', scope: 'sim', action: {type: 'toggle-play'}},
	{keys: ['.', 'right'], description: 'step forward one tick', scope: 'sim', action: {type: 'step-forward'}},
	{keys: [',', 'left'], description: 'step back one tick', scope: 'sim', action: {type: 'step-back'}},
	{keys: ['+', '='], description: 'play faster', scope: 'sim', action: {type: 'faster'}},
	{keys: ['-', '_'], description: 'play slower', scope: 'sim', action: {type: 'slower'}},
	{keys: ['r'], description: 'restart from tick 0', scope: 'sim', action: {type: 'restart'}},
	{
		keys: ['s'],
		description: 'switch policy: SWITCH_ON_IO / SWITCH_ON_END',
		scope: 'sim',
		action: {type: 'toggle-switch'},
	},
	{
		keys: ['i'],
		description: 'IO done policy: IO_RUN_LATER / IO_RUN_IMMEDIATE',
		scope: 'sim',
		action: {type: 'toggle-io-done'},
	},
	{keys: ['c'], description: 'compare serial vs multiprogrammed', scope: 'sim', action: {type: 'toggle-compare'}},
	{keys: ['p'], description: 'next preset workload', scope: 'sim', action: {type: 'next-preset'}},
	{keys: ['e'], description: 'type a -P program (e.g. c3,i,c2:c4)', scope: 'sim', action: {type: 'edit-start'}},
];

/**
 * While the player is editing (`player.editing !== undefined`) the host sends typed text as `edit-input`
 * and these keys instead of the bindings above (and of its global keys, like `q`).
 */
export const simEditingBindings: ReadonlyArray<KeyBinding<SimIntent>> = [
	{keys: ['enter'], description: 'load the program', scope: 'typing', action: {type: 'edit-commit'}},
	{keys: ['escape'], description: 'cancel', scope: 'typing', action: {type: 'edit-cancel'}},
	{keys: ['backspace'], description: 'delete a character', scope: 'typing', action: {type: 'edit-backspace'}},
];
