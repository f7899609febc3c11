import {applySgr, defaultSgr, isDefaultSgr, sameSgr, sgrTransition, type SgrState} from './sgr-state.js';

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

		// A run of visible characters up to the next escape: one style change (if any) before it, then the run.
		const next = text.indexOf(esc, index);
		const end = next === -1 ? text.length : next;
		const transition = sgrTransition(current, wanted);
		if (transition !== '') parts.push(transition);
		current = wanted;
		parts.push(text.slice(index, end));
		index = end;
	}

	if (!isDefaultSgr(current)) parts.push(`${esc}[0m`);
	return parts.join('');
}

interface Cell {
	char: string;
	state: SgrState;
	narrow: boolean;
}

/** A line as cells (character + style); undefined when it holds escapes other than SGR (never diffed). */
function toCells(text: string): Cell[] | undefined {
	const cells: Cell[] = [];
	let state: SgrState = defaultSgr;
	let index = 0;
	while (index < text.length) {
		if (text[index] === esc) {
			const length = escapeLength(text, index);
			const sequence = text.slice(index, index + length);
			if (!(sequence.startsWith(`${esc}[`) && sequence.endsWith('m'))) return undefined;
			state = applySgr(state, sequence.slice(2, -1));
			index += length;
			continue;
		}

		const codePoint = text.codePointAt(index)!;
		const size = codePoint > 0xffff ? 2 : 1;
		cells.push({char: text.slice(index, index + size), state, narrow: isNarrow(codePoint)});
		index += size;
	}

	return cells;
}

function sameCell(a: Cell, b: Cell): boolean {
	return a.char === b.char && a.narrow && b.narrow && sameSgr(a.state, b.state);
}

function encodeCells(cells: readonly Cell[]): string {
	let current: SgrState = defaultSgr;
	const parts: string[] = [];
	for (const cell of cells) {
		const transition = sgrTransition(current, cell.state);
		if (transition !== '') parts.push(transition);
		current = cell.state;
		parts.push(cell.char);
	}

	if (!isDefaultSgr(current)) parts.push(`${esc}[0m`);
	return parts.join('');
}

/**
 * How to turn `previous` into `next` on screen by rewriting only the part that changed: an unchanged prefix
 * (often a whole neighbouring pane) is skipped; an unchanged tail at the same columns is left alone too.
 * `eraseRest` says whether the end of the line must be cleared after `text`.
 */
export function lineUpdate(previous: string, next: string): LineUpdate & {eraseRest: boolean} {
	const before = toCells(previous);
	const after = toCells(next);
	if (!before || !after) return {column: 0, text: encodeStyled(next), eraseRest: true};
	let prefix = 0;
	while (prefix < before.length && prefix < after.length && sameCell(before[prefix]!, after[prefix]!)) prefix++;
	// A tail can be kept only where both lines put it at the same column: same cell count, all narrow.
	let suffix = 0;
	if (before.length === after.length && before.every((cell) => cell.narrow) && after.every((cell) => cell.narrow)) {
		while (
			suffix < after.length - prefix &&
			sameCell(before[before.length - 1 - suffix]!, after[after.length - 1 - suffix]!)
		)
			suffix++;
	}

	const middle = after.slice(prefix, after.length - suffix);
	return {column: prefix, text: encodeCells(middle), eraseRest: suffix === 0};
}
