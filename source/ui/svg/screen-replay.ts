import {SocktuiError} from '../../core/errors.js';
import {graphemes} from '../../core/text/display-width.js';
import type {Segment} from '../segments.js';
import {applySgr, defaultSgr, type SgrState} from '../terminal/sgr-state.js';

/** One terminal screen: its size and each row as styled runs (a wide character takes its two columns). */
export interface Screen {
	columns: number;
	rows: number;
	lines: Segment[][];
	/** Each row's background runs (inverse video, SGR 40-47/100-107), as column ranges with a colour. */
	backgrounds: Array<Array<{column: number; columns: number; color: string}>>;
}

/** A recording larger than this is not one socktui wrote for a picture. */
export const maxCastBytes = 64 * 1024 * 1024;
const maxSize = 1000;
const leaveAltScreen = '\u001B[?1049l';

interface Cell {
	text: string;
	/** 2: a wide character; 0: the right half of the one before. */
	width: number;
	style: SgrState;
}

const blank = (style: SgrState = defaultSgr): Cell => ({text: ' ', width: 1, style});

/**
 * A small terminal: the sequences socktui's frame writer and Ink send (cursor moves, erases, SGR, the
 * alternate screen), enough to read back the screen a recording of the dashboard ends on. Anything else
 * (OSC titles, private modes, cursor shape) is skipped.
 */
class ScreenBuffer {
	columns: number;
	rows: number;
	#cells: Cell[][];
	#row = 0;
	#column = 0;
	#style: SgrState = defaultSgr;
	/** The tail of a write that ended inside an escape sequence. */
	#pending = '';

	constructor(columns: number, rows: number) {
		this.columns = columns;
		this.rows = rows;
		this.#cells = Array.from({length: rows}, () => this.#blankRow());
	}

