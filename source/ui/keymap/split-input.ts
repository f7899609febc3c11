const controlNames: Record<string, string> = {
	'\r': 'enter',
	'\n': 'enter',
	'\t': 'tab',
	'\u007F': 'backspace',
	'\b': 'backspace',
	'\u0003': 'ctrl+c',
};

export interface InputPiece {
	text: string;
	/** Set for a control key, or for one shortcut character when `perChar` is on. */
	name?: string;
}

/**
 * Ink hands over a whole chunk when input arrives faster than it reads (a paste, a busy moment, a test
 * writing "hello\r"): "hello\r" is one `input` with no key flags, and its Enter would be lost. This splits
 * such a chunk into runs of text and the control keys between them, in order.
 */
export function splitInput(input: string): InputPiece[] {
	const pieces: InputPiece[] = [];
	let run = '';
	for (const char of input) {
		const name = controlNames[char];
		if (name === undefined) {
			run += char;
			continue;
		}

		if (run !== '') pieces.push({text: run});
		run = '';
		pieces.push({text: char, name});
	}

	if (run !== '') pieces.push({text: run});
	return pieces;
}
