import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {serverModels} from '../../source/core/echo/server-model.js';
import {runCli} from '../helpers/run-cli.js';
import {startCliServer, type CliProcess} from '../core/echo/cli-process.js';
import {haveTool, runTool, startPeer} from './peer-process.js';

const peers = fileURLToPath(new URL('fixtures/python-peers.py', import.meta.url));
const hasPython = haveTool('python3', ['-c', 'import socketserver'], 'Python interop tests need python3');
const stops: Array<() => Promise<unknown>> = [];
afterEach(async () => {
	await Promise.all(stops.splice(0).map(async (stop) => stop()));
});

// Lines a user might type, including UTF-8 that must survive (Python's bytes.upper() leaves it alone).
const lines = ['hello', 'Grüße aus Köln', '中文 mixed Case 123', 'tab\there'];

describe.skipIf(!hasPython)('interop with Python socketserver peers', () => {
	it.each(['tcp', 'udp'] as const)('socktui client --%s against a Python Threading server', async (protocol) => {
		const peer = await startPeer('python3', [peers, `${protocol}-server`]);
		stops.push(peer.stop);
		const result = await runCli(['client', `--${protocol}`, '--port', String(peer.port)], {
			input: `${lines.join('\n')}\n`,
		});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout).toBe(`${['HELLO', 'GRüßE AUS KöLN', '中文 MIXED CASE 123', 'TAB\\tHERE'].join('\n')}\n`);
	});

	const cases = (['tcp', 'udp'] as const).flatMap((protocol) =>
		serverModels.map((model) => [protocol, model] as const),
	);
	it.each(cases)('a Python %s client against socktui server --model %s', async (protocol, model) => {
		const server: CliProcess & {port: number} = await startCliServer([`--${protocol}`, '--quiet', '--model', model]);
		stops.push(async () => server.stop());
		const input = Buffer.concat([Buffer.from(`${lines.join('\n')}\n`), Buffer.from([0x00, 0x61, 0xff, 0x0a])]);
		const result = await runTool('python3', [peers, `${protocol}-client`, String(server.port)], input);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const nl = protocol === 'tcp' ? '\\n' : '';
		const expected = [
			`b'HELLO${nl}'`,
			`b'GR\\xc3\\xbc\\xc3\\x9fE AUS K\\xc3\\xb6LN${nl}'`,
			`b'\\xe4\\xb8\\xad\\xe6\\x96\\x87 MIXED CASE 123${nl}'`,
			`b'TAB\\tHERE${nl}'`,
			`b'\\x00A\\xff${nl}'`,
		];
		expect(result.stdout.toString().trim().split('\n')).toEqual(expected);
	});
});
