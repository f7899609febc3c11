import {applySgr, defaultSgr, isDefaultSgr, sgrTransition, type SgrState} from './sgr-state.js';

const esc = '\u001B';

/**
 * Code points whose terminal width is surely 1 (what Ink assumes too): ASCII, Latin-1, and the symbol blocks
 * socktui draws with (arrows, math operators, box drawing, blocks, shapes, general punctuation). Skipping an
 * unchanged prefix needs its width; on anything else we stop skipping and rewrite from there.
 */
function isNarrow(codePoint: number): boolean {
	return (
		(codePoint >= 0x20 && codePoint < 0x7f) ||
		(codePoint >= 0xa0 && codePoint <= 0xff) ||
		(codePoint >= 0x2010 && codePoint <= 0x2027) ||
		(codePoint >= 0x2190 && codePoint <= 0x22ff) ||
		(codePoint >= 0x2500 && codePoint <= 0x25ff)
	);
}

/** Length of an escape sequence starting at `index` (CSI `ESC [ ... final`, else ESC + one char). */
function escapeLength(text: string, index: number): number {
	if (text[index + 1] !== '[') return Math.min(2, text.length - index);
	let end = index + 2;
	while (end < text.length) {
		const code = text.charCodeAt(end);
		end++;
		if (code >= 0x40 && code <= 0x7e) break;
	}

	return end - index;
}

export interface LineUpdate {
	/** 0-based column where writing starts. */
	column: number;
	/** What to write there, ending in the default style; assumes the terminal is in the default style. */
	text: string;
}

/**
 * Re-encodes `text` (from index `from`, in style `state`) with only the style changes that precede a visible
 * character: Ink emits many empty open/close pairs, a third of a timeline row's bytes.
 */
export function encodeStyled(text: string, from = 0, state: SgrState = defaultSgr): string {
	let wanted = state;
	let current: SgrState = defaultSgr;
	const parts: string[] = [];
	let index = from;
	while (index < text.length) {
		if (text[index] === esc) {
			const length = escapeLength(text, index);
			const sequence = text.slice(index, index + length);
			if (sequence.startsWith(`${esc}[`) && sequence.endsWith('m')) wanted = applySgr(wanted, sequence.slice(2, -1));
			else parts.push(sequence);
			index += length;
			continue;
		}

		const codePoint = text.codePointAt(index)!;
		const size = codePoint > 0xffff ? 2 : 1;
		const transition = sgrTransition(current, wanted);
		if (transition !== '') parts.push(transition);
		current = wanted;
		parts.push(text.slice(index, index + size));
		index += size;
	}

	if (!isDefaultSgr(current)) parts.push(`${esc}[0m`);
	return parts.join('');
}

/**
 * How to turn `previous` into `next` on screen by rewriting only from the first visible difference: the
 * unchanged prefix (often a whole neighbouring pane) is skipped, and the style in force there is carried over.
 */
export function lineUpdate(previous: string, next: string): LineUpdate {
	let common = 0;
	const max = Math.min(previous.length, next.length);
	while (common < max && previous.charCodeAt(common) === next.charCodeAt(common)) common++;

	let index = 0;
	let column = 0;
	let boundary = 0;
	let boundaryColumn = 0;
	let state: SgrState = defaultSgr;
	let stateAtBoundary: SgrState = defaultSgr;
	while (index < next.length) {
		if (next[index] === esc) {
			const length = escapeLength(next, index);
			if (index + length > common) break;
			const sequence = next.slice(index, index + length);
			if (sequence.startsWith(`${esc}[`) && sequence.endsWith('m')) state = applySgr(state, sequence.slice(2, -1));
			index += length;
			continue;
		}

		const codePoint = next.codePointAt(index)!;
		const size = codePoint > 0xffff ? 2 : 1;
		if (index + size > common || !isNarrow(codePoint)) break;
		index += size;
		column += 1;
		boundary = index;
		boundaryColumn = column;
		stateAtBoundary = state;
	}

	// Escapes right after the last skipped character belong to what follows and are re-encoded with it.
	return {column: boundaryColumn, text: encodeStyled(next, boundary, stateAtBoundary)};
}
