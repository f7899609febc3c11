import {spawnSync} from 'node:child_process';
import {afterEach, describe, expect, it} from 'vitest';
import {startCliServer, type CliProcess} from '../core/echo/cli-process.js';
import {serverModels} from '../../source/core/echo/server-model.js';
import {runTool} from './peer-process.js';

function netcatOpenbsd(): boolean {
	const probe = spawnSync('nc', ['-h'], {encoding: 'utf8', timeout: 10_000});
	if (probe.error !== undefined) {
		console.log('skipped: nc is not installed (netcat-openbsd; .ci/run installs it)');
		return false;
	}

	if (!`${probe.stdout}${probe.stderr}`.includes('OpenBSD')) {
		console.log('skipped: nc is not netcat-openbsd (its flags differ)');
		return false;
	}

	return true;
}

const hasNc = netcatOpenbsd();
const running: CliProcess[] = [];
afterEach(async () => {
	await Promise.all(running.splice(0).map(async (server) => server.stop()));
});

describe.skipIf(!hasNc)('interop with nc (netcat-openbsd)', () => {
	it.each(serverModels)(
		'nc over TCP (--model %s): the stream is echoed uppercased; -N half-closes and the server finishes and closes',
		async (model) => {
			const server = await startCliServer(['--model', model]);
			running.push(server);
			const input = Buffer.concat([Buffer.from('hello from nc\nsecond line ä\n'), Buffer.from([0x00, 0xff, 0x7a])]);
			const result = await runTool('nc', ['-N', '127.0.0.1', String(server.port)], input);
			expect(result.code).toBe(0);
			expect(
				result.stdout.equals(
					Buffer.concat([Buffer.from('HELLO FROM NC\nSECOND LINE ä\n'), Buffer.from([0x00, 0xff, 0x5a])]),
				),
			).toBe(true);
			await server.waitForOutput(
				(stdout) => stdout.includes('disconnected, closed by the peer'),
				'the disconnect line',
			);
		},
	);

	it('nc -u over UDP: one datagram in, one uppercased datagram back', async () => {
		const server = await startCliServer(['--udp']);
		running.push(server);
		// -w1: nc gives up one second after the last traffic, so this test costs about a second.
		const result = await runTool('nc', ['-u', '-w1', '127.0.0.1', String(server.port)], 'datagram from nc');
		expect(result.stdout.toString()).toBe('DATAGRAM FROM NC');
		await server.waitForOutput((stdout) => stdout.includes('out 16 bytes: DATAGRAM FROM NC'), 'the out line');
	});
});
