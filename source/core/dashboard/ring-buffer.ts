/** A fixed-capacity FIFO: pushing past the capacity drops the oldest item. O(1) push. */
export class RingBuffer<T> {
	readonly capacity: number;
	#items: Array<T | undefined>;
	#start = 0;
	#size = 0;

	constructor(capacity: number) {
		if (!Number.isInteger(capacity) || capacity < 1)
			throw new RangeError(`ring capacity must be a positive integer, got ${capacity}`);
		this.capacity = capacity;
		this.#items = new Array<T | undefined>(capacity);
	}

	get size(): number {
		return this.#size;
	}

	push(item: T): void {
		const index = (this.#start + this.#size) % this.capacity;
		this.#items[index] = item;
		if (this.#size < this.capacity) {
			this.#size += 1;
		} else {
			this.#start = (this.#start + 1) % this.capacity;
		}
	}

	/** The last `count` items (all by default), oldest first, mapped. */
	toArray<U = T>(map?: (item: T) => U, count = this.#size): U[] {
		const take = Math.min(count, this.#size);
		const result = new Array<U>(take);
		for (let offset = 0; offset < take; offset++) {
			const item = this.#items[(this.#start + this.#size - take + offset) % this.capacity] as T;
			result[offset] = map ? map(item) : (item as unknown as U);
		}

		return result;
	}

	clear(): void {
		this.#items = new Array<T | undefined>(this.capacity);
		this.#start = 0;
		this.#size = 0;
	}
}
