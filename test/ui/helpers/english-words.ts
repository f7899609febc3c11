import {messagesEn} from '../../../source/ui/i18n/messages-en.js';
import {texts} from './catalogue-texts.js';

/**
 * Names that stay as they are in Chinese (issue 21): protocols, /proc fields, units, model identifiers and
 * the tutorial's class names, keys and flags, and program names.
 */
export const allowedNames = new Set(
	[
		'TCP',
		'UDP',
		'PID',
		'pid',
		'TID',
		'RSS',
		'PSS',
		'proc',
		'cpu',
		'CPU',
		'IO',
		'SVG',
		'ms',
		'kB',
		'MB',
		// Model identifiers and the tutorial's socketserver classes.
		'event-loop',
		'iterative',
		'threads',
		'processes',
		'TCPServer',
		'ThreadingTCPServer',
		'ForkingTCPServer',
		// The OSTEP simulator's own option names.
		'SWITCH_ON_IO',
		'SWITCH_ON_END',
		'IO_RUN_LATER',
		'IO_RUN_IMMEDIATE',
		'FIFO',
		'SJF',
		// Keys.
		'Enter',
		'Esc',
		'Tab',
		'Shift-Tab',
		'Space',
		'space',
		'Ctrl',
		// The live timeline's lane letters.
		'A-Z',
		'Left',
		'Right',
		'Up',
		'Down',
		'PgUp',
		'PgDn',
		'Home',
		'End',
		// Signals.
		'SIGKILL',
		'SIGTERM',
		'SIGINT',
		// Programs.
		'socktui',
		'taskset',
		'util-linux',
	].map((name) => name.toLowerCase()),
);

/** Every word of the English catalogue (3 letters or more), less the names above. */
export const englishWords = new Set(
	texts(messagesEn)
		.flatMap(([, text]) => text.match(/[A-Za-z][A-Za-z_-]*[A-Za-z]/gu) ?? [])
		.filter((word) => word.length >= 3)
		.map((word) => word.toLowerCase())
		.filter((word) => !allowedNames.has(word)),
);

/** The English words on a screen (each once); program file names (`scheduler.py`) left out. */
export function englishOn(frame: string): string[] {
	// Program files (the OSTEP `scheduler.py`) are names too.
	const words = (frame.replaceAll(/\b[\w-]+\.py\b/gu, '').match(/[A-Za-z][A-Za-z_-]*[A-Za-z]/gu) ?? []).map((word) =>
		word.toLowerCase(),
	);
	return [...new Set(words.filter((word) => englishWords.has(word)))];
}
