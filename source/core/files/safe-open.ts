import {
	closeSync,
	constants,
	fchmodSync,
	fstatSync,
	ftruncateSync,
	lstatSync,
	openSync,
	writeSync,
	type Stats,
} from 'node:fs';

/**
 * Why a file was not opened for writing: a value, turned into words (core/file-error.ts) and an exit code at
 * the CLI edge, or into a status-bar note in the dashboard.
 */
export type FileProblem =
	/** Something is at the path already and overwriting was not asked for. */
	| {kind: 'exists'}
	/** The path is a symbolic link (dangling or not): never written through, even with overwrite. */
	| {kind: 'symlink'}
	/** A FIFO, a device, a directory or a socket: never opened (it could block, or act), even with overwrite. */
	| {kind: 'not-regular'; what: NotRegular}
	/** With overwrite, a regular file that has other names too: truncating it would change those. */
	| {kind: 'hard-linked'}
	/** Anything else the file system said (no such directory, permission denied, disk full...). */
	| {kind: 'system'; code: string | undefined; message: string};

export type NotRegular = 'directory' | 'FIFO' | 'device' | 'socket' | 'special file';

export type OpenResult = {ok: true; fd: number} | {ok: false; problem: FileProblem};

export interface OpenOptions {
	/** Replace an existing regular file (`--overwrite`); by default an existing path is refused. */
	overwrite?: boolean;
	/** Permissions of the file (default 0600: recordings and SVGs may hold what was typed). */
	mode?: number;
}

const privateMode = 0o600;

function notRegular(stats: Stats): NotRegular | undefined {
	if (stats.isFile()) return undefined;
	if (stats.isDirectory()) return 'directory';
	if (stats.isFIFO()) return 'FIFO';
	if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'device';
	if (stats.isSocket()) return 'socket';
	return 'special file';
}

function systemProblem(error: unknown): FileProblem {
	const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
	return {kind: 'system', code: (error as NodeJS.ErrnoException | undefined)?.code, message};
}

/** What is at `path` now, without following a final symlink: a problem, or undefined when nothing is there. */
function existingProblem(path: string, overwrite: boolean): FileProblem | undefined {
	let stats: Stats;
	try {
		stats = lstatSync(path);
	} catch (error: unknown) {
		return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : systemProblem(error);
	}

	if (stats.isSymbolicLink()) return {kind: 'symlink'};
	const what = notRegular(stats);
	if (what !== undefined) return {kind: 'not-regular', what};
	return overwrite ? undefined : {kind: 'exists'};
}

/**
 * The one way socktui opens a file to write (`--record`, `export-svg -o`, the `S` key, the memory log): the
 * final component is never followed if it is a symlink (O_NOFOLLOW), a new file is created exclusively
 * (O_CREAT|O_EXCL) with mode 0600, and nothing that is not a regular file is ever opened, so a FIFO cannot
 * block and a device cannot be written. With `overwrite`, an existing regular file with no other hard link
 * is truncated and made 0600. Never throws: the caller gets the fd or the problem.
 */
export function openForWriting(path: string, options: OpenOptions = {}): OpenResult {
	const overwrite = options.overwrite === true;
	const mode = options.mode ?? privateMode;
	// Looked at first, so a FIFO or a device is never opened at all; the open below re-checks (a race).
	if (overwrite) {
		const problem = existingProblem(path, true);
		if (problem) return {ok: false, problem};
	}

	const flags =
		constants.O_WRONLY |
		constants.O_CREAT |
		constants.O_NOFOLLOW |
		// A FIFO swapped in after the check must not block the open.
		constants.O_NONBLOCK |
		(overwrite ? 0 : constants.O_EXCL);
	let fd: number;
	try {
		fd = openSync(path, flags, mode);
	} catch (error: unknown) {
		switch ((error as NodeJS.ErrnoException).code) {
			case 'EEXIST':
				return {ok: false, problem: existingProblem(path, false) ?? {kind: 'exists'}};
			case 'ELOOP':
				return {ok: false, problem: {kind: 'symlink'}};
			case 'EISDIR':
				return {ok: false, problem: {kind: 'not-regular', what: 'directory'}};
			case 'ENXIO':
			case 'ENODEV':
				return {ok: false, problem: existingProblem(path, true) ?? systemProblem(error)};
			default:
				return {ok: false, problem: systemProblem(error)};
		}
	}

	try {
		const stats = fstatSync(fd);
		const what = notRegular(stats);
		if (what !== undefined) {
			closeSync(fd);
			return {ok: false, problem: {kind: 'not-regular', what}};
		}

		if (overwrite && stats.nlink > 1) {
			closeSync(fd);
			return {ok: false, problem: {kind: 'hard-linked'}};
		}

		if (overwrite && stats.size > 0) ftruncateSync(fd, 0);
		if (overwrite && (stats.mode & 0o7777) !== mode) fchmodSync(fd, mode);
	} catch (error: unknown) {
		closeSync(fd);
		return {ok: false, problem: systemProblem(error)};
	}

	return {ok: true, fd};
}

/** Writes all of `data` to `fd` (a short write is continued). Throws the file system's error. */
export function writeAll(fd: number, data: string | Uint8Array): void {
	const bytes = typeof data === 'string' ? Buffer.from(data) : data;
	let done = 0;
	while (done < bytes.length) done += writeSync(fd, bytes, done);
}

/** Opens (as openForWriting), writes `data` and closes: the problem, or undefined when the file was written. */
export function writeNewFile(
	path: string,
	data: string | Uint8Array,
	options: OpenOptions = {},
): FileProblem | undefined {
	const opened = openForWriting(path, options);
	if (!opened.ok) return opened.problem;
	try {
		writeAll(opened.fd, data);
		return undefined;
	} catch (error: unknown) {
		return systemProblem(error);
	} finally {
		closeSync(opened.fd);
	}
}
