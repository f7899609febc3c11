import type {Writable} from 'node:stream';
import {RingBuffer} from '../dashboard/ring-buffer.js';

/**
 * Log lines to a stream that may stop reading (a stalled pipe): while the stream is full, lines wait in a
 * ring of `capacity` and the oldest are dropped and counted; when it drains, the count is said first,
 * then the kept lines follow. Memory stays bounded whatever the reader does.
 */
export class BoundedLog {
	readonly #stream: Writable;
	readonly #queue: RingBuffer<string>;
	#blocked = false;
	#dropped = 0;
	readonly #onDrain = () => this.#flush();

	constructor(stream: Writable, capacity: number) {
		this.#stream = stream;
		this.#queue = new RingBuffer(capacity);
		stream.on('drain', this.#onDrain);
	}

	/** Lines dropped since the stream last drained. */
	get dropped(): number {
		return this.#dropped;
	}

	write(line: string): void {
		if (this.#blocked) {
			if (this.#queue.size === this.#queue.capacity) this.#dropped += 1;
			this.#queue.push(line);
			return;
		}

		if (!this.#stream.write(`${line}\n`)) this.#blocked = true;
	}

	/** Resolves once everything written so far has left the process, or after `timeoutMs`: true if it all did. */
	async flush(timeoutMs: number): Promise<boolean> {
		const done = () => !this.#blocked && this.#stream.writableLength === 0;
		if (done()) return true;
		return new Promise((resolve) => {
			const check = () => {
				if (!done()) return;
				finish(true);
			};

			const timer = setTimeout(() => finish(false), timeoutMs);
			const finish = (flushed: boolean) => {
				clearTimeout(timer);
				this.#stream.off('drain', check);
				resolve(flushed);
			};

			// Registered after our own drain listener, so the held lines are written first.
			this.#stream.on('drain', check);
		});
	}

	close(): void {
		this.#stream.off('drain', this.#onDrain);
	}

	#flush(): void {
		this.#blocked = false;
		const lines = this.#queue.toArray();
		this.#queue.clear();
		if (this.#dropped > 0) {
			lines.unshift(
				`... ${this.#dropped} log line${this.#dropped === 1 ? '' : 's'} dropped while the output was blocked`,
			);
			this.#dropped = 0;
		}

		if (lines.length > 0 && !this.#stream.write(`${lines.join('\n')}\n`)) this.#blocked = true;
	}
}
