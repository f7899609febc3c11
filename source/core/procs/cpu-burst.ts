/** The smallest slice of work: about 10 µs in the interpreter, under 1 µs once optimised. */
const minRounds = 256;
/** The largest: the round counter stays a small integer (below 2^30) in every tier. */
const maxRounds = 2 ** 28;

/**
 * Real CPU work until a clock has advanced by `ms`: a chained integer mixing loop (multiply, add, xor-shift
 * on a 16-bit state, so every value stays a small integer and the interpreter allocates nothing), in slices
 * that each take half the time left at the rate the previous slice measured: a burst is a dozen clock reads,
 * and it ends at most one short slice late unless the process lost the CPU or it became more than twice
 * slower meanwhile. Each round depends on the one before and the state lives on into the next burst, so no
 * compiler can skip a round. Why not a loop
 * of `createHash('sha256')`: every hash object is an OpenSSL context freed only when V8 collects it, the
 * loop allocates on the young heap (which V8 then doubles), node:crypto itself costs a session 0.7 MB, and
 * the hot loop wakes the optimising compiler: together 8 MB more RSS after the first bursts of a session.
 */
export class CpuBurner {
	readonly #now: () => number;
	readonly #work: (rounds: number) => void;
	#roundsPerMs = 0;

	/** `work(rounds)` does that many rounds; tests give it a fake clock and fake work. */
	constructor(now: () => number, work: (rounds: number) => void = mixingLoop()) {
		this.#now = now;
		this.#work = work;
	}

	/** Works until the clock has advanced by `ms`; returns how many rounds it did (0 for `ms` <= 0). */
	burn(ms: number): number {
		if (!(ms > 0)) return 0;
		let now = this.#now();
		const deadline = now + ms;
		let rounds = 0;
		do {
			const slice = Math.min(maxRounds, Math.max(minRounds, Math.floor(((deadline - now) / 2) * this.#roundsPerMs)));
			this.#work(slice);
			const after = this.#now();
			if (after > now) this.#roundsPerMs = slice / (after - now);
			rounds += slice;
			now = after;
		} while (now < deadline);
		return rounds;
	}
}

/** `state` below 2^16 times a multiplier below 2^14, plus a byte: below 2^30, a small integer. */
function mixingLoop(): (rounds: number) => void {
	let state = 0x5a5a;
	return (rounds) => {
		for (let round = 0; round < rounds; round++) {
			state = (state * 0x2f4b + (round & 0xff)) & 0xffff;
			state ^= state >>> 7;
		}
	};
}

const wall = new CpuBurner(() => performance.now());
const cpuTime = new CpuBurner(() => {
	const usage = process.cpuUsage();
	return (usage.user + usage.system) / 1000;
});

/**
 * Keeps the CPU busy for `ms` milliseconds of wall time with real work, blocking the event loop on purpose:
 * this is the "compute" part of a session's auto mode, and the timeline should see the process running for
 * that long. Returns how many rounds of work it did (a caller can show it).
 */
export function burnCpu(ms: number): number {
	return wall.burn(ms);
}

/**
 * The same real work, but until this process has used `ms` milliseconds of CPU time (user + system) rather
 * than of wall time: a job that shares its CPU with others still gets its full N ticks of work done, just
 * later. This is what an experiment job's `cN` means. Returns how many rounds it did.
 */
export function burnCpuTime(ms: number): number {
	return cpuTime.burn(ms);
}
