import {closeSync} from 'node:fs';
import {StringDecoder} from 'node:string_decoder';
import {SocktuiError} from '../../core/errors.js';
import {describeFileError, fileProblemError} from '../../core/file-error.js';
import {openForWriting, writeAll} from '../../core/files/safe-open.js';

export interface AsciicastHeader {
	width: number;
	height: number;
	/** Unix time in seconds when the recording began. */
	timestamp: number;
	env: {TERM: string; SHELL?: string};
	title?: string;
}

/**
 * Writes a session as an asciicast v2 file (https://docs.asciinema.org/manual/asciicast/v2/): a header
 * line, then one `[seconds, "o", text]` line per terminal write and `[seconds, "r", "COLSxROWS"]` per
 * resize. Each event goes to the file as it happens (a synchronous append, nothing kept in memory), so a
 * crash or a signal loses nothing already shown. A failed write stops the recording; `error` says why.
 */
export class AsciicastRecorder {
	readonly path: string;
	#fd: number | undefined;
	#start = 0;
	readonly #decoder = new StringDecoder('utf8');
	#error: string | undefined;

	/**
	 * Creates `path` (0600, never through a symlink; an existing regular file only with `overwrite`) and writes
	 * the header; a file that cannot be written is a one-line error (exit 2).
	 */
	constructor(path: string, header: AsciicastHeader, options: {overwrite?: boolean} = {}) {
		this.path = path;
		const opened = openForWriting(path, {overwrite: options.overwrite === true});
		if (!opened.ok) throw fileProblemError('--record', path, opened.problem);
		this.#fd = opened.fd;

		this.#write(`${JSON.stringify({version: 2, ...header})}\n`);
		if (this.#error !== undefined)
			throw new SocktuiError('BadUsage', `--record: cannot write '${path}': ${this.#error}`);
		this.#start = performance.now();
	}

	/** Why the recording stopped early, if it did. */
	get error(): string | undefined {
		return this.#error;
	}

	/** Bytes or text the terminal was given (a UTF-8 sequence split across writes is joined). */
	output(data: string | Uint8Array): void {
		const text = typeof data === 'string' ? data : this.#decoder.write(Buffer.from(data));
		if (text !== '') this.#event('o', text);
	}

	resize(columns: number, rows: number): void {
		this.#event('r', `${columns}x${rows}`);
	}

	/** Idempotent and synchronous: safe from exit, signal and crash handlers. */
	close(): void {
		if (this.#fd === undefined) return;
		const fd = this.#fd;
		this.#fd = undefined;
		try {
			closeSync(fd);
		} catch {
			// Nothing more can be lost: every event was written when it happened.
		}
	}

	#event(type: 'o' | 'r', data: string): void {
		if (this.#fd === undefined) return;
		// Microsecond resolution; performance.now() never goes back, so times never decrease.
		const seconds = Math.round((performance.now() - this.#start) * 1000) / 1_000_000;
		this.#write(`${JSON.stringify([seconds, type, data])}\n`);
	}

	#write(line: string): void {
		if (this.#fd === undefined) return;
		try {
			writeAll(this.#fd, line);
		} catch (error: unknown) {
			this.#error = describeFileError(error);
			this.close();
		}
	}
}
