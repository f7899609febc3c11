import {closeSync, constants, openSync, writeSync} from 'node:fs';

/**
 * Creates `path` for writing: O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600, so an existing file (or a symlink planted
 * in its place) is never written through. A local stand-in for the shared safe-open module of issue 24,
 * which was not on main when this was written. Returns the file descriptor.
 */
export function openNewFile(path: string): number {
	return openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
}

/** Writes all of `text` and closes the descriptor (also when the write fails). */
export function writeAndClose(fd: number, text: string): void {
	try {
		writeSync(fd, text);
	} finally {
		closeSync(fd);
	}
}
