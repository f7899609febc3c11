import type {CellKind} from '../../../core/procs/types.js';
import type {SessionPhase} from '../../../core/sessions/types.js';

/**
 * Glyphs and colours of the live timeline. Each measured state has its own glyph AND colour (colour never
 * carries meaning alone); they match the simulator's run / ready / blocked / done so the two views read
 * alike. Self-reported phases use letters, so they can never be mistaken for a measured cell.
 */
export interface LiveGlyphs {
	cell: Readonly<Record<CellKind, string>>;
	/** The process ran during a column that it mostly spent waiting for a CPU, or asleep. */
	ranPart: Readonly<{runnable: string; sleeping: string}>;
	phase: Readonly<Record<SessionPhase, string>>;
	coreIdle: string;
	coreOther: string;
	coreUnknown: string;
	selfArrow: string;
	separator: string;
}

export const unicodeLiveGlyphs: LiveGlyphs = {
	cell: {running: '█', runnable: '░', sleeping: '≈', exited: '×', none: ' '},
	ranPart: {runnable: '▒', sleeping: '▁'},
	phase: {computing: 'c', 'waiting-reply': 'w', idle: 'i'},
	coreIdle: '·',
	coreOther: 'o',
	coreUnknown: ' ',
	selfArrow: '↳',
	separator: '·',
};

export const asciiLiveGlyphs: LiveGlyphs = {
	cell: {running: '#', runnable: '-', sleeping: '~', exited: 'x', none: ' '},
	ranPart: {runnable: '=', sleeping: '_'},
	phase: {computing: 'c', 'waiting-reply': 'w', idle: 'i'},
	coreIdle: '.',
	coreOther: 'o',
	coreUnknown: ' ',
	selfArrow: '>',
	separator: '|',
};

export const cellColors: Readonly<Record<CellKind, string | undefined>> = {
	running: 'green',
	runnable: 'yellow',
	sleeping: 'blue',
	exited: 'gray',
	none: undefined,
};

export const phaseColors: Readonly<Record<SessionPhase, string>> = {
	computing: 'magenta',
	'waiting-reply': 'cyan',
	idle: 'gray',
};

/** Colours for process marks (A, B, C...) in the core lanes; the letter says who, the colour only helps. */
export const markColors: readonly string[] = ['cyan', 'magenta', 'yellow', 'green', 'blue', 'red', 'white'];

/** The mark of the nth lane: A-Z, then a-z, then '+'. */
export function laneMark(index: number): string {
	return 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'[index] ?? '+';
}
