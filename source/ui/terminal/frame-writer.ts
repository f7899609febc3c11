import {EventEmitter} from 'node:events';
import {encodeStyled, lineUpdate} from './line-diff.js';

const esc = '\u001B[';
// What Ink 6.8's log-update puts before a frame: ansiEscapes.eraseLines(n) = (ESC[2K ESC[1A)* ESC[2K ESC[G.
const eraseLinesPrefix = /^(?:\u001B\[2K(?:\u001B\[1A)?)*(?:\u001B\[G)?/;
const clearTerminalPrefix = /^\u001B\[2J(?:\u001B\[3J)?\u001B\[H/;
// Synchronized output (DEC mode 2026): Ink brackets each frame with these, as separate writes.
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
 * rewrites the whole frame whenever anything changes: about 3 KB per update at 100x30. We own the whole
 * alternate screen and the frame always starts at its top-left corner, so each changed line can be written
 * at its absolute position instead: a counter ticking costs one line, not the frame.
 * Writes that are not frames (cursor hide/show) pass through untouched. A frame and its synchronized-output
 * markers reach the terminal as one write, and not at all when no line changed.
 */
export class FrameWriter extends EventEmitter {
	readonly isTTY = true;
	#target: FrameWriterTarget;
	#lines: string[] = [];
	#valid = false;
	#bytes = 0;
	/** Between a begin-sync marker and its end: what to write together. */
	#held: string[] | undefined;
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

	write(chunk: string | Uint8Array, encodingOrCallback?: unknown, callback?: unknown): boolean {
		const raw = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
		const text = this.#ascii ? raw.replace(inkEllipsis, asciiEllipsis) : raw;
		const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
		if (text === beginSync) {
			this.#flushHeld();
			this.#held = [text];
			// Ink writes the end marker in the same tick; should it not, nothing stays held.
			queueMicrotask(() => {
				this.#flushHeld();
			});
		} else {
			const output = this.#translate(text);
			if (this.#held) {
				if (output !== '') this.#held.push(output);
				if (text === endSync) {
					// Only the two markers: no line changed, nothing to write.
					if (this.#held.length > 2) this.#send(this.#held.join(''));
					this.#held = undefined;
				}
			} else if (output !== '') {
				this.#send(output);
			}
		}

		if (typeof done === 'function') (done as () => void)();
		return true;
	}

	#flushHeld(): void {
		if (this.#held && this.#held.length > 1) this.#send(this.#held.join(''));
		this.#held = undefined;
	}

	#send(output: string): void {
		this.#bytes += Buffer.byteLength(output);
		this.#target.write(output);
	}

	#translate(text: string): string {
		const cleared = clearTerminalPrefix.exec(text);
		if (cleared) {
			this.invalidate();
			return this.#frame(text.slice(cleared[0].length));
		}

		const erase = eraseLinesPrefix.exec(text)![0];
		const rest = text.slice(erase.length);
		// A frame from log-update ends with a newline (Ink adds one while the frame is below the terminal height).
		if (rest.endsWith('\n')) return this.#frame(rest.slice(0, -1));
		// log.clear(): erase only. The next frame repaints what changed; nothing to do now.
		if (rest === '' && erase !== '') return '';
		return text;
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
