import {join} from 'node:path';
import {writeNewFile, type FileProblem} from '../../core/files/safe-open.js';

const two = (value: number) => String(value).padStart(2, '0');

/** `socktui-timeline-20261129-043012.svg`, in local time. */
export function svgFileName(now: Date, suffix = ''): string {
	const date = `${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}`;
	const time = `${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}`;
	return `socktui-timeline-${date}-${time}${suffix}.svg`;
}

/**
 * Writes `svg` to a new file (0600) in `directory`, never over anything already there, a symlink included
 * (two saves in one second get `-2`, `-3`...); returns the path, or why it could not.
 */
export function writeNewSvgFile(
	svg: string,
	directory: string,
	now = new Date(),
): {ok: true; path: string} | {ok: false; problem: FileProblem} {
	for (let attempt = 1; ; attempt++) {
		const path = join(directory, svgFileName(now, attempt === 1 ? '' : `-${attempt}`));
		const problem = writeNewFile(path, svg);
		if (problem === undefined) return {ok: true, path};
		const taken = problem.kind === 'exists' || problem.kind === 'symlink' || problem.kind === 'not-regular';
		if (!taken || attempt >= 100) return {ok: false, problem};
	}
}
