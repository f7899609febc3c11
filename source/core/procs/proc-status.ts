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
