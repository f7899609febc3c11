import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ModuleBundler, root} from './helpers/bundle-module.js';
import {maxCachedCells, maxCachedChars, maxCachedEntries, upstreamPlugin} from './helpers/patches.js';

interface OutputLike {
	write(
		x: number,
		y: number,
		text: string,
		options: {transformers: Array<(line: string, index: number) => string>},
	): void;
	clip(clip: {x1?: number; x2?: number; y1?: number; y2?: number}): void;
	unclip(): void;
	get(): {output: string; height: number};
}

interface Bundle {
	Output: new (options: {width: number; height: number}) => OutputLike;
	stringWidth: (text: string, options?: Record<string, unknown>) => number;
	wrapWidth: (text: string, options?: Record<string, unknown>) => number;
	measureText: (text: string) => {width: number; height: number};
	/** The patched bundle's cache of text sizes (undefined in the plain bundle). */
	measureTextCache?: Map<string, unknown>;
}

const bundler = new ModuleBundler();
let plain: Bundle;
let cached: Bundle;

/** Ink's Output and both string-width copies, bundled as the CLI bundles them: as installed (patched), or upstream. */
async function bundle(name: string, withCaches: boolean): Promise<Bundle> {
	const entry = [
		`export {default as Output} from ${JSON.stringify(join(root, 'node_modules/ink/build/output.js'))};`,
		`export {default as stringWidth} from ${JSON.stringify(join(root, 'node_modules/string-width/index.js'))};`,
		`export {default as wrapWidth} from ${JSON.stringify(join(root, 'node_modules/wrap-ansi/node_modules/string-width/index.js'))};`,
		`export * from ${JSON.stringify(join(root, 'node_modules/ink/build/measure-text.js'))};`,
		`export {default as measureText} from ${JSON.stringify(join(root, 'node_modules/ink/build/measure-text.js'))};`,
	].join('\n');
	return bundler.bundle<Bundle>(name, entry, withCaches ? [] : [upstreamPlugin()]);
}

const texts = [
	'',
	'plain ascii',
	'漢字テスト',
	'ｆｕｌｌｗｉｄｔｈ',
	'e\u0301 combining acute, a\u0308\u0304 two marks',
	'👍 👍🏽 🇯🇵 👨‍👩‍👧 ❤️ ☺ 1️⃣',
	'\u001B[31mred\u001B[39m and \u001B[1;4mbold underline\u001B[22;24m',
	'zero\u200Bwidth\u200Djoiner',
	'tab\there',
	'Ünïcödé ≈≈≈ ░░░ ███ ··· ↳',
];

beforeAll(async () => {
	plain = await bundle('plain', false);
	cached = await bundle('cached', true);
});

afterAll(() => {
	bundler.dispose();
});

describe('string-width with a cache', () => {
	it('gives the same widths as the uncached function, first and second time, with and without options', () => {
		for (let round = 0; round < 2; round++) {
			for (const text of texts) {
				expect(cached.stringWidth(text), text).toBe(plain.stringWidth(text));
				expect(cached.wrapWidth(text), text).toBe(plain.wrapWidth(text));
				expect(cached.stringWidth(text, {countAnsiEscapeCodes: true}), text).toBe(
					plain.stringWidth(text, {countAnsiEscapeCodes: true}),
				);
				expect(cached.stringWidth(text, {ambiguousIsNarrow: false}), text).toBe(
					plain.stringWidth(text, {ambiguousIsNarrow: false}),
				);
			}
		}
	});

	it('stays right past its bound', () => {
		for (let index = 0; index < maxCachedEntries + 10; index++)
			expect(cached.stringWidth(`漢${index}`)).toBe(2 + String(index).length);
		expect(cached.stringWidth('漢字テスト')).toBe(10);
	});
});

describe("Ink's text sizes with a bounded cache", () => {
	it('gives the same sizes as the unpatched measureText', () => {
		for (let round = 0; round < 2; round++)
			for (const text of [...texts, `${texts[2]!}\n${texts[5]!}\nthree`])
				expect(cached.measureText(text), text).toEqual(plain.measureText(text));
	});

	it('keeps neither more than maxCachedEntries texts nor more than maxCachedChars characters, and stays right', () => {
		const cache = cached.measureTextCache!;
		for (let index = 0; index < maxCachedEntries + 10; index++) cached.measureText(`漢${index}`);
		expect(cache.size).toBeLessThanOrEqual(maxCachedEntries);
		const row = (index: number) => `\u001B[32m${String(index).padStart(6, '0')}\u001B[39m ${'≈'.repeat(490)}`;
		for (let index = 0; index < (2 * maxCachedChars) / 500; index++) cached.measureText(row(index));
		expect([...cache.keys()].reduce((sum, text) => sum + text.length, 0)).toBeLessThanOrEqual(maxCachedChars);
		expect(cached.measureText(row(3))).toEqual({width: 497, height: 1});
		expect(cached.measureText('漢字テスト\nab')).toEqual({width: 10, height: 2});
	});
});

describe("Ink's Output with frame-spanning caches", () => {
	/** One frame: every text at a few positions, some inside a clip, with `changed` swapped in on row 2. */
	function frame(module: Bundle, changed: string): string {
		const output = new module.Output({width: 40, height: 8});
		const upper = (line: string) => line.toUpperCase();
		output.write(0, 0, texts[6]!, {transformers: []});
		output.write(0, 1, texts[2]!, {transformers: []});
		output.write(0, 2, changed, {transformers: []});
		output.clip({x1: 3, x2: 12, y1: 3, y2: 6});
		output.write(1, 3, texts[5]!, {transformers: []});
		output.write(2, 4, `${texts[4]!}\n${texts[2]!}`, {transformers: [upper]});
		output.write(0, 6, 'clipped away below', {transformers: []});
		output.unclip();
		output.write(20, 7, texts[9]!, {transformers: []});
		return output.get().output;
	}

	it('keeps at most maxCachedCells styled cells however many different lines it draws, and stays right', () => {
		const line = (index: number) => `\u001B[32m${String(index).padStart(6, '0')}\u001B[39m ${'≈'.repeat(90)}`;
		for (let index = 0; index < 2000; index++) {
			const output = new cached.Output({width: 100, height: 1});
			output.write(0, 0, line(index), {transformers: []});
			output.get();
		}

		const output = new cached.Output({width: 100, height: 1}) as OutputLike & {
			caches: {styledChars: Map<string, unknown[]>};
		};
		const cells = [...output.caches.styledChars.values()].reduce((sum, row) => sum + row.length, 0);
		expect(cells).toBeGreaterThan(0);
		expect(cells).toBeLessThanOrEqual(maxCachedCells);
		output.write(0, 0, line(1999), {transformers: []});
		const expected = new plain.Output({width: 100, height: 1});
		expected.write(0, 0, line(1999), {transformers: []});
		expect(output.get().output).toBe(expected.get().output);
	});

	it('composes the same frames as the uncached Output, frame after frame, when one row changes', () => {
		for (const text of [...texts, ...texts.slice().reverse(), texts[3]!, texts[3]!])
			expect(frame(cached, text)).toBe(frame(plain, text));
	});
});
