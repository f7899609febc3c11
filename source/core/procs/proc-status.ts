/** Context switches from `/proc/<pid>/status` (counted for the main thread). */
export interface ContextSwitches {
	/** The task gave up the CPU itself: it blocked on IO, a timer, a lock. */
	voluntary: number;
	/** The scheduler took the CPU away: its time slice ran out or a more urgent task woke up. */
	involuntary: number;
}

/** The value of a `Key:\tvalue` line; the key must start a line (`nonvoluntary_...` ends in `voluntary_...`). */
function lineValue(text: string, key: string): number | undefined {
	const needle = `${key}:`;
	let at = 0;
	if (!text.startsWith(needle)) {
		const newline = text.indexOf(`\n${needle}`);
		if (newline < 0) return undefined;
		at = newline + 1;
	}

	const end = text.indexOf('\n', at);
	const value = Number(text.slice(at + needle.length, end < 0 ? undefined : end).trim());
	return Number.isInteger(value) && value >= 0 ? value : undefined;
}

export function parseContextSwitches(text: string): ContextSwitches | undefined {
	const voluntary = lineValue(text, 'voluntary_ctxt_switches');
	const involuntary = lineValue(text, 'nonvoluntary_ctxt_switches');
	if (voluntary === undefined || involuntary === undefined) return undefined;
	return {voluntary, involuntary};
}

/** Resident memory (`VmRSS`, in kB) in bytes; undefined for a kernel thread or a zombie, which have none. */
export function parseResidentBytes(text: string): number | undefined {
	const needle = '\nVmRSS:';
	const at = text.indexOf(needle);
	if (at < 0) return undefined;
	const end = text.indexOf('\n', at + needle.length);
	const match = /^\s*(\d+)\s*kB\s*$/.exec(text.slice(at + needle.length, end < 0 ? undefined : end));
	return match ? Number(match[1]) * 1024 : undefined;
}

function kilobytes(text: string, field: string): number | undefined {
	const match = new RegExp(`^${field}:\\s*(\\d+)\\s*kB\\s*$`, 'm').exec(text);
	return match ? Number(match[1]) * 1024 : undefined;
}

/**
 * Memory as the kernel counts it, from `/proc/<pid>/smaps_rollup` (Linux 4.14+): RSS, and PSS, in which a
 * page shared by N processes counts 1/N in each (Node's code is mapped by every Node process). Undefined
 * when either line is missing (a kernel thread, a zombie, garbage).
 */
export function parseSmapsRollup(text: string): {rssBytes: number; pssBytes: number} | undefined {
	const rssBytes = kilobytes(text, 'Rss');
	const pssBytes = kilobytes(text, 'Pss');
	return rssBytes === undefined || pssBytes === undefined ? undefined : {rssBytes, pssBytes};
}
