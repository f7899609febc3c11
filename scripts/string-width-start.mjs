// A start-up patch for the bundle's copy of string-width 8 (the one Ink measures text with): its RGI emoji
// regular expression cost about 13 ms to build when the module loaded and 20 ms more to compile on its
// first use, and the dashboard's first frame used it only for box-drawing lines and the like. Now it is
// built on its first use, and a string made only of code points that string-width measures as one column
// each, one grapheme apiece, is measured by its length, as printable ASCII already is. The widths are the
// same (test/scripts/string-width-start.test.ts checks every code point of the class against the package).

/**
 * Code points that are each one column wide (ambiguous ones counted narrow, string-width's default) and
 * never join a neighbour into one grapheme: printable ASCII, Latin-1 but the soft hyphen, the general
 * punctuation before the bidi controls and after the line separators, arrows and mathematical operators,
 * box drawing, block elements and the geometric shapes but the two wide squares at the end. Every
 * non-CJK character the dashboard draws is in it. All in the BMP: the length is the width.
 */
export const narrowTextClass =
	'\\u0020-\\u007E\\u00A0-\\u00AC\\u00AE-\\u00FF\\u2010-\\u2027\\u2030-\\u205E\\u2190-\\u22FF\\u2500-\\u25FC';

function replaceOnce(source, anchor, replacement) {
	if (source.split(anchor).length !== 2)
		throw new Error(`string-width/index.js changed: cannot find '${anchor}' exactly once`);
	return source.replace(anchor, () => replacement);
}

/** string-width 8's index.js with the emoji expression built lazily and a fast path for narrow text. */
export function patchStringWidthStart(source) {
	let out = replaceOnce(
		source,
		'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
		`let rgiEmojiRegex;
const isRgiEmoji = (segment) => (rgiEmojiRegex ??= /^\\p{RGI_Emoji}$/v).test(segment);
const narrowText = /^[${narrowTextClass}]*$/;`,
	);
	out = replaceOnce(out, 'rgiEmojiRegex.test(segment)', 'isRgiEmoji(segment)');
	const widthStart = 'let width = 0;\n\tconst eastAsianWidthOptions';
	return replaceOnce(
		out,
		widthStart,
		`if (ambiguousIsNarrow && narrowText.test(string)) {
		return string.length;
	}

	${widthStart}`,
	);
}
