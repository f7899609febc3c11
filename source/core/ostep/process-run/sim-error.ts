/**
 * The reference simulator's own error output: lines it prints on STDOUT before exiting with status 1.
 * Core code throws this; the command prints `lines` and returns 1 (other bad input is a SocktuiError).
 */
export class SimReferenceError extends Error {
	readonly lines: readonly string[];

	constructor(lines: readonly string[]) {
		super(lines[0] ?? 'simulator error');
		this.name = 'SimReferenceError';
		this.lines = lines;
	}
}

export function isSimReferenceError(error: unknown): error is SimReferenceError {
	return error instanceof SimReferenceError;
}
