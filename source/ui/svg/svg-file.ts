import {closeSync, openSync, writeSync} from 'node:fs';
import {join} from 'node:path';

const two = (value: number) => String(value).padStart(2, '0');

/** `socktui-timeline-20261129-043012.svg`, in local time. */
export function svgFileName(now: Date, suffix = ''): string {
	const date = `${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}`;
	const time = `${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}`;
	return `socktui-timeline-${date}-${time}${suffix}.svg`;
}

/**
 * Writes `svg` to a new file in `directory`, never over an existing one (two saves in one second get
 * `-2`, `-3`...); returns the path. Throws the file system's error.
 */
export function writeNewSvgFile(svg: string, directory: string, now = new Date()): string {
	for (let attempt = 1; ; attempt++) {
		const path = join(directory, svgFileName(now, attempt === 1 ? '' : `-${attempt}`));
		let fd: number;
		try {
			fd = openSync(path, 'wx');
		} catch (error: unknown) {
			if ((error as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 100) continue;
			throw error;
		}

		try {
			writeSync(fd, svg);
		} finally {
			closeSync(fd);
		}

		return path;
	}
}
