import {describe, expect, it} from 'vitest';
import {runCli} from './helpers/run-cli.js';

describe('the CLI edge', () => {
	it('names an unknown command in one line and exits 2', async () => {
		const result = await runCli(['bogus']);
		expect(result.code).toBe(2);
		expect(result.stderr.trim().split('\n')).toEqual(["socktui: unknown command 'bogus' (try 'socktui --help')"]);
	});

	it('rejects an unknown dashboard flag in one line with exit 2', async () => {
		const result = await runCli(['--bogus']);
		expect(result.code).toBe(2);
		expect(result.stderr).toBe("socktui: unknown option '--bogus' for 'socktui' (try --help)\n");
	});

	it('accepts a string flag whose value starts with a dash (--sim "-P c3,i")', async () => {
		// Without a terminal the dashboard stops at its TTY check, after flag parsing succeeded.
		const result = await runCli(['--sim', '-P c3,i', '--ascii']);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/the dashboard needs a terminal/);
		expect(result.stderr).not.toMatch(/unknown option/);
	});
});
