import type {Segment} from './segments.js';

const colorCodes: Readonly<Record<string, number>> = {
	black: 30,
	red: 31,
	green: 32,
	yellow: 33,
	blue: 34,
	magenta: 35,
	cyan: 36,
	white: 37,
	gray: 90,
	grey: 90,
};

/** One chart line as text for a plain terminal write (outside Ink): SGR codes when `color`, else the bare text. */
export function segmentsToAnsi(line: readonly Segment[], color: boolean): string {
	if (!color) return line.map((segment) => segment.text).join('');
	return line
		.map((segment) => {
			const codes = [
				segment.bold ? 1 : undefined,
				segment.dim ? 2 : undefined,
				segment.italic ? 3 : undefined,
				segment.inverse ? 7 : undefined,
				segment.color === undefined ? undefined : colorCodes[segment.color],
			].filter((code) => code !== undefined);
			return codes.length === 0 ? segment.text : `\u001B[${codes.join(';')}m${segment.text}\u001B[0m`;
		})
		.join('');
}
