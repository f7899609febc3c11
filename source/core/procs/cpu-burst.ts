import {createHash} from 'node:crypto';

const block = Buffer.alloc(1024, 0x61);

/**
 * Keeps the CPU busy for `ms` milliseconds with real work (SHA-256 over a 1 KB block, chained), blocking
 * the event loop on purpose: this is the "compute" part of a session's auto mode, and the timeline should
 * see the process running for that long. Returns how many hashes it did (so the work cannot be optimised
 * away, and a caller can show it).
 */
export function burnCpu(ms: number): number {
	if (!(ms > 0)) return 0;
	const deadline = performance.now() + ms;
	let digest: Buffer = block;
	let hashes = 0;
	do {
		digest = createHash('sha256').update(digest).update(block).digest();
		hashes += 1;
	} while (performance.now() < deadline);
	return hashes;
}
