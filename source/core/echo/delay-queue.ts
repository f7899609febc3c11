/**
 * Items held for a delay and delivered in the order they were pushed, even when the delay shrinks while
 * some are waiting (an item is never due before the one ahead of it). One timer per queue.
 */
export class DelayQueue<T> {
	private items: Array<{due: number; item: T}> = [];
	private head = 0;
	private lastDue = 0;
	private timer: NodeJS.Timeout | undefined;

	constructor(private readonly deliver: (item: T) => void) {}

	get size(): number {
		return this.items.length - this.head;
	}

	push(item: T, delayMs: number): void {
		const due = Math.max(Date.now() + delayMs, this.lastDue);
		this.lastDue = due;
		this.items.push({due, item});
		if (this.timer === undefined) this.schedule();
	}

	/** Drops everything still waiting. */
	clear(): void {
		if (this.timer !== undefined) clearTimeout(this.timer);
		this.timer = undefined;
		this.items = [];
		this.head = 0;
	}

	private schedule(): void {
		const next = this.items[this.head];
		if (next === undefined) return;
		this.timer = setTimeout(() => this.fire(), Math.max(0, next.due - Date.now()));
		this.timer.unref?.();
	}

	private fire(): void {
		this.timer = undefined;
		const now = Date.now();
		while (this.head < this.items.length && this.items[this.head]!.due <= now) {
			const {item} = this.items[this.head]!;
			this.head += 1;
			this.deliver(item);
			if (this.timer !== undefined || this.items.length === 0) return; // cleared or re-armed by deliver
		}

		if (this.head === this.items.length) {
			this.items = [];
			this.head = 0;
		} else if (this.head > 1024) {
			this.items = this.items.slice(this.head);
			this.head = 0;
		}

		this.schedule();
	}
}
