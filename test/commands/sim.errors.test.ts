import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';

// Input the reference answers with a Python traceback: socktui prints one clear line on stderr instead.
describe('socktui sim rejects other bad input with one line on stderr', () => {
	it.concurrent.each([
		[['-P', 'c1,,c2', '-c'], "empty instruction in 'c1,,c2'"],
		[['-P', ':c1'], 'empty instruction'],
		[['-P', 'c', '-c'], "'c' needs a whole number"],
		[['-P', 'cx'], "'cx' needs a whole number"],
		[['-l', 'x:50'], "'x' in 'x:50' is not a whole number"],
		[['-l', '5:abc'], "'abc' in '5:abc' is not a number"],
		[['-S', 'FOO', '-l', '1:100'], "-S must be SWITCH_ON_IO or SWITCH_ON_END, not 'FOO'"],
		[['-I', 'LATER', '-l', '1:100'], "-I must be IO_RUN_LATER or IO_RUN_IMMEDIATE, not 'LATER'"],
		[['-L', '-1', '-P', 'c1', '-c'], '-L must be 0 or more'],
		[['-s', 'x'], "option -s: invalid integer value: 'x'"],
		[['-s', '-0x10'], "invalid integer value: '-0x10'"],
		[['-x'], 'no such option: -x'],
		[['--s', '1'], 'ambiguous option: --s'],
		[['-s'], '-s option requires 1 argument'],
		[['--printstats=yes'], 'does not take a value'],
		[['-P', 'c1', 'stray'], "unexpected argument 'stray'"],
		[['--quantum', 'x'], '--quantum'],
		[['-l', '2000000:50'], 'too many instructions'],
		[['-P', 'c1,i', '-L', '999999999'], '-L must be at most'],
		// Runs past the tick limit fail before the first trace line, not hundreds of MB later.
		[['-l', '30:0,1:100', '-L', '1000000', '-c'], 'the run is longer than 10000000 ticks for 2 processes;'],
		[
			['-P', Array.from({length: 21}, () => 'i').join(','), '-L', '1000000', '-c', '-p'],
			'the run is longer than 20000000 ticks for 1 process;',
		],
		[
			['-P', `c1:${Array.from({length: 11}, () => 'i').join(',')}`, '-L', '1000000', '-c', '--compare'],
			'the run is longer than 10000000 ticks for 2 processes;',
		],
	])('%j', async (args, message) => {
		const result = await runCli(['sim', ...args]);
		expect(result.code).not.toBe(0);
		expect(result.stdout).toBe('');
		const lines = result.stderr.trimEnd().split('\n');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(/^socktui: sim: /u);
		expect(lines[0]).toContain(message);
	});

	it('checks -S before loading programs and -L after, like the reference', async () => {
		const switchFirst = await runCli(['sim', '-S', 'NO', '-P', 'x']);
		expect(switchFirst.stderr).toContain('-S must be');
		const programBeforeLength = await runCli(['sim', '-L', '-3', '-P', 'x']);
		expect(programBeforeLength.stdout).toBe('bad opcode x (should be c or i)\n');
		expect(programBeforeLength.code).toBe(1);
	});

	it('prints help on stdout and exits 0', async () => {
		const result = await runCli(['sim', '--help']);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^Usage: socktui sim \[options\]/u);
		expect(result.stdout).toContain('--switch-cost');
		const grouped = await runCli(['sim', '-cph']);
		expect(grouped.stdout).toBe(result.stdout);
	});
});
