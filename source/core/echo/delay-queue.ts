/**
 * Items held for a delay and delivered in the order they were pushed. Every item waits `delayMs` from
 * when it was pushed; changing the delay re-times the items already waiting (a knob turned down
 * releases them sooner), and since all share one delay, the order never changes. One timer per queue.
 */
export class DelayQueue<T> {
	#items: Array<{at: number; item: T}> = [];
	#head = 0;
	#delayMs: number;
	#timer: NodeJS.Timeout | undefined;

	readonly #deliver: (item: T) => void;

	constructor(deliver: (item: T) => void, delayMs: number) {
		this.#deliver = deliver;
		this.#delayMs = delayMs;
	}

	get size(): number {
		return this.#items.length - this.#head;
	}

	push(item: T): void {
		this.#items.push({at: Date.now(), item});
		if (this.#timer === undefined) this.#schedule();
	}

	setDelay(delayMs: number): void {
		this.#delayMs = delayMs;
		if (this.#timer === undefined) return;
		clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#schedule();
	}

	/** Drops everything still waiting. */
	clear(): void {
		if (this.#timer !== undefined) clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#items = [];
		this.#head = 0;
	}

	#schedule(): void {
		const next = this.#items[this.#head];
		if (next === undefined) return;
		this.#timer = setTimeout(() => this.#fire(), Math.max(0, next.at + this.#delayMs - Date.now()));
	}

	#fire(): void {
		this.#timer = undefined;
		const now = Date.now();
		const items = this.#items;
		while (this.#head < items.length && items[this.#head]!.at + this.#delayMs <= now) {
			const {item} = items[this.#head]!;
			this.#head += 1;
			this.#deliver(item);
			if (this.#items !== items) return; // cleared by deliver
		}

		if (this.#head === items.length) {
			this.#items = [];
			this.#head = 0;
		} else if (this.#head > 1024) {
			this.#items = items.slice(this.#head);
			this.#head = 0;
		}

		if (this.#timer === undefined) this.#schedule();
	}
}
