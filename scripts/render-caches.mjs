// Ink composes every frame in a fresh `Output`, whose caches (ANSI tokenizing, string widths) die with the
// frame: a 100x30 dashboard re-tokenized and re-measured every unchanged row ten times a second. This patch,
// applied to ink/build/output.js when bundling, keeps one bounded set of caches for every frame and caches
// the clipping slices too. The functions cached are pure, so the output is the same (a test checks it).
const cachesClass = 'class OutputCaches {';
const perFrame = 'caches = new OutputCaches();';
const slice = 'return sliceAnsi(line, from, to);';
const sets = ['this.styledChars.set(line, cached);', 'this.widths.set(text, cached);', 'this.blockWidths.set(text, cached);'];

/** Entries kept per cache; past this a cache starts again empty (a frame's rows and glyphs fit easily). */
export const maxCachedEntries = 8192;

/** ink/build/output.js with frame-spanning caches; throws when Ink's code no longer has the expected shape. */
export function patchInkOutput(source) {
	for (const anchor of [cachesClass, perFrame, slice, ...sets]) {
		if (source.split(anchor).length !== 2) throw new Error(`ink/build/output.js changed: cannot find '${anchor}' exactly once`);
	}

	const bounded = `const boundedSet = (map, key, value) => { if (map.size >= ${maxCachedEntries}) map.clear(); map.set(key, value); return value; };
class OutputCaches {
    slices = new Map();
    getSlice(line, from, to) {
        const key = from + ':' + to + ':' + line;
        const cached = this.slices.get(key);
        return cached === undefined ? boundedSet(this.slices, key, sliceAnsi(line, from, to)) : cached;
    }`;
	return source
		.replace(cachesClass, bounded)
		.replace(sets[0], 'boundedSet(this.styledChars, line, cached);')
		.replace(sets[1], 'boundedSet(this.widths, text, cached);')
		.replace(sets[2], 'boundedSet(this.blockWidths, text, cached);')
		.replace(perFrame, 'caches = sharedCaches;')
		.replace(slice, 'return this.caches.getSlice(line, from, to);')
		.concat('\nconst sharedCaches = new OutputCaches();\n');
}
