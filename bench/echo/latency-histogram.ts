/** Round-trip times in a fixed histogram (1 µs buckets up to 100 ms, then one overflow bucket): bounded memory. */
export class LatencyHistogram {
	readonly #buckets = new Uint32Array(100_001);
	count = 0;

	record(microseconds: number): void {
		this.#buckets[Math.min(Math.max(0, Math.round(microseconds)), 100_000)]! += 1;
		this.count += 1;
	}

	merge(other: LatencyHistogram): void {
		for (let index = 0; index < this.#buckets.length; index++) this.#buckets[index]! += other.#buckets[index]!;
		this.count += other.count;
	}

	/** The q-quantile in microseconds (100,000 means "100 ms or more"). */
	quantile(q: number): number {
		if (this.count === 0) return Number.NaN;
		const rank = Math.ceil(q * this.count);
		let seen = 0;
		for (let index = 0; index < this.#buckets.length; index++) {
			seen += this.#buckets[index]!;
			if (seen >= rank) return index;
		}

		return this.#buckets.length - 1;
	}
}
