import {displayWidth, sliceWidth} from '../core/text/display-width.js';

/** A run of text with one style: the unit the chart panes (sim, live timeline) build their lines from. */
export interface Segment {
	text: string;
	color?: string;
	bold?: boolean;
	dim?: boolean;
	italic?: boolean;
	/** Swapped foreground and background: a highlight that shows without colour too. */
	inverse?: boolean;
	/** On a lane's label: which lane the line is (exports name it; the terminal ignores it). */
	lane?: LaneTag;
}

/** A chart lane: a process (or job) by its id, or a CPU or IO lane. */
export interface LaneTag {
	kind: 'process' | 'cpu' | 'io';
	id: string;
}

/** The mark a line shortened at its end carries (README "Legibility at projector sizes"): `…`, ASCII `>`. */
export function cutMarker(ascii: boolean): string {
	return ascii ? '>' : '…';
}

/**
 * Clips segments to `width` terminal columns (a wide character in a label is two; never halved). With a
 * `marker`, a line that loses more than trailing spaces ends with it, so a cut never passes for a whole word.
 */
export function fitLine<S extends Segment>(line: S[], width: number, marker?: string): S[] {
	if (marker !== undefined && width > displayWidth(marker)) {
		const whole = lineText(line).trimEnd();
		if (displayWidth(whole) > width) {
			const kept = fitLine(line, width - displayWidth(marker));
			const last = kept.at(-1);
			// The marker takes the style of what it ends (its colour, not a lane's tag).
			const style = last ? {...last, lane: undefined} : ({} as S);
			return [...kept, {...style, text: marker}];
		}
	}

	const out: S[] = [];
	let room = Math.max(0, width);
	for (const segment of line) {
		if (room === 0) break;
		const segmentWidth = displayWidth(segment.text);
		const text = segmentWidth > room ? sliceWidth(segment.text, room) : segment.text;
		// A wide character that does not fit ends the line: nothing after it may move left into its place.
		room = segmentWidth > room ? 0 : room - segmentWidth;
		if (text !== '') out.push({...segment, text});
	}

	return out;
}

export function lineText(line: Segment[]): string {
	return line.map((segment) => segment.text).join('');
}

/** True when two lists of lines would look the same on screen (same text and style, segment by segment). */
export function sameLines(a: readonly Segment[][], b: readonly Segment[][]): boolean {
	if (a === b) return true;
	if (a.length !== b.length) return false;
	for (const [row, line] of a.entries()) {
		const other = b[row]!;
		if (line.length !== other.length) return false;
		for (const [index, segment] of line.entries()) {
			const twin = other[index]!;
			if (
				segment.text !== twin.text ||
				segment.color !== twin.color ||
				segment.bold !== twin.bold ||
				segment.dim !== twin.dim ||
				segment.italic !== twin.italic ||
				segment.inverse !== twin.inverse
			)
				return false;
		}
	}

	return true;
}
