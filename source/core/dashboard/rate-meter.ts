/** Per-second rates from monotonically growing counters, sampled once a second or so. */
export class RateMeter {
	#lastAt: number | undefined;
	#lastValues: number[] = [];
	#rates: number[] = [];

	/** Takes a sample; returns true when a rate (rounded to 0.1/s) changed. */
	sample(at: number, values: number[]): boolean {
		if (this.#lastAt === undefined || at <= this.#lastAt) {
			const first = this.#lastAt === undefined;
			this.#lastAt = at;
			this.#lastValues = [...values];
			if (first) this.#rates = values.map(() => 0);
			return false;
		}

		const seconds = (at - this.#lastAt) / 1000;
		const next = values.map(
			(value, index) => Math.round((Math.max(0, value - (this.#lastValues[index] ?? 0)) / seconds) * 10) / 10,
		);
		const changed = next.some((rate, index) => rate !== this.#rates[index]);
		this.#rates = next;
		this.#lastAt = at;
		this.#lastValues = [...values];
		return changed;
	}

	get rates(): readonly number[] {
		return this.#rates;
	}
}
