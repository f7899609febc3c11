import {SocktuiError} from './errors.js';
import type {FileProblem} from './files/safe-open.js';

/** A failed file open or write, in plain words (for `--record FILE` and `export-svg -o FILE`). */
export function describeFileError(error: unknown): string {
	switch ((error as NodeJS.ErrnoException | undefined)?.code) {
		case 'ENOENT':
			return 'no such directory';
		case 'EACCES':
		case 'EPERM':
			return 'permission denied';
		case 'EISDIR':
			return 'it is a directory';
		case 'ENOTDIR':
			return 'a part of the path is not a directory';
		case 'ENOSPC':
			return 'the disk is full';
		case 'EROFS':
			return 'read-only file system';
		default:
			return error instanceof Error ? error.message.split('\n')[0]! : String(error);
	}
}

/** Why a file was not written (core/files/safe-open.ts), in plain words. */
export function describeFileProblem(problem: FileProblem): string {
	switch (problem.kind) {
		case 'exists':
			return 'it already exists (--overwrite replaces it)';
		case 'symlink':
			return 'it is a symbolic link (refused even with --overwrite)';
		case 'not-regular':
			return problem.what === 'directory' ? 'it is a directory' : `it is a ${problem.what}, not a regular file`;
		case 'hard-linked':
			return 'it has other hard links (refused even with --overwrite)';
		case 'system':
			return describeFileError(Object.assign(new Error(problem.message), {code: problem.code}));
	}
}

/** The one line (exit 2) for a file a flag names that cannot be written, e.g. `--record: cannot write 'x': ...`. */
export function fileProblemError(flag: string, path: string, problem: FileProblem): SocktuiError {
	return new SocktuiError('FileRefused', `${flag}: cannot write '${path}': ${describeFileProblem(problem)}`);
}