	resize(columns: number, rows: number): void {
		this.#cells = Array.from({length: rows}, (_, row) => {
			const old = this.#cells[row] ?? [];
			return Array.from({length: columns}, (_, column) => old[column] ?? blank());
		});
		this.columns = columns;
		this.rows = rows;
		this.#row = Math.min(this.#row, rows - 1);
		this.#column = Math.min(this.#column, columns - 1);
	}

	write(data: string): void {
		const text = this.#pending + data;
		this.#pending = '';
		let index = 0;
		while (index < text.length) {
			const char = text[index]!;
			if (char === '\u001B') {
				const length = this.#escape(text, index);
				if (length === 0) {
					this.#pending = text.slice(index);
					return;
				}

				index += length;
				continue;
			}

			const next = text.slice(index).search(/[\u0000-\u001F\u007F]/u);
			if (next !== 0) {
				const end = next === -1 ? text.length : index + next;
				this.#print(text.slice(index, end));
				index = end;
				continue;
			}

			if (char === '\r') this.#column = 0;
			else if (char === '\n') this.#lineFeed();
			else if (char === '\b') this.#column = Math.max(0, Math.min(this.#column, this.columns - 1) - 1);
			else if (char === '\t') this.#column = Math.min(this.columns - 1, (Math.floor(this.#column / 8) + 1) * 8);
			index++;
		}
	}

	screen(): Screen {
		const lines: Segment[][] = [];
		const backgrounds: Screen['backgrounds'] = [];
		for (const row of this.#cells) {
			const line: Segment[] = [];
			const fills: Screen['backgrounds'][number] = [];
			for (const [column, cell] of row.entries()) {
				if (cell.width === 0) continue;
				const segment = segmentStyle(cell.style);
				const last = line.at(-1);
				if (last && sameStyle(last, segment)) last.text += cell.text;
				else line.push({...segment, text: cell.text});
				const fill = backgroundOf(cell.style);
				if (fill === undefined) continue;
				const previous = fills.at(-1);
				if (previous && previous.color === fill && previous.column + previous.columns === column)
					previous.columns += cell.width;
				else fills.push({column, columns: cell.width, color: fill});
			}

			lines.push(line);
			backgrounds.push(fills);
		}

		return {columns: this.columns, rows: this.rows, lines, backgrounds};
	}

	#blankRow(): Cell[] {
		return Array.from({length: this.columns}, () => blank());
	}

	#lineFeed(): void {
		if (this.#row < this.rows - 1) {
			this.#row++;
			return;
		}

		this.#cells.shift();
		this.#cells.push(this.#blankRow());
	}

	#print(text: string): void {
		for (const {text: grapheme, width} of graphemes(text)) {
			if (width === 0) continue;
			if (this.#column + width > this.columns) {
				this.#column = 0;
				this.#lineFeed();
			}

			const row = this.#cells[this.#row]!;
			row[this.#column] = {text: grapheme, width, style: this.#style};
			if (width === 2 && this.#column + 1 < this.columns)
				row[this.#column + 1] = {text: '', width: 0, style: this.#style};
			// Past the last column: the next character wraps; an erase there clears nothing (as xterm.js does).
			this.#column = Math.min(this.columns, this.#column + width);
		}
	}

	/** Handles the escape sequence at `index`; its length, or 0 when the text ends inside it. */
	#escape(text: string, index: number): number {
		const kind = text[index + 1];
		if (kind === undefined) return 0;
		if (kind === ']') {
			// OSC (a window title): up to BEL or ESC \.
			const bell = text.indexOf('\u0007', index);
			const st = text.indexOf('\u001B\\', index);
			const ends = [bell === -1 ? Infinity : bell + 1, st === -1 ? Infinity : st + 2];
			const end = Math.min(...ends);
			return end === Infinity ? 0 : end - index;
		}

		if (kind !== '[') return 2;
		let end = index + 2;
		while (end < text.length) {
			const code = text.charCodeAt(end);
			if (code >= 0x40 && code <= 0x7e) break;
			end++;
		}

		if (end >= text.length) return 0;
		this.#csi(text.slice(index + 2, end), text[end]!);
		return end + 1 - index;
	}

	#csi(parameters: string, final: string): void {
		if (parameters.startsWith('?')) {
			// The alternate screen starts empty; other private modes change nothing drawn.
			if (/(?:^|;)1049$/u.test(parameters.slice(1)) && final === 'h') this.#erase(0, 0, this.rows, this.columns);
			return;
		}

		const numbers = parameters.split(';').map((part) => (part === '' ? undefined : Number(part)));
		const first = numbers[0] ?? 0;
		const count = Math.max(1, first);
		switch (final) {
			case 'm':
				this.#style = applySgr(this.#style, parameters);
				break;
			case 'H':
			case 'f':
				this.#row = clamp((numbers[0] ?? 1) - 1, this.rows);
				this.#column = clamp((numbers[1] ?? 1) - 1, this.columns);
				break;
			case 'A':
				this.#row = clamp(this.#row - count, this.rows);
				break;
			case 'B':
				this.#row = clamp(this.#row + count, this.rows);
				break;
			case 'C':
				this.#column = clamp(this.#column + count, this.columns);
				break;
			case 'D':
				this.#column = clamp(Math.min(this.#column, this.columns - 1) - count, this.columns);
				break;
			case 'G':
				this.#column = clamp(count - 1, this.columns);
				break;
			case 'J':
				if (first === 0) {
					this.#erase(this.#row, this.#column, this.#row + 1, this.columns);
					this.#erase(this.#row + 1, 0, this.rows, this.columns);
				} else if (first === 1) {
					this.#erase(0, 0, this.#row, this.columns);
					this.#erase(this.#row, 0, this.#row + 1, Math.min(this.columns, this.#column + 1));
				} else this.#erase(0, 0, this.rows, this.columns);
				break;
			case 'K':
				if (first === 0) this.#erase(this.#row, this.#column, this.#row + 1, this.columns);
				else if (first === 1) this.#erase(this.#row, 0, this.#row + 1, Math.min(this.columns, this.#column + 1));
				else this.#erase(this.#row, 0, this.#row + 1, this.columns);
				break;
			default:
				break;
		}
	}

	/** Blanks rows [top, bottom) from column `left` to `right` (exclusive), in the current background. */
	#erase(top: number, left: number, bottom: number, right: number): void {
		const fill = {...defaultSgr, ...(this.#style.bg === undefined ? {} : {bg: this.#style.bg})};
		for (let row = top; row < bottom; row++) {
			const cells = this.#cells[row]!;
			for (let column = left; column < right; column++) cells[column] = blank(fill);
		}
	}
}

const clamp = (value: number, size: number) => Math.max(0, Math.min(size - 1, value));

/** The 16 colours by the names the SVG palette knows (chalk's, as Ink's colour props use them). */
const basicNames = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];

