import {closeSync, constants, openSync, writeSync} from 'node:fs';

/**
 * Creates `path` and writes `text` to it: O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600, so an existing file (or a
 * symlink planted in its place) is never written through. A local stand-in for the shared safe-open module
 * of issue 24, which was not on main when this was written.
 */
export function writeNewFile(path: string, text: string): void {
	const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
	try {
		writeSync(fd, text);
	} finally {
		closeSync(fd);
	}
}
