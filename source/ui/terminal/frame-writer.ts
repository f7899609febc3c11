import {EventEmitter} from 'node:events';
import {encodeStyled, lineUpdate} from './line-diff.js';

const esc = '\u001B[';
// Synchronized output (DEC mode 2026): the terminal shows a frame's changes together.
const beginSync = '\u001B[?2026h';
const endSync = '\u001B[?2026l';
/** What Ink puts at the end of a line it shortens (wrap="truncate-end"). */
const inkEllipsis = /\u2026/g;
/** Its one-column stand-in in ASCII mode (every other non-ASCII character was escaped before Ink saw it). */
export const asciiEllipsis = '>';

export interface FrameWriterTarget {
	write(data: string): unknown;
	columns?: number;
	rows?: number;
	on(event: 'resize', listener: () => void): unknown;
	off(event: 'resize', listener: () => void): unknown;
}

/**
 * A stdout stand-in for Ink that rewrites only the lines that changed.
 *
 * Ink 6.8 (without its `incrementalRendering`, which has a cursor off-by-one fixed only in 7.0) erases and
 * rewrites the whole frame whenever anything changes: about 3 KB per update at 100x30. Our patch to Ink
 * (patches/ink+6.8.0.patch) adds a render option, `writeFrame`, that hands each frame's text to
 * `writeFrame` here instead: the lines as Ink computed them, no escapes of its own around them. We own the
 * whole alternate screen and the frame always starts at its top-left corner, so each changed line is written
 * at its absolute position: a counter ticking costs one line, not the frame. A frame reaches the terminal as
 * one write inside synchronized-output markers, and not at all when no line changed.
 * What Ink writes to this stream itself (cursor hide/show) passes through untouched.
 */
export class FrameWriter extends EventEmitter {
	readonly isTTY = true;
	#target: FrameWriterTarget;
	#lines: string[] = [];
	#valid = false;
	#bytes = 0;
	readonly #onResize = () => {
		this.invalidate();
		this.emit('resize');
	};

	readonly #ascii: boolean;

	constructor(target: FrameWriterTarget, options: {ascii?: boolean} = {}) {
		super();
		this.#target = target;
		this.#ascii = options.ascii ?? false;
		target.on('resize', this.#onResize);
	}

	get columns(): number {
		return this.#target.columns ?? 80;
	}

	get rows(): number {
		return this.#target.rows ?? 24;
	}

	/** Bytes handed to the terminal so far. */
	get bytesWritten(): number {
		return this.#bytes;
	}

	/** The next frame is drawn in full on a cleared screen (after a resize, or when the screen was disturbed). */
	invalidate(): void {
		this.#valid = false;
	}

	detach(): void {
		this.#target.off('resize', this.#onResize);
	}

	/**
	 * Ink's `writeFrame` render option: the frame's lines joined by '\n'; no frame when Ink would have erased
	 * its frame (before it writes something else, or when the terminal got narrower): then the next frame is
	 * drawn in full.
	 */
	readonly writeFrame = (frame?: string): void => {
		if (frame === undefined) {
			this.invalidate();
			return;
		}

		const changes = this.#frame(this.#ascii ? frame.replace(inkEllipsis, asciiEllipsis) : frame);
		if (changes !== '') this.#send(`${beginSync}${changes}${endSync}`);
	};

	write(chunk: string | Uint8Array, encodingOrCallback?: unknown, callback?: unknown): boolean {
		const raw = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
		const text = this.#ascii ? raw.replace(inkEllipsis, asciiEllipsis) : raw;
		const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
		if (text !== '') this.#send(text);
		if (typeof done === 'function') (done as () => void)();
		return true;
	}

	#send(output: string): void {
		this.#bytes += Buffer.byteLength(output);
		this.#target.write(output);
	}

	#frame(frame: string): string {
		const next = frame.split('\n');
		const parts: string[] = [];
		if (!this.#valid) {
			parts.push(`${esc}H${esc}2J`);
			this.#lines = [];
			this.#valid = true;
		}

		const previous = this.#lines;
		for (let index = 0; index < next.length; index++) {
			const line = next[index]!;
			const before = previous[index];
			if (line === before) continue;
			if (before === undefined) {
				parts.push(`${esc}${index + 1};1H${encodeStyled(line)}${esc}K`);
				continue;
			}

			// Only from the first visible difference on: a ticking timeline leaves the pane beside it alone.
			const update = lineUpdate(before, line);
			parts.push(`${esc}${index + 1};${update.column + 1}H${update.text}${update.eraseRest ? `${esc}K` : ''}`);
		}

		if (previous.length > next.length) parts.push(`${esc}${next.length + 1};1H${esc}J`);
		this.#lines = next;
		return parts.join('');
	}
}