/** An SGR colour (`31`, `91`, `38;5;N`, `38;2;R;G;B`) as a palette name or `#rrggbb`. */
export function sgrColor(code: string | undefined): string | undefined {
	if (code === undefined) return undefined;
	const parts = code.split(';').map(Number);
	const base = parts[0]!;
	if ((base >= 30 && base <= 37) || (base >= 40 && base <= 47)) return basicNames[base % 10];
	if ((base >= 90 && base <= 97) || (base >= 100 && base <= 107)) {
		const name = basicNames[base % 10]!;
		return name === 'black' ? 'gray' : `${name}Bright`;
	}

	if (parts[1] === 2 && parts.length === 5) return hex(parts[2]!, parts[3]!, parts[4]!);
	if (parts[1] === 5 && parts.length === 3) {
		const index = parts[2]!;
		if (index < 8) return basicNames[index];
		if (index < 16) return index === 8 ? 'gray' : `${basicNames[index - 8]}Bright`;
		if (index < 232) {
			const level = (value: number) => (value === 0 ? 0 : 55 + value * 40);
			const cube = index - 16;
			return hex(level(Math.floor(cube / 36)), level(Math.floor(cube / 6) % 6), level(cube % 6));
		}

		const grey = 8 + (index - 232) * 10;
		return hex(grey, grey, grey);
	}

	return undefined;
}

function hex(red: number, green: number, blue: number): string {
	return `#${[red, green, blue].map((value) => Math.max(0, Math.min(255, value)).toString(16).padStart(2, '0')).join('')}`;
}

/** What the SVG draws a cell's text with: inverse video puts the background colour on the text. */
function segmentStyle(style: SgrState): Omit<Segment, 'text'> {
	const color = style.inverse ? (sgrColor(style.bg) ?? 'background') : sgrColor(style.fg);
	return {
		...(color === undefined ? {} : {color}),
		...(style.bold ? {bold: true} : {}),
		...(style.dim ? {dim: true} : {}),
		...(style.italic ? {italic: true} : {}),
	};
}

function backgroundOf(style: SgrState): string | undefined {
	if (style.inverse) return sgrColor(style.fg) ?? 'foreground';
	return sgrColor(style.bg);
}

function sameStyle(a: Omit<Segment, 'text'>, b: Omit<Segment, 'text'>): boolean {
	return a.color === b.color && a.bold === b.bold && a.dim === b.dim && a.italic === b.italic;
}

type CastEvent = [number, string, string];

function isEvent(value: unknown): value is CastEvent {
	return (
		Array.isArray(value) &&
		value.length >= 3 &&
		typeof value[0] === 'number' &&
		typeof value[1] === 'string' &&
		typeof value[2] === 'string'
	);
}

function size(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= maxSize ? value : undefined;
}

/**
 * The last screen of an asciicast v2 recording (`socktui --record`): its output replayed up to the moment
 * the program left the alternate screen (what was on screen just before quitting), resizes included.
 * `what` names the file in errors, which are one line each.
 */
export function lastScreen(cast: string, what: string): Screen {
	if (cast.length > maxCastBytes) throw new SocktuiError('BadInput', `${what} is larger than 64 MiB`);
	const lines = cast.split('\n');
	let header: unknown;
	try {
		header = JSON.parse(lines[0]!);
	} catch {
		header = undefined;
	}

	const record = typeof header === 'object' && header !== null ? (header as Record<string, unknown>) : {};
	const columns = size(record['width']);
	const rows = size(record['height']);
	if (record['version'] !== 2 || columns === undefined || rows === undefined)
		throw new SocktuiError(
			'BadInput',
			`${what} is not an asciicast v2 recording (its first line must be a header with version 2, width and height)`,
		);

	const buffer = new ScreenBuffer(columns, rows);
	for (const [number, line] of lines.slice(1).entries()) {
		if (line.trim() === '') continue;
		let event: unknown;
		try {
			event = JSON.parse(line);
		} catch {
			event = undefined;
		}

		if (!isEvent(event))
			throw new SocktuiError('BadInput', `${what}, line ${number + 2}: not an asciicast event [time, type, data]`);
		const [, type, data] = event;
		if (type === 'r') {
			const match = /^(\d+)x(\d+)$/u.exec(data);
			const width = size(Number(match?.[1]));
			const height = size(Number(match?.[2]));
			if (width !== undefined && height !== undefined) buffer.resize(width, height);
			continue;
		}

		if (type !== 'o') continue;
		const leaving = data.indexOf(leaveAltScreen);
		buffer.write(leaving === -1 ? data : data.slice(0, leaving));
		if (leaving !== -1) break;
	}

	return buffer.screen();
}
