import os from 'node:os';
import {describe, expect, it} from 'vitest';
import {procAddressHex, readKernelDrops} from '../../../source/core/echo/kernel-drops.js';
import type {EchoServer} from '../../../source/core/echo/types.js';
import {echoKit} from './echo-test-kit.js';

const kit = echoKit();

describe('kernel receive-buffer drops (/proc/net/udp)', () => {
	it('writes addresses the way /proc/net/udp does (32-bit words in host byte order)', () => {
		const le = os.endianness() === 'LE';
		expect(procAddressHex('127.0.0.1')).toBe(le ? '0100007F' : '7F000001');
		expect(procAddressHex('0.0.0.0')).toBe('00000000');
		expect(procAddressHex('::')).toBe('0'.repeat(32));
		expect(procAddressHex('::1')).toBe(le ? `${'0'.repeat(24)}01000000` : `${'0'.repeat(31)}1`);
		expect(procAddressHex('::ffff:127.0.0.1')).toBe(
			le ? '0000000000000000FFFF00000100007F' : '00000000000000000000FFFF7F000001',
		);
		expect(procAddressHex('not an address')).toBeUndefined();
	});

	it('without /proc the count is absent and the reason given', () => {
		const drops = readKernelDrops({address: '127.0.0.1', port: 8082}, 'udp4', '/nonexistent-proc');
		expect(drops).toMatchObject({unavailable: expect.stringContaining('/nonexistent-proc/net/udp') as string});
	});

	it.skipIf(process.platform !== 'linux').each(['127.0.0.1', '::1'])(
		'finds the socket of a server bound to %s',
		async (host) => {
			let server: EchoServer;
			try {
				server = await kit.start('udp', {host});
			} catch (error: unknown) {
				console.log(`skipped: cannot bind ${host} here (${String(error)})`);
				return;
			}

			expect(server.stats().kernelDrops).toEqual({count: 0});
		},
	);
});
