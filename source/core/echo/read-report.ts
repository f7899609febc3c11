/**
 * What one read from a TCP stream held: its size and where its lines ended. TCP is a byte stream: two
 * messages written in one go may arrive in one read, one message may arrive in several. Computed only for
 * the reads that are shown (a log line, a session's reply), never on the server's hot path.
 */
export interface ReadReport {
	byteCount: number;
	/** Newlines in the read (every one counted). */
	lines: number;
	/** The offset just after each of the first `maxLineEnds` newlines (`hello\nworld\n` -> 6, 12). */
	lineEnds: number[];
}

/** Line ends a report keeps (the rest are only counted). */
export const maxLineEnds = 8;

export function readReport(bytes: Uint8Array, byteCount = bytes.byteLength): ReadReport {
	const lineEnds: number[] = [];
	let lines = 0;
	for (let index = bytes.indexOf(0x0a); index !== -1; index = bytes.indexOf(0x0a, index + 1)) {
		lines++;
		if (lineEnds.length < maxLineEnds) lineEnds.push(index + 1);
	}

	return {byteCount, lines, lineEnds};
}
