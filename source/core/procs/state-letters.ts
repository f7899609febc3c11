/** What each process state letter of `/proc/<pid>/stat` and `ps -o stat` means, in words for the screen. */
export const stateMeanings: Readonly<Record<string, string>> = {
	R: 'running or runnable',
	S: 'sleeping (waiting for an event)',
	D: 'uninterruptible wait (usually disk IO)',
	Z: 'zombie (exited, not yet reaped)',
	T: 'stopped',
	t: 'stopped by a tracer',
	X: 'dead',
	I: 'idle kernel thread',
	P: 'parked',
	W: 'paging',
	K: 'wakekill',
	U: 'uninterruptible wait', // macOS ps
};

export function stateMeaning(letter: string): string {
	return stateMeanings[letter] ?? 'unknown state';
}

/** True for the letters that mean the process is gone for good. */
export function isGoneState(letter: string): boolean {
	return letter === 'Z' || letter === 'X';
}
