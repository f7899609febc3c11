/**
 * Python's `random` module generator: MT19937 seeded with `init_by_array`, and `random()` built from two
 * 32-bit outputs exactly as CPython's `_randommodule.c` does, so `-l` workloads match the reference.
 */
const N = 624;
const M = 397;
const MATRIX_A = 0x9908_b0df;
const UPPER_MASK = 0x8000_0000;
const LOWER_MASK = 0x7fff_ffff;

export interface PythonRandom {
	/** A double in [0, 1) with 53 random bits, like Python's `random.random()`. */
	random(): number;
	/** The next raw 32-bit output (unsigned). */
	nextUint32(): number;
}

/** Splits |seed| into 32-bit words, least significant first; 0 gives [0] (CPython `random_seed`). */
export function seedToKey(seed: bigint): number[] {
	let n = seed < 0n ? -seed : seed;
	if (n === 0n) return [0];
	const key: number[] = [];
	while (n > 0n) {
		key.push(Number(n & 0xffff_ffffn));
		n >>= 32n;
	}
	return key;
}

function initGenrand(mt: Uint32Array, seed: number): void {
	mt[0] = seed >>> 0;
	for (let i = 1; i < N; i++) {
		const previous = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
		mt[i] = (Math.imul(1_812_433_253, previous) + i) >>> 0;
	}
}

function initByArray(mt: Uint32Array, key: number[]): void {
	initGenrand(mt, 19_650_218);
	let i = 1;
	let j = 0;
	for (let k = Math.max(N, key.length); k > 0; k--) {
		const previous = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
		mt[i] = ((mt[i]! ^ Math.imul(previous, 1_664_525)) + key[j]! + j) >>> 0;
		i++;
		j++;
		if (i >= N) {
			mt[0] = mt[N - 1]!;
			i = 1;
		}
		if (j >= key.length) j = 0;
	}
	for (let k = N - 1; k > 0; k--) {
		const previous = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
		mt[i] = ((mt[i]! ^ Math.imul(previous, 1_566_083_941)) - i) >>> 0;
		i++;
		if (i >= N) {
			mt[0] = mt[N - 1]!;
			i = 1;
		}
	}
	mt[0] = 0x8000_0000;
}

function twist(mt: Uint32Array): void {
	for (let kk = 0; kk < N; kk++) {
		const y = (mt[kk]! & UPPER_MASK) | (mt[(kk + 1) % N]! & LOWER_MASK);
		mt[kk] = (mt[(kk + M) % N]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0)) >>> 0;
	}
}

/** A generator seeded like Python's `random.seed(seed)` for an integer seed (the sign is dropped). */
export function createPythonRandom(seed: bigint | number): PythonRandom {
	const mt = new Uint32Array(N);
	initByArray(mt, seedToKey(BigInt(seed)));
	let index = N;
	const nextUint32 = (): number => {
		if (index >= N) {
			twist(mt);
			index = 0;
		}
		let y = mt[index++]!;
		y ^= y >>> 11;
		y ^= (y << 7) & 0x9d2c_5680;
		y ^= (y << 15) & 0xefc6_0000;
		y ^= y >>> 18;
		return y >>> 0;
	};
	return {
		nextUint32,
		random() {
			const a = nextUint32() >>> 5;
			const b = nextUint32() >>> 6;
			return (a * 67_108_864 + b) / 9_007_199_254_740_992;
		},
	};
}
