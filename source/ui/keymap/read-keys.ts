import type {Key} from 'ink';
import {keyName} from './key-name.js';

/** One key press: its name as bindings write it (undefined for other text) and the text it typed. */
export interface KeyPress {
	name?: string;
	text: string;
}

const controlNames: Record<string, string> = {
	'\r': 'enter',
	'\n': 'enter',
	'\t': 'tab',
	'\u007F': 'backspace',
	'\b': 'backspace',
	'\u0003': 'ctrl+c',
};

function pressOf(char: string): KeyPress {
	const name = controlNames[char] ?? (char === ' ' ? 'space' : char >= ' ' ? char : undefined);
	return name === undefined ? {text: char} : {name, text: char};
}

/**
 * Ink's (input, key) -> the key presses it holds, in order. Ink hands over a whole chunk when input arrives
 * faster than it reads (a paste, a busy moment, one SSH packet, a test writing "hello\r"): such a chunk is
 * one key per character, so each is dispatched against the state the previous one left (after `e` opens
 * the simulator's program editor, `c3` is typed, not run as shortcuts). Ink drops the Esc of Esc followed by
 * punctuation in one read ("\u001B." arrives as "."); that one cannot be recovered here.
 */
export function readKeys(input: string, key: Key): KeyPress[] {
	// Esc then a key arriving in one read parses as Alt+key (Esc+u, Esc+Enter, Esc+Shift-Tab). No Alt chord
	// is bound, so take it for what a person typed: Esc, then the key.
	const name = keyName(input, key);
	if (key.meta && !key.escape && !key.ctrl) {
		const escape: KeyPress = {name: 'escape', text: '\u001B'};
		if (name !== undefined) return [escape, {name, text: input}];
		if ([...input].length === 1 && input >= ' ')
			return [escape, {name: keyName(input, {...key, meta: false}), text: input}];
	}

	if (name !== undefined || [...input].length <= 1 || key.ctrl || key.meta) return [{name, text: input}];
	return [...input].map((char) => pressOf(char));
}
