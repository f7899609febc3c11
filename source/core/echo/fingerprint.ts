/** Bytes read from each end of a payload: enough to tell replies apart, cheap for 64 KiB datagrams. */
const sampled = 32;
const prime = 0x01_00_01_93;

const seed = (length: number) => Math.imul(0x81_1c_9d_c5 ^ length, prime);
// Never 0: an empty table slot holds 0.
const nonZero = (hash: number) => (hash === 0 ? 1 : hash);

/**
 * A 32-bit FNV-1a fingerprint (never 0) of a payload's length and its first and last 32 bytes. Used only to notice
 * a peer sending back our own recent replies (an echo loop), never as a security hash.
 */
export function fingerprint(bytes: Uint8Array): number {
	const length = bytes.length;
	let hash = seed(length);
	const head = Math.min(length, sampled);
	for (let index = 0; index < head; index++) hash = Math.imul(hash ^ bytes[index]!, prime);
	for (let index = Math.max(head, length - sampled); index < length; index++)
		hash = Math.imul(hash ^ bytes[index]!, prime);
	return nonZero(hash);
}

/**
 * The echo's hot path for a peer watched for loops, in one pass over the bytes: writes the uppercased
 * `source` into `target` (which may be `source` itself), and sets `prints[0]` to `fingerprint(source)` as
 * it was and `prints[1]` to `fingerprint` of the reply. Same results as `uppercase` and two `fingerprint`
 * calls, without reading the payload three times.
 */
export function uppercaseWithPrints(source: Uint8Array, target: Uint8Array, prints: Int32Array): void {
	const length = source.length;
	let request = seed(length);
	let reply = request;
	const head = Math.min(length, sampled);
	const tail = Math.max(head, length - sampled);
	let index = 0;
	for (; index < head; index++) {
		const byte = source[index]!;
		const upper = (byte - 0x61) >>> 0 < 26 ? byte - 0x20 : byte;
		target[index] = upper;
		request = Math.imul(request ^ byte, prime);
		reply = Math.imul(reply ^ upper, prime);
	}

	for (; index < tail; index++) {
		const byte = source[index]!;
		target[index] = (byte - 0x61) >>> 0 < 26 ? byte - 0x20 : byte;
	}

	for (; index < length; index++) {
		const byte = source[index]!;
		const upper = (byte - 0x61) >>> 0 < 26 ? byte - 0x20 : byte;
		target[index] = upper;
		request = Math.imul(request ^ byte, prime);
		reply = Math.imul(reply ^ upper, prime);
	}

	prints[0] = nonZero(request);
	prints[1] = nonZero(reply);
}
