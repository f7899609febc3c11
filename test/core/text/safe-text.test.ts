import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {safeText} from '../../../source/core/text/safe-text.js';

const esc = '\u001b';
const bel = '\u0007';

// Anything a terminal could act on, or that could hide or reorder text.
const dangerous = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/u;

describe('safeText: hostile payloads', () => {
	it.each([
		['CSI cursor move and clear', `${esc}[2J${esc}[H${esc}[10;20Hx`, '\\e[2J\\e[H\\e[10;20Hx'],
		['CSI colour (SGR)', `${esc}[31mred${esc}[0m`, '\\e[31mred\\e[0m'],
		['OSC 0 window title (BEL)', `${esc}]0;pwned${bel}`, '\\e]0;pwned\\a'],
		['OSC 2 window title (ST)', `${esc}]2;pwned${esc}\\`, '\\e]2;pwned\\e\\\\'],
		['OSC 52 clipboard write', `${esc}]52;c;ZWNobyBwd25lZA==${bel}`, '\\e]52;c;ZWNobyBwd25lZA==\\a'],
		[
			'OSC 8 hyperlink',
			`${esc}]8;;https://evil.example/${esc}\\click${esc}]8;;${esc}\\`,
			'\\e]8;;https://evil.example/\\e\\\\click\\e]8;;\\e\\\\',
		],
		['BEL', `ding${bel}`, 'ding\\a'],
		['CR overwriting the line', 'safe\rEVIL', 'safe\\rEVIL'],
		['backspaces hiding text', 'rm -rf /\b\b\b\b\b\b\bls', 'rm -rf /\\b\\b\\b\\b\\b\\b\\bls'],
		['C1 CSI as UTF-8 (U+009B)', '\u009b2J', '\\u009b2J'],
		['C1 OSC as UTF-8 (U+009D)', '\u009d0;t\u009c', '\\u009d0;t\\u009c'],
		['bidi override (RLO, the "Trojan Source" trick)', 'abc\u202edcba\u202c', 'abc\\u202edcba\\u202c'],
		['bidi isolates', '\u2066x\u2069\u2067y\u2069\u2068z\u2069', '\\u2066x\\u2069\\u2067y\\u2069\\u2068z\\u2069'],
		['zero-width characters', 'pay\u200bpal\u200d\u200c\ufeff', 'pay\\u200bpal\\u200d\\u200c\\ufeff'],
		['line and paragraph separators', 'a\u2028b\u2029c', 'a\\u2028b\\u2029c'],
		['DEL and NUL', 'a\u007fb\u0000c', 'a\\x7fb\\0c'],
		['newline and tab', 'line\n\tindented', 'line\\n\\tindented'],
		['a backslash is escaped, so escapes cannot be faked', 'not \\e an escape', 'not \\\\e an escape'],
	])('%s', (_name, input, expected) => {
		const shown = safeText(Buffer.from(input, 'utf8'));
		expect(shown).toBe(expected);
		expect(shown).not.toMatch(dangerous);
	});

	it.each([
		['raw 8-bit C1 CSI byte', [0x9b, 0x32, 0x4a], '\\x9b2J'],
		['raw 8-bit OSC ... ST', [0x9d, 0x30, 0x3b, 0x74, 0x9c], '\\x9d0;t\\x9c'],
		[
			'invalid UTF-8: lone continuation, truncated, overlong, surrogate, > U+10FFFF',
			[0x80, 0xe2, 0x82, 0x61, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80],
			'\\x80\\xe2\\x82a\\xc0\\xaf\\xed\\xa0\\x80\\xf4\\x90\\x80\\x80',
		],
		['0xff and 0xfe', [0xff, 0xfe], '\\xff\\xfe'],
	])('%s', (_name, bytes, expected) => {
		expect(safeText(Uint8Array.from(bytes))).toBe(expected);
	});
});

describe('safeText: what is kept', () => {
	it('keeps printable ASCII and valid UTF-8, wide characters included', () => {
		for (const text of [
			'Hello, World! ~`{}',
			'Grüße, ça va? ñ',
			'中文字符 日本語 한국어',
			'emoji 😀 🎉',
			'ünïcödé ＷＩＤＥ',
		]) {
			expect(safeText(Buffer.from(text))).toBe(text);
		}
	});

	it('accepts a string as well as bytes', () => {
		expect(safeText(`a${esc}b`)).toBe('a\\eb');
	});

	it('ascii: escapes every non-ASCII character', () => {
		expect(safeText(Buffer.from('ä中😀'), {ascii: true})).toBe('\\u00e4\\u4e2d\\U0001f600');
	});

	it('maxLength: stops after that many characters and marks the cut', () => {
		expect(safeText(Buffer.from('abcdef'), {maxLength: 3})).toBe('abc…');
		expect(safeText(Buffer.from('abcdef'), {maxLength: 3, ascii: true})).toBe('abc...');
		expect(safeText(Buffer.from('abc'), {maxLength: 3})).toBe('abc');
		expect(safeText(Buffer.from('中文字符'), {maxLength: 2})).toBe('中文…');
	});
});

describe('safeText: properties', () => {
	it('no control, C1, bidi or zero-width character ever survives, whatever the bytes', () => {
		fc.assert(
			fc.property(fc.uint8Array({maxLength: 300}), (bytes) => {
				expect(safeText(bytes)).not.toMatch(dangerous);
				expect(safeText(bytes, {ascii: true})).toMatch(/^[\u0020-\u007e]*$/);
			}),
			{numRuns: 500},
		);
	});

	it('the same holds for arbitrary Unicode text', () => {
		fc.assert(
			fc.property(fc.string({unit: 'binary', maxLength: 200}), (text) => {
				expect(safeText(Buffer.from(text, 'utf8'))).not.toMatch(dangerous);
			}),
			{numRuns: 500},
		);
	});

	it('text with no special characters comes through unchanged', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^[a-zA-Z0-9 .,;:!?'"()[\]{}<>@#$%^&*_+=|~`/-]*$/), (text) => {
				expect(safeText(Buffer.from(text))).toBe(text);
			}),
		);
	});
});
