import {describe, expect, it} from 'vitest';
import {literalLookup} from '../../../source/core/echo/literal-lookup.js';

describe('literalLookup (the UDP server socket lookup)', () => {
	it('answers an IP literal at once with its family, the same literal again too', () => {
		const lookup = literalLookup();
		const answers: unknown[][] = [];
		for (const [address, family] of [
			['127.0.0.1', 4],
			['127.0.0.1', 4],
			['::1', 6],
			['10.1.2.3', 4],
		] as const)
			lookup(address, family, (...answer) => answers.push(answer));
		// Synchronous: every answer is in before lookup returns.
		expect(answers).toEqual([
			[null, '127.0.0.1', 4],
			[null, '127.0.0.1', 4],
			[null, '::1', 6],
			[null, '10.1.2.3', 4],
		]);
	});

	it('leaves a host name to dns.lookup (asynchronous), with the family asked for', async () => {
		const lookup = literalLookup();
		let answered = false;
		const answer = await new Promise<unknown[]>((resolve) => {
			lookup('localhost', 4, (...result) => {
				answered = true;
				resolve(result);
			});
			expect(answered).toBe(false);
		});
		expect(answer).toEqual([null, '127.0.0.1', 4]);
	});
});
