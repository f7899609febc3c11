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
