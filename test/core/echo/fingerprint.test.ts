import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {fingerprint, uppercaseWithPrints} from '../../../source/core/echo/fingerprint.js';
import {referenceUpper} from './echo-test-kit.js';

describe('uppercaseWithPrints (the one-pass hot path of a peer watched for loops)', () => {
	it('uppercases into a copy and fingerprints the request and the reply, as the separate steps do', () => {
		fc.assert(
			fc.property(fc.uint8Array({maxLength: 200}), (bytes) => {
				const original = Uint8Array.from(bytes);
				const target = new Uint8Array(bytes.length);
				const prints = new Int32Array(2);
				uppercaseWithPrints(bytes, target, prints);
				expect(Buffer.from(target).equals(referenceUpper(original))).toBe(true);
				expect(Buffer.from(bytes).equals(Buffer.from(original))).toBe(true);
				expect(prints[0]).toBe(fingerprint(original));
				expect(prints[1]).toBe(fingerprint(referenceUpper(original)));
			}),
		);
	});

	it('works in place, on payloads longer than the sampled ends too', () => {
		for (const length of [0, 1, 31, 32, 33, 63, 64, 65, 1500, 65_507]) {
			const bytes = Uint8Array.from({length}, (_, index) => 0x41 + ((index * 7) % 58));
			const original = Uint8Array.from(bytes);
			const prints = new Int32Array(2);
			uppercaseWithPrints(bytes, bytes, prints);
			expect(Buffer.from(bytes).equals(referenceUpper(original))).toBe(true);
			expect([prints[0], prints[1]]).toEqual([fingerprint(original), fingerprint(bytes)]);
			expect(prints[0]).not.toBe(0);
		}
	});
});
