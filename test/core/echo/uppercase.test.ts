import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {uppercase, uppercaseInPlace} from '../../../source/core/echo/uppercase.js';
import {referenceUpper} from './echo-test-kit.js';

describe('uppercase (bytes.upper() semantics)', () => {
	it.each([
		['ascii letters', 'hello, World 123', 'HELLO, WORLD 123'],
		['the range edges', '`az{@AZ[', '`AZ{@AZ['],
		['non-ASCII letters stay as they are', 'straße äöü ÿ µ ı', 'STRAßE äöü ÿ µ ı'],
		['wide characters', '中文 abc 😀', '中文 ABC 😀'],
	])('%s', (_name, input, expected) => {
		expect(Buffer.from(uppercase(Buffer.from(input))).toString()).toBe(expected);
	});

	it('changes only 0x61-0x7a across all 256 byte values', () => {
		const all = Uint8Array.from({length: 256}, (_, index) => index);
		const result = uppercase(all);
		for (let byte = 0; byte < 256; byte++) {
			expect(result[byte]).toBe(byte >= 0x61 && byte <= 0x7a ? byte - 0x20 : byte);
		}
	});

	it('in place, every byte value at every position of every length up to 11, also in a view at an odd offset', () => {
		// Covers the four-bytes-a-turn body and each length of the tail.
		const backing = new Uint8Array(16);
		for (let length = 0; length <= 11; length++) {
			for (let position = 0; position < length; position++) {
				for (let byte = 0; byte < 256; byte++) {
					backing.fill(0x61);
					const view = backing.subarray(1, 1 + length);
					view[position] = byte;
					const expected = referenceUpper(view);
					expect(uppercaseInPlace(view)).toBe(view);
					expect(Buffer.from(view)).toEqual(expected);
					expect(backing[0]).toBe(0x61);
					expect(backing[1 + length]).toBe(0x61);
				}
			}
		}
	});

	it('keeps NUL and invalid UTF-8 bytes', () => {
		expect([...uppercase(Uint8Array.from([0x00, 0x61, 0xff, 0xc3, 0x28, 0x80, 0x7a]))]).toEqual([
			0x00, 0x41, 0xff, 0xc3, 0x28, 0x80, 0x5a,
		]);
	});

	it('matches the reference on arbitrary bytes; the copy leaves its input alone', () => {
		fc.assert(
			fc.property(fc.uint8Array({maxLength: 512}), (bytes) => {
				const before = Buffer.from(bytes);
				expect(Buffer.from(uppercase(bytes))).toEqual(referenceUpper(before));
				expect(Buffer.from(bytes)).toEqual(before);
				expect(Buffer.from(uppercaseInPlace(bytes))).toEqual(referenceUpper(before));
			}),
		);
	});
});
