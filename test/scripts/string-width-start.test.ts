import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import fc from 'fast-check';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ModuleBundler, root} from './helpers/bundle-module.js';
import {narrowTextClass, upstreamPlugin, upstreamTexts} from './helpers/patches.js';

type StringWidth = (text: string, options?: Record<string, unknown>) => number;

const stringWidthFile = join(root, 'node_modules/string-width/index.js');
const bundler = new ModuleBundler();
let plain: StringWidth;
let patched: StringWidth;

/** Ink's string-width, bundled as the CLI bundles it (target node20, as scripts/build.mjs): installed (patched) or upstream. */
async function bundle(name: string, withPatches: boolean): Promise<StringWidth> {
	const entry = `export {default} from ${JSON.stringify(stringWidthFile)};
`;
	return (await bundler.bundle<{default: StringWidth}>(name, entry, withPatches ? [] : [upstreamPlugin()])).default;
}

/** Every code point of the fast path's character class. */
function classCodePoints(): number[] {
	const points: number[] = [];
	for (const [, from, to] of narrowTextClass.matchAll(/\\u([0-9A-F]{4})-\\u([0-9A-F]{4})/g))
		for (let point = Number.parseInt(from!, 16); point <= Number.parseInt(to!, 16); point++) points.push(point);
	return points;
}

beforeAll(async () => {
	plain = await bundle('plain', false);
	patched = await bundle('patched', true);
});

afterAll(() => {
	bundler.dispose();
});

describe('string-width with a lazy emoji expression and a fast path for narrow text', () => {
	it('is in the installed string-width, which is upstream plus patches/string-width+8.3.0.patch', () => {
		const installed = readFileSync(stringWidthFile, 'utf8');
		expect(installed).toContain('narrowText.test(string)');
		expect(installed).not.toMatch(/^const rgiEmojiRegex/m);
		expect(upstreamTexts().get(stringWidthFile)).toMatch(/^const rgiEmojiRegex/m);
	});

	it('covers every code point of its class: one column each, never joined to a neighbour', () => {
		const segmenter = new Intl.Segmenter();
		const points = classCodePoints();
		expect(points.length).toBeGreaterThan(800);
		for (const point of points) {
			const character = String.fromCodePoint(point);
			expect(plain(character), `U+${point.toString(16)}`).toBe(1);
			expect(patched(character), `U+${point.toString(16)}`).toBe(1);
			expect([...segmenter.segment(`a${character}${character}a`)], `U+${point.toString(16)}`).toHaveLength(4);
		}
	});

	it('measures what the dashboard draws, and everything else, as string-width does', () => {
		const texts = [
			'╭─ Server (pid 1204) ──╮',
			'│TCP listening 127.0.0.1:39909 · 0 conn│',
			'measured: █ run  ░ runnable  ≈ sleep  × exited ▒ ▁ ↳ ▶ … ═║╔╗╚╝',
			'服务端 ╭─╮',
			'◽◾ ⌚ ✅ 👍🏽 👨‍👩‍👧 1️⃣ 🇯🇵',
			'e\u0301 soft\u00ADhyphen \u202Ebidi\u202C',
			'\u001B[31m│red│\u001B[39m',
		];
		for (const text of texts) {
			expect(patched(text), text).toBe(plain(text));
			expect(patched(text, {ambiguousIsNarrow: false}), text).toBe(plain(text, {ambiguousIsNarrow: false}));
			expect(patched(text, {countAnsiEscapeCodes: true}), text).toBe(plain(text, {countAnsiEscapeCodes: true}));
		}
	});

	it('agrees with string-width on any mix of class characters, emoji, CJK, marks and escapes', () => {
		const points = classCodePoints();
		const piece = fc.oneof(
			fc.constantFrom(...points).map((point) => String.fromCodePoint(point)),
			fc.constantFrom(
				'👍',
				'👍🏽',
				'❤️',
				'◽',
				'⌚',
				'漢',
				'ｆ',
				'\u0301',
				'\u200D',
				'\u00AD',
				'\u001B[1m',
				'\t',
				'ᄀ',
				'ᅡ',
			),
		);
		fc.assert(
			fc.property(fc.array(piece, {maxLength: 12}), (pieces) => {
				const text = pieces.join('');
				expect(patched(text)).toBe(plain(text));
				expect(patched(text, {ambiguousIsNarrow: false})).toBe(plain(text, {ambiguousIsNarrow: false}));
			}),
			{numRuns: 500},
		);
	});
});
