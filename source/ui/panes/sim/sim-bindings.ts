import type {KeyBinding} from '../../keymap/key-binding.js';
import type {SimIntent} from './sim-player.js';

/**
 * The sim pane's keys, as data (scope 'sim'): the dashboard's single listener dispatches them to
 * `reducePlayer` and renders the help overlay from them.
 */
export const simBindings: ReadonlyArray<KeyBinding<SimIntent>> = [
	{keys: ['space'], description: (m) => m.simKeys.playPause, scope: 'sim', action: {type: 'toggle-play'}},
	{keys: ['.', 'right'], description: (m) => m.simKeys.stepForward, scope: 'sim', action: {type: 'step-forward'}},
	{keys: [',', 'left'], description: (m) => m.simKeys.stepBack, scope: 'sim', action: {type: 'step-back'}},
	{keys: ['+', '='], description: (m) => m.simKeys.faster, scope: 'sim', action: {type: 'faster'}},
	{keys: ['-', '_'], description: (m) => m.simKeys.slower, scope: 'sim', action: {type: 'slower'}},
	{keys: ['r'], description: (m) => m.simKeys.restart, scope: 'sim', action: {type: 'restart'}},
	{
		keys: ['s'],
		description: (m) => m.simKeys.switchPolicy,
		scope: 'sim',
		action: {type: 'toggle-switch'},
	},
	{
		keys: ['i'],
		description: (m) => m.simKeys.ioDonePolicy,
		scope: 'sim',
		action: {type: 'toggle-io-done'},
	},
	{keys: ['c'], description: (m) => m.simKeys.compare, scope: 'sim', action: {type: 'toggle-compare'}},
	{keys: [']'], description: (m) => m.simKeys.quantumUp, scope: 'sim', action: {type: 'quantum-up'}},
	{keys: ['['], description: (m) => m.simKeys.quantumDown, scope: 'sim', action: {type: 'quantum-down'}},
	{keys: ['}'], description: (m) => m.simKeys.switchCostUp, scope: 'sim', action: {type: 'switch-cost-up'}},
	{keys: ['{'], description: (m) => m.simKeys.switchCostDown, scope: 'sim', action: {type: 'switch-cost-down'}},
	{keys: ['p'], description: (m) => m.simKeys.nextPreset, scope: 'sim', action: {type: 'next-preset'}},
	{keys: ['e'], description: (m) => m.simKeys.editProgram, scope: 'sim', action: {type: 'edit-start'}},
];

/**
 * While the player is editing (`player.editing !== undefined`) the host sends typed text as `edit-input`
 * and these keys instead of the bindings above (and of its global keys, like `q`).
 */
export const simEditingBindings: ReadonlyArray<KeyBinding<SimIntent>> = [
	{keys: ['enter'], description: (m) => m.simKeys.loadProgram, scope: 'typing', action: {type: 'edit-commit'}},
	{keys: ['escape'], description: (m) => m.simKeys.cancel, scope: 'typing', action: {type: 'edit-cancel'}},
	{keys: ['backspace'], description: (m) => m.keys.deleteCharacter, scope: 'typing', action: {type: 'edit-backspace'}},
];
