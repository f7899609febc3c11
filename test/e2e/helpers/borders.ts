import type {TestTerminal} from './terminal.js';

const borderGlyphs = new Set([...'│║╭╮╰╯╔╗╚╝─═']);

/**
 * The emulator's cells, not the text: a wide character takes two cells, so a title one column too wide shows
 * as a border glyph missing from its column. One line per miss.
 */
export async function brokenBorders(terminal: TestTerminal, rows: number[], columns: number[]): Promise<string[]> {
	await terminal.screen();
	const buffer = terminal.term.buffer.active;
	const misses: string[] = [];
	for (const row of rows) {
		const line = buffer.getLine(buffer.viewportY + row);
		for (const column of columns) {
			const glyph = line?.getCell(column)?.getChars() ?? '';
			if (!borderGlyphs.has(glyph))
				misses.push(`row ${row} column ${column}: '${glyph}' in ${line?.translateToString(true) ?? '(no line)'}`);
		}
	}

	return misses;
}

export const range = (from: number, count: number) => Array.from({length: count}, (_, index) => from + index);
