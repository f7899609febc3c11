import {describe, expect, it} from 'vitest';
import {isSocktuiError} from '../../../../source/core/errors.js';
import {defaultSimArgs, formatSimHelp, parseSimArgs} from '../../../../source/core/ostep/process-run/sim-args.js';

const errorOf = (argv: string[]): string => {
	try {
		parseSimArgs(argv);
	} catch (error: unknown) {
		if (isSocktuiError(error)) return error.message;
		throw error;
	}
	throw new Error(`no error for ${argv.join(' ')}`);
};

describe('parseSimArgs (optparse-compatible)', () => {
	it('has the reference defaults', () => {
		expect(parseSimArgs([])).toEqual(defaultSimArgs());
		expect(defaultSimArgs()).toMatchObject({
			seed: 0n,
			ioLength: 5n,
			switchPolicy: 'SWITCH_ON_IO',
			ioDonePolicy: 'IO_RUN_LATER',
		});
	});

	it('accepts --opt=value, --opt value, glued short values and grouped flags', () => {
		expect(parseSimArgs(['--seed=5', '--processlist', '3:50', '-L2', '-cp'])).toMatchObject({
			seed: 5n,
			processList: '3:50',
			ioLength: 2n,
			solve: true,
			printStats: true,
		});
		expect(parseSimArgs(['-cps7'])).toMatchObject({solve: true, printStats: true, seed: 7n});
		expect(parseSimArgs(['-cs', '7'])).toMatchObject({solve: true, seed: 7n});
	});

	it('takes a value that starts with a dash, and the last occurrence wins', () => {
		expect(parseSimArgs(['-s', '-5', '-s', '9']).seed).toBe(9n);
		expect(parseSimArgs(['-s', '-5']).seed).toBe(-5n);
		expect(parseSimArgs(['-P', '-c']).program).toBe('-c');
	});

	it('expands unambiguous long prefixes, preferring reference options over extensions', () => {
		expect(parseSimArgs(['--see', '3', '--iol', '1', '--print']).seed).toBe(3n);
		expect(parseSimArgs(['--sw', 'SWITCH_ON_END']).switchPolicy).toBe('SWITCH_ON_END');
		expect(parseSimArgs(['--switch-c', '2']).switchCost).toBe(2);
		expect(parseSimArgs(['--quant=3', '--comp', '--js'])).toMatchObject({quantum: 3, compare: true, json: true});
		expect(errorOf(['--s', '1'])).toContain('ambiguous option: --s (--seed, --switch?)');
	});

	it('parses integer options like optparse (hex, binary, octal)', () => {
		expect(parseSimArgs(['-s', '0x10']).seed).toBe(16n);
		expect(parseSimArgs(['-s', '010']).seed).toBe(8n);
		expect(parseSimArgs(['-s', '0b11']).seed).toBe(3n);
		expect(parseSimArgs(['-L', '0x3']).ioLength).toBe(3n);
		expect(errorOf(['-s', 'x'])).toContain("option -s: invalid integer value: 'x'");
		expect(errorOf(['-s', '08'])).toContain("invalid integer value: '08'");
	});

	it('stops at -h, as optparse prints help as soon as it reaches it', () => {
		expect(parseSimArgs(['-h', '-s', 'bad']).help).toBe(true);
		expect(parseSimArgs(['-cph']).help).toBe(true);
		expect(errorOf(['-s', 'bad', '-h'])).toContain('invalid integer value');
	});

	it('reports bad options in optparse words, as one line', () => {
		expect(errorOf(['-x'])).toContain('no such option: -x');
		expect(errorOf(['--nope'])).toContain('no such option: --nope');
		expect(errorOf(['-s'])).toContain('-s option requires 1 argument');
		expect(errorOf(['--printstats=1'])).toContain('--printstats option does not take a value');
		expect(errorOf(['stray'])).toContain("unexpected argument 'stray'");
		expect(errorOf(['--quantum', '-1'])).toContain('--quantum');
		for (const message of [errorOf(['-x']), errorOf(['--quantum', 'q'])]) expect(message).not.toContain('\n');
	});

	it('documents every option in the help', () => {
		const help = formatSimHelp();
		for (const option of [
			'--seed',
			'--program',
			'--processlist',
			'--iolength',
			'--switch',
			'--iodone',
			'-c',
			'--printstats',
			'--json',
			'--quantum',
			'--switch-cost',
			'--compare',
		]) {
			expect(help).toContain(option);
		}
	});
});
