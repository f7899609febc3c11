import {wrapWords} from '../wrap-words.js';

/** How long the strip shows one page when the narration needs more than one. */
export const stripPageMs = 6000;

/**
 * The narration as pages of `rows` lines at most, each line at most `width` columns: one page when the figures
 * and what to look at fit together; else the figures, then what to look at, each from a page of its own, so
 * nothing is left out on a short or narrow terminal. A page followed by another ends with ` marker`, the one
 * after it starts with `marker `, so a reader knows the sentence goes on.
 */
export function stripPages(
	said: string,
	look: string,
	joined: string,
	width: number,
	rows: number,
	marker: string,
): string[][] {
	const room = Math.max(1, rows);
	const whole = wrapWords(joined, width);
	if (whole.length <= room) return [whole];
	// Room for the markers at the start and the end of a line (a one-line page has both).
	const inner = width - 4;
	const saidLines = wrapWords(said, inner);
	const lines = [...saidLines, ...(look === '' ? [] : wrapWords(look, inner))];
	const pages: string[][] = [];
	const chunk = (from: number, to: number) => {
		for (let start = from; start < to; start += room) pages.push(lines.slice(start, Math.min(to, start + room)));
	};

	chunk(0, saidLines.length);
	chunk(saidLines.length, lines.length);
	return pages.map((page, index) =>
		page.map((line, row) => {
			const first = index > 0 && row === 0 ? `${marker} ` : '';
			const last = index < pages.length - 1 && row === page.length - 1 ? ` ${marker}` : '';
			return `${first}${line}${last}`;
		}),
	);
}

/** The page shown `elapsedMs` after the step began. */
export function pageAt(pages: number, elapsedMs: number): number {
	return pages <= 1 ? 0 : Math.floor(Math.max(0, elapsedMs) / stripPageMs) % pages;
}
