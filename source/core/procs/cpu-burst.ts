import {pbkdf2Sync} from 'node:crypto';

const salt = Buffer.alloc(16, 0x61);
/** The smallest call: about 15 µs here, of which 5 µs are the call itself. */
const minRounds = 64;

/**
 * Real CPU work until a clock has advanced by `ms`: chained PBKDF2-HMAC-SHA256 (each call's key is the next
 * call's password), in a few native calls rather than a JavaScript loop. Each call is asked for the rounds
 * that half the time left takes at the rate the previous call measured, so a burst of 10 ms is about ten
 * calls, and it ends at most one short call late unless the CPU became more than twice slower meanwhile. Why not a loop of
 * `createHash`: every hash object is an OpenSSL context freed only when V8 collects it, the loop allocates
 * on the young heap (which V8 then doubles), and a hot loop wakes the optimising compiler, whose code and
 * memory the process then keeps: together 8 MB more RSS after the first bursts of a session.
 */
export class CpuBurner {
	readonly #now: () => number;
	readonly #work: (rounds: number) => void;
	#roundsPerMs = 0;

	/** `work(rounds)` does that many rounds; tests give it a fake clock and fake work. */
	constructor(now: () => number, work: (rounds: number) => void = chainedPbkdf2()) {
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
			const chunk = Math.max(minRounds, Math.floor(((deadline - now) / 2) * this.#roundsPerMs));
			this.#work(chunk);
			const after = this.#now();
			if (after > now) this.#roundsPerMs = chunk / (after - now);
			rounds += chunk;
			now = after;
		} while (now < deadline);
		return rounds;
	}
}

function chainedPbkdf2(): (rounds: number) => void {
	let key: Buffer = salt;
	return (rounds) => {
		key = pbkdf2Sync(key, salt, rounds, 32, 'sha256');
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
 * that long. Returns how many HMAC-SHA256 rounds it did (so the work cannot be optimised away, and a caller
 * can show it).
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
