/** Bytes read from each end of a payload: enough to tell replies apart, cheap for 64 KiB datagrams. */
const sampled = 32;

/**
 * A 32-bit FNV-1a fingerprint (never 0) of a payload's length and its first and last 32 bytes. Used only to notice
 * a peer sending back our own recent replies (an echo loop), never as a security hash.
 */
export function fingerprint(bytes: Uint8Array): number {
	const length = bytes.length;
	let hash = Math.imul(0x81_1c_9d_c5 ^ length, 0x01_00_01_93);
	const head = Math.min(length, sampled);
	for (let index = 0; index < head; index++) hash = Math.imul(hash ^ bytes[index]!, 0x01_00_01_93);
	for (let index = Math.max(head, length - sampled); index < length; index++)
		hash = Math.imul(hash ^ bytes[index]!, 0x01_00_01_93);
	// Never 0: an empty table slot holds 0.
	return hash === 0 ? 1 : hash;
}
