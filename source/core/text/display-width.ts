import stringWidth from 'string-width';

/**
 * Terminal columns, not string length: a CJK character is two columns, a combining mark none. Everything
 * that pads, truncates or measures text for a pane, a border or the status bar goes through here.
 */
export function displayWidth(text: string): number {
	return surelyNarrow.test(text) ? text.length : stringWidth(text);
}

/**
 * One column each, one UTF-16 unit each: ASCII, Latin-1 and the symbol blocks the charts draw with (general
 * punctuation, arrows, math operators, box drawing, blocks, shapes). Charts redraw many short runs of these
 * every frame; they skip the general path.
 */
const surelyNarrow = /^[\u0020-\u007e\u00a0-\u00ff\u2010-\u2027\u2190-\u22ff\u2500-\u25ff]*$/u;

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** The text's user-perceived characters (a wide character, an emoji with its modifiers) with their widths. */
export function* graphemes(text: string): Generator<{text: string; width: number}> {
	for (const {segment} of segmenter.segment(text)) yield {text: segment, width: stringWidth(segment)};
}

/** The longest start of `text` at most `width` columns wide; never splits a wide character. */
export function sliceWidth(text: string, width: number): string {
	let used = 0;
	let end = 0;
	for (const grapheme of graphemes(text)) {
		if (used + grapheme.width > width) break;
		used += grapheme.width;
		end += grapheme.text.length;
	}

	return text.slice(0, end);
}

/** The longest end of `text` at most `width` columns wide (an input line's tail); never splits a wide character. */
export function sliceEndWidth(text: string, width: number): string {
	const all = [...graphemes(text)];
	let used = 0;
	let start = text.length;
	for (let index = all.length - 1; index >= 0; index--) {
		const grapheme = all[index]!;
		if (used + grapheme.width > width) break;
		used += grapheme.width;
		start -= grapheme.text.length;
	}

	return text.slice(start);
}

/** Cuts to `width` columns with `ellipsis` at the end when something was cut (the ellipsis fits inside). */
export function fitWidth(text: string, width: number, ellipsis = '…'): string {
	if (width <= 0) return '';
	if (displayWidth(text) <= width) return text;
	const ellipsisWidth = displayWidth(ellipsis);
	if (width <= ellipsisWidth) return sliceWidth(text, width);
	return sliceWidth(text, width - ellipsisWidth) + ellipsis;
}

/** Spaces after `text` up to `width` columns (padEnd counts UTF-16 units, so a CJK label came out too wide). */
export function padEndWidth(text: string, width: number): string {
	return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
