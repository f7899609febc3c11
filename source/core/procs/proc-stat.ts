/** One parsed `/proc/<pid>/stat` line (the fields the timeline uses). */
export interface ProcStat {
	pid: number;
	/** The command name, as the kernel stores it (up to 15 bytes; may contain spaces and parentheses). */
	comm: string;
	/** One state letter: R, S, D, Z, T, t, X, I, ... (see state-letters.ts). */
	state: string;
	/** User and system CPU time in clock ticks (CLK_TCK): all threads in /proc/<pid>/stat, one in .../task/<tid>/stat. */
	utimeTicks: number;
	stimeTicks: number;
	numThreads: number;
	/** Start time in clock ticks after boot: with the PID it identifies the process across PID reuse. */
	startTimeTicks: number;
	/** The CPU the process last ran on (field 39); -1 when the kernel is too old to report it. */
	processor: number;
}

// Field numbers from proc(5), counted from 1; after the comm the line is split from field 3 (state).
const field = (rest: string[], number: number): number => Number(rest[number - 3]);

/**
 * Parses a `/proc/<pid>/stat` line. The comm field sits between the first '(' and the LAST ')': a process
 * may call itself `a) R (b`, so anything that splits on spaces first gets every later field wrong.
 * Returns undefined for text that is not a stat line.
 */
export function parseProcStat(text: string): ProcStat | undefined {
	const open = text.indexOf('(');
	const close = text.lastIndexOf(')');
	if (open < 1 || close < open) return undefined;
	const pid = Number(text.slice(0, open).trim());
	const rest = text
		.slice(close + 2)
		.trim()
		.split(' ');
	const state = rest[0];
	if (!Number.isInteger(pid) || state === undefined || state.length !== 1 || rest.length < 20) return undefined;
	const utimeTicks = field(rest, 14);
	const stimeTicks = field(rest, 15);
	const numThreads = field(rest, 20);
	const startTimeTicks = field(rest, 22);
	if (![utimeTicks, stimeTicks, numThreads, startTimeTicks].every(Number.isFinite)) return undefined;
	const processor = rest.length >= 37 ? field(rest, 39) : -1;
	return {
		pid,
		comm: text.slice(open + 1, close),
		state,
		utimeTicks,
		stimeTicks,
		numThreads,
		startTimeTicks,
		processor: Number.isInteger(processor) ? processor : -1,
	};
}

/** Bytes of a UTF-8 sequence, from its first byte (0 for a continuation byte). */
function sequenceLength(byte: number): number {
	if (byte < 0x80) return 1;
	if (byte >= 0xf0 && byte < 0xf8) return 4;
	if (byte >= 0xe0) return 3;
	if (byte >= 0xc0) return 2;
	return 0;
}

/**
 * A comm as parseProcStat returns it (the /proc bytes read as latin1, one character per byte, so the `a) R (b`
 * rule works on bytes) decoded as the UTF-8 it is: `中文进程`, not `ä¸­æ...`. A character the kernel cut at
 * 15 bytes is dropped; other invalid bytes become U+FFFD. Not yet safe to print (see core/text/safe-text.ts).
 */
export function decodeComm(comm: string): string {
	let bytes = Buffer.from(comm, 'latin1');
	// The last sequence start, if the bytes after it are fewer than it needs: the kernel's 15-byte cut.
	for (let back = 1; back <= Math.min(3, bytes.length); back++) {
		const length = sequenceLength(bytes[bytes.length - back]!);
		if (length === 0) continue;
		if (length > back) bytes = bytes.subarray(0, bytes.length - back);
		break;
	}

	return new TextDecoder('utf-8').decode(bytes);
}
