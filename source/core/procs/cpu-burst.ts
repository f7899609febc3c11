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

/**
 * The same real work, but until this process has used `ms` milliseconds of CPU time (user + system) rather
 * than of wall time: a job that shares its CPU with others still gets its full N ticks of work done, just
 * later. This is what an experiment job's `cN` means. Returns how many hashes it did.
 */
export function burnCpuTime(ms: number): number {
	if (!(ms > 0)) return 0;
	const usedUs = () => {
		const usage = process.cpuUsage();
		return usage.user + usage.system;
	};

	const target = usedUs() + ms * 1000;
	let digest: Buffer = block;
	let hashes = 0;
	do {
		for (let index = 0; index < 16; index++) digest = createHash('sha256').update(digest).update(block).digest();
		hashes += 16;
	} while (usedUs() < target);
	return hashes;
}
