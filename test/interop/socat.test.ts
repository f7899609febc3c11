import {afterEach, describe, expect, it} from 'vitest';
import {startCliServer, type CliProcess} from '../core/echo/cli-process.js';
import {serverModels} from '../../source/core/echo/server-model.js';
import {haveTool, runTool} from './peer-process.js';

const hasSocat = haveTool('socat', ['-V'], 'socat interop tests need socat; .ci/run installs it');
const running: CliProcess[] = [];
afterEach(async () => {
	await Promise.all(running.splice(0).map(async (server) => server.stop()));
});

describe.skipIf(!hasSocat)('interop with socat', () => {
	it.each(serverModels)('socat over TCP against socktui server --model %s', async (model) => {
		const server = await startCliServer(['--quiet', '--model', model]);
		running.push(server);
		const result = await runTool('socat', ['-', `TCP:127.0.0.1:${server.port}`], 'hello from socat\n');
		expect(result.code).toBe(0);
		expect(result.stdout.toString()).toBe('HELLO FROM SOCAT\n');
	});

	it.each(serverModels)('socat over UDP against socktui server --model %s', async (model) => {
		const server = await startCliServer(['--udp', '--quiet', '--model', model]);
		running.push(server);
		// -t1: socat waits a second for the reply after its input ends.
		const result = await runTool('socat', ['-t1', '-', `UDP:127.0.0.1:${server.port}`], 'udp from socat');
		expect(result.stdout.toString()).toBe('UDP FROM SOCAT');
	});
});
