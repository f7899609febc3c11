import {graphemes} from '../../../source/core/text/display-width.js';

/** What a terminal shows at each column: a wide character fills its column and the next one (''). */
export function cells(line: string): string[] {
	const out: string[] = [];
	for (const grapheme of graphemes(line)) {
		out.push(grapheme.text);
		for (let extra = 1; extra < grapheme.width; extra++) out.push('');
	}

	return out;
}

const borderGlyphs = new Set([...'│║╭╮╰╯╔╗╚╝─═|+#-=']);

/**
 * Where a framed pane's border is not where it should be: each of `rows` must have a border glyph at each of
 * `columns` (the panes' left and right edges). Returns one line per miss, empty when every border is intact.
 */
export function brokenBorders(frame: string, rows: readonly number[], columns: readonly number[]): string[] {
	const lines = frame.split('\n');
	const misses: string[] = [];
	for (const row of rows) {
		const shown = cells(lines[row] ?? '');
		for (const column of columns) {
			if (!borderGlyphs.has(shown[column] ?? ''))
				misses.push(`row ${row} column ${column}: '${shown[column] ?? ''}' in ${lines[row] ?? '(no line)'}`);
		}
	}

	return misses;
}
