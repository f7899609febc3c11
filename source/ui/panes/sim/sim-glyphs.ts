/** What one chart cell means; each kind has its own glyph AND colour (colour never carries meaning alone). */
export type CellKind = 'run' | 'ready' | 'blocked' | 'io-done' | 'done' | 'switch' | 'idle' | 'future';

export interface GlyphSet {
	readonly cell: Readonly<Record<CellKind, string>>;
	readonly cursor: string;
	readonly separator: string;
	readonly play: string;
	readonly pause: string;
	readonly left: string;
}

export const unicodeGlyphs: GlyphSet = {
	cell: {run: '█', ready: '░', blocked: '≈', 'io-done': '◆', done: '·', switch: '▓', idle: ' ', future: ' '},
	cursor: '▼',
	separator: '·',
	play: '▶',
	pause: '‖',
	left: '◀',
};

export const asciiGlyphs: GlyphSet = {
	cell: {run: '#', ready: '-', blocked: '~', 'io-done': '*', done: '.', switch: '%', idle: ' ', future: ' '},
	cursor: 'v',
	separator: '|',
	play: '>',
	pause: '=',
	left: '<',
};

export const cellColors: Readonly<Record<CellKind, string | undefined>> = {
	run: 'green',
	ready: 'yellow',
	blocked: 'blue',
	'io-done': 'magenta',
	done: 'gray',
	switch: 'red',
	idle: undefined,
	future: undefined,
};

export const legendOrder: ReadonlyArray<{kind: CellKind; label: string}> = [
	{kind: 'run', label: 'run'},
	{kind: 'ready', label: 'ready'},
	{kind: 'blocked', label: 'blocked'},
	{kind: 'io-done', label: 'IO done'},
	{kind: 'done', label: 'done'},
	{kind: 'switch', label: 'switch'},
];

/** The CPU lane shows which pid ran: 0-9, then a-z, then A-Z, then +. */
export function pidGlyph(pid: number): string {
	const symbols = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
	return symbols[pid] ?? '+';
}
