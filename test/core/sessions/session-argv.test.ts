import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {sessionArgv, sessionNodeFlags} from '../../../source/core/sessions/session-argv.js';

describe('sessionArgv', () => {
	it('runs node with the session flags, then the given flags, the CLI and --flag=value arguments', () => {
		expect(
			sessionArgv({
				execPath: '/usr/bin/node',
				execArgv: ['--import', 'tsx'],
				cliPath: '/app/cli.js',
				protocol: 'udp',
				target: {host: '::1', port: 7},
				replyTimeoutMs: 500,
			}),
		).toEqual([
			'/usr/bin/node',
			'--max-opt=0',
			'--import',
			'tsx',
			'/app/cli.js',
			'session',
			'--protocol=udp',
			'--host=::1',
			'--port=7',
			'--reply-timeout=500',
		]);
	});

	it('gives node only flags this node accepts', () => {
		const result = spawnSync(process.execPath, [...sessionNodeFlags, '-e', '0'], {encoding: 'utf8'});
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
	});

	it('keeps the compilers off (the optimising one costs a session 4 MB of RSS)', () => {
		const hot =
			'let sum = 0; const add = (a, b) => (a * 31 + b) | 0; for (let i = 0; i < 3e6; i++) sum = add(sum, i); console.log(sum);';
		const optimised = (flags: readonly string[]) => {
			const result = spawnSync(process.execPath, [...flags, '--trace-opt', '-e', hot], {encoding: 'utf8'});
			expect(result.status).toBe(0);
			return /completed (optimizing|compiling)/.test(result.stdout);
		};

		expect(optimised([])).toBe(true); // the check can see it
		expect(optimised(sessionNodeFlags)).toBe(false);
	});
});
