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
		// -t: how long socat waits for the reply after its input ends; a processes-model child takes a Node
		// start-up (longer on a busy machine) before it answers.
		const result = await runTool('socat', ['-t5', '-', `TCP:127.0.0.1:${server.port}`], 'hello from socat\n');
		expect(result.code).toBe(0);
		expect(result.stdout.toString()).toBe('HELLO FROM SOCAT\n');
	});

	it.each(serverModels)('socat over UDP against socktui server --model %s', async (model) => {
		const server = await startCliServer(['--udp', '--quiet', '--model', model]);
		running.push(server);
		// -t: socat waits this long for the reply after its input ends (a second; a processes-model child
		// takes a Node start-up first, so longer for it).
		const wait = model === 'processes' ? '-t5' : '-t1';
		const result = await runTool('socat', [wait, '-', `UDP:127.0.0.1:${server.port}`], 'udp from socat');
		expect(result.stdout.toString()).toBe('UDP FROM SOCAT');
	});
});
