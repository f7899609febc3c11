// Caches patched into the bundle's copies of Ink and string-width (the CLI's build applies them; the tests
// run the unpatched packages and a test checks that both give the same results).
//
// Ink composes every frame in a fresh `Output` whose caches (ANSI tokenizing, string widths) die with the
// frame, measures every text node with an uncached `widest-line` -> `string-width` (a grapheme segmenter
// and an emoji regular expression per character), and re-encodes every row's colours: a 100x30 dashboard
// redid all of that for every unchanged row ten times a second. The functions cached here are pure, so
// the output is the same. Every cache is bounded, by entries and by the characters of its keys: past either
// bound it starts again empty. Ink's own cache of text sizes (measure-text.js) had no bound at all and kept
// every text the dashboard ever showed: the soak bench saw the heap grow by about 1 MB a minute.
import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {patchStringWidthStart} from './string-width-start.mjs';

/** Entries kept per cache (a frame's rows, text nodes and glyphs fit easily). */
export const maxCachedEntries = 8192;

/**
 * Cells (one object each, about 100 bytes with its styles) kept in the cache of lines split into styled
 * cells: about ten 100x30 frames. Bounded by entries alone, that cache held up to 8192 lines of up to a
 * row of cells each, and a dashboard whose counters and timeline change every frame filled it: the soak
 * bench saw the heap grow by about 60 MB a minute before the first clear.
 */
export const maxCachedCells = 32_768;

/**
 * Characters of the keys (and of the values, for slices) kept per cache: a dashboard's rows and texts carry
 * colour codes and two-byte glyphs, so 8192 whole rows could hold 10-20 MB per cache.
 */
export const maxCachedChars = 262_144;

const boundedSet = `const cachedChars = new WeakMap();
const boundedSet = (map, key, value, chars = key.length) => { const used = (cachedChars.get(map) ?? 0) + chars; if (map.size >= ${maxCachedEntries} || used > ${maxCachedChars}) { map.clear(); cachedChars.set(map, chars); } else cachedChars.set(map, used); map.set(key, value); return value; };`;
const boundedCells = `let cachedCells = 0;
const boundedSetCells = (map, key, cells) => { if (map.size >= ${maxCachedEntries} || cachedCells + cells.length > ${maxCachedCells}) { map.clear(); cachedCells = 0; } cachedCells += cells.length; map.set(key, cells); return cells; };`;

function replaceOnce(source, file, anchor, replacement) {
	if (source.split(anchor).length !== 2) throw new Error(`${file} changed: cannot find '${anchor}' exactly once`);
	return source.replace(anchor, () => replacement);
}

/**
 * ink/build/output.js with one set of caches for every frame, cached clipping slices, and each row's
 * string reused while the row holds the very same cells as in the frame before (blank cells are shared).
 */
export function patchInkOutput(source) {
	const file = 'ink/build/output.js';
	let out = source;
	out = replaceOnce(
		out,
		file,
		'class OutputCaches {',
		`${boundedSet}
${boundedCells}
const blankCell = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) });
class OutputCaches {
    slices = new Map();
    rows = [];
    getSlice(line, from, to) {
        const key = from + ':' + to + ':' + line;
        const cached = this.slices.get(key);
        if (cached !== undefined) return cached;
        const slice = sliceAnsi(line, from, to);
        return boundedSet(this.slices, key, slice, key.length + slice.length);
    }
    rowString(y, cells) {
        const last = this.rows[y];
        if (last !== undefined && last.cells.length === cells.length && last.cells.every((cell, index) => cell === cells[index])) return last.text;
        const text = styledCharsToString(cells).trimEnd();
        this.rows[y] = { cells, text };
        return text;
    }`,
	);
	out = replaceOnce(
		out,
		file,
		'this.styledChars.set(line, cached);',
		'boundedSetCells(this.styledChars, line, cached);',
	);
	out = replaceOnce(out, file, 'this.widths.set(text, cached);', 'boundedSet(this.widths, text, cached);');
	out = replaceOnce(out, file, 'this.blockWidths.set(text, cached);', 'boundedSet(this.blockWidths, text, cached);');
	out = replaceOnce(out, file, 'caches = new OutputCaches();', 'caches = sharedCaches;');
	out = replaceOnce(out, file, 'return sliceAnsi(line, from, to);', 'return this.caches.getSlice(line, from, to);');
	out = replaceOnce(
		out,
		file,
		`row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });`,
		'row.push(blankCell);',
	);
	out = replaceOnce(
		out,
		file,
		`.map(line => {
            // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
            const lineWithoutEmptyItems = line.filter(item => item !== undefined);
            return styledCharsToString(lineWithoutEmptyItems).trimEnd();
        })`,
		`.map((line, y) => this.caches.rowString(y, line.filter(item => item !== undefined)))`,
	);
	return `${out}\nconst sharedCaches = new OutputCaches();\n`;
}

/** string-width/index.js whose default export remembers the widths of strings measured without options. */
export function patchStringWidth(source) {
	const renamed = replaceOnce(
		source,
		'string-width/index.js',
		'export default function stringWidth(',
		'function uncachedStringWidth(',
	);
	return `${renamed}
${boundedSet}
const widthCache = new Map();
export default function stringWidth(string, options) {
	if (options !== undefined || typeof string !== 'string') return uncachedStringWidth(string, options);
	const cached = widthCache.get(string);
	return cached === undefined ? boundedSet(widthCache, string, uncachedStringWidth(string)) : cached;
}
`;
}

/** ink/build/measure-text.js with its cache of text sizes bounded (it kept every text ever measured). */
export function patchInkMeasureText(source) {
	const file = 'ink/build/measure-text.js';
	const bounded = replaceOnce(source, file, 'cache.set(text, dimensions);', 'boundedSet(cache, text, dimensions);');
	return `${bounded}\n${boundedSet}\nexport const measureTextCache = cache;\n`;
}

/** string-width's index.js as bundled: cached, and string-width 8 (Ink's) also with scripts/string-width-start.mjs. */
function loadStringWidth(path) {
	const source = readFileSync(path, 'utf8');
	const {version} = JSON.parse(readFileSync(join(dirname(path), 'package.json'), 'utf8'));
	return patchStringWidth(version.startsWith('8.') ? patchStringWidthStart(source) : source);
}

/** The esbuild plugin applying the patches (string-width 8 also gets scripts/string-width-start.mjs). */
export const renderCachesPlugin = {
	name: 'render-caches',
	setup(context) {
		context.onLoad({filter: /[/\\]ink[/\\]build[/\\]output\.js$/}, (args) => ({
			contents: patchInkOutput(readFileSync(args.path, 'utf8')),
			loader: 'js',
		}));
		context.onLoad({filter: /[/\\]ink[/\\]build[/\\]measure-text\.js$/}, (args) => ({
			contents: patchInkMeasureText(readFileSync(args.path, 'utf8')),
			loader: 'js',
		}));
		context.onLoad({filter: /[/\\]string-width[/\\]index\.js$/}, (args) => ({
			contents: loadStringWidth(args.path),
			loader: 'js',
		}));
	},
};
