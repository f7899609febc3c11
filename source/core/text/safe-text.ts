/**
 * Untrusted bytes -> text that is safe to print on a terminal.
 *
 * Valid UTF-8 is kept (wide characters included). Everything that could act on a terminal or hide
 * itself is turned into a visible escape, so a payload can never move the cursor, set the title, write
 * the clipboard (OSC 52) or change colours:
 * - invalid UTF-8 bytes -> `\xNN`
 * - C0 controls and DEL -> `\n` `\r` `\t` `\e` `\a` `\b` `\f` `\v` `\0`, else `\xNN`
 * - C1 controls, Unicode format characters (bidi overrides, zero-width), line/paragraph separators
 *   -> `\uNNNN`
 * - a backslash -> `\\`, so an escape shown can always be told from the same characters sent.
 */
export interface SafeTextOptions {
	/** Escape every non-ASCII character too (for `--ascii` and non-UTF-8 locales). */
	ascii?: boolean;
	/** Stop after this many input characters (code points or invalid bytes) and append `…` (or `...` with ascii). */
	maxLength?: number;
}

const c0Names: Record<number, string> = {
	0x00: '\\0',
	0x07: '\\a',
	0x08: '\\b',
	0x09: '\\t',
	0x0a: '\\n',
	0x0b: '\\v',
	0x0c: '\\f',
	0x0d: '\\r',
	0x1b: '\\e',
	0x5c: '\\\\',
};

// Cc: controls; Cf: format (bidi, zero-width, BOM, soft hyphen); Zl/Zp: line and paragraph separators;
// Cs/Co/Cn are impossible or harmless after strict decoding, but unassigned code points are also escaped
// so terminals that disagree on their width cannot misalign a pane.
const invisible = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cn}\p{Co}]/u;

function hex(value: number, digits: number): string {
	return value.toString(16).padStart(digits, '0');
}

function escapeCodePoint(codePoint: number, ascii: boolean): string {
	const named = c0Names[codePoint];
	if (named !== undefined) return named;
	if (codePoint < 0x20 || codePoint === 0x7f) return `\\x${hex(codePoint, 2)}`;
	if (codePoint < 0x7f) return String.fromCodePoint(codePoint);
	const char = String.fromCodePoint(codePoint);
	if (ascii || invisible.test(char)) {
		return codePoint > 0xffff ? `\\U${hex(codePoint, 8)}` : `\\u${hex(codePoint, 4)}`;
	}
	return char;
}

/** Decodes one UTF-8 sequence at `index`; returns [codePoint, length] or undefined when invalid. */
function decodeAt(bytes: Uint8Array, index: number): [number, number] | undefined {
	const first = bytes[index]!;
	let length: number;
	let codePoint: number;
	let min: number;
	if (first < 0x80) return [first, 1];
	if (first >= 0xc2 && first <= 0xdf) {
		length = 2;
		codePoint = first & 0x1f;
		min = 0x80;
	} else if (first >= 0xe0 && first <= 0xef) {
		length = 3;
		codePoint = first & 0x0f;
		min = 0x800;
	} else if (first >= 0xf0 && first <= 0xf4) {
		length = 4;
		codePoint = first & 0x07;
		min = 0x10000;
	} else {
		return undefined;
	}

	if (index + length > bytes.length) return undefined;
	for (let offset = 1; offset < length; offset++) {
		const next = bytes[index + offset]!;
		if ((next & 0xc0) !== 0x80) return undefined;
		codePoint = (codePoint << 6) | (next & 0x3f);
	}

	// Overlong forms, surrogates and values past U+10FFFF are invalid UTF-8.
	if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return undefined;
	return [codePoint, length];
}

export function safeText(input: Uint8Array | string, options: SafeTextOptions = {}): string {
	const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
	const ascii = options.ascii ?? false;
	const maxLength = options.maxLength ?? Number.POSITIVE_INFINITY;
	const parts: string[] = [];
	let produced = 0;
	let index = 0;
	while (index < bytes.length) {
		if (produced >= maxLength) {
			parts.push(ascii ? '...' : '…');
			break;
		}

		const decoded = decodeAt(bytes, index);
		if (decoded === undefined) {
			parts.push(`\\x${hex(bytes[index]!, 2)}`);
			index += 1;
		} else {
			parts.push(escapeCodePoint(decoded[0], ascii));
			index += decoded[1];
		}

		produced += 1;
	}

	return parts.join('');
}
