import {SocktuiError} from '../../errors.js';
import {formatOptionHelp, parseOptparse, type OptionSpec} from '../python-compat/optparse.js';

/**
 * `socktui sim` options, parsed the way the reference's optparse does: `--opt=value` or `--opt value`,
 * unambiguous long prefixes (`--see 5`), `-s5`, grouped `-cp`, a value may start with `-` (`-s -5`),
 * the last occurrence wins, `--` ends options, `-h` prints help as soon as it is reached.
 * Differences, on purpose: positional arguments are an error (the reference silently ignores them),
 * and the extension options never make a reference abbreviation ambiguous (`--sw` is still `--switch`).
 */
export interface SimArgs {
	seed: bigint;
	program: string;
	processList: string;
	ioLength: bigint;
	/** Raw `-S` / `-I` text; validated after parsing, in the reference's order. */
	switchPolicy: string;
	ioDonePolicy: string;
	solve: boolean;
	printStats: boolean;
	help: boolean;
	json: boolean;
	compare: boolean;
	quantum: number;
	switchCost: number;
}

type Key = keyof SimArgs;

export const simOptionSpecs: ReadonlyArray<OptionSpec<Key>> = [
	{short: '-h', long: '--help', key: 'help', kind: 'flag', help: 'show this help message and exit'},
	{
		short: '-s',
		long: '--seed',
		key: 'seed',
		kind: 'int',
		metavar: 'SEED',
		help: 'the random seed (0x.., 0b.., 0.. octal accepted)',
	},
	{
		short: '-P',
		long: '--program',
		key: 'program',
		kind: 'string',
		metavar: 'PROGRAM',
		help: "exact programs: processes split by ':', tokens cN (N cpu) or i (an IO), e.g. c3,i,c2:c4",
	},
	{
		short: '-l',
		long: '--processlist',
		key: 'processList',
		kind: 'string',
		metavar: 'PROCESS_LIST',
		help: 'random processes X1:Y1,X2:Y2,...: X instructions, each CPU with chance Y% (else an IO)',
	},
	{
		short: '-L',
		long: '--iolength',
		key: 'ioLength',
		kind: 'int',
		metavar: 'IO_LENGTH',
		help: 'how long an IO takes (default 5)',
	},
	{
		short: '-S',
		long: '--switch',
		key: 'switchPolicy',
		kind: 'string',
		metavar: 'SWITCH',
		help: 'when to switch between processes: SWITCH_ON_IO (default), SWITCH_ON_END',
	},
	{
		short: '-I',
		long: '--iodone',
		key: 'ioDonePolicy',
		kind: 'string',
		metavar: 'IODONE',
		help: 'behaviour when an IO ends: IO_RUN_LATER (default), IO_RUN_IMMEDIATE',
	},
	{short: '-c', key: 'solve', kind: 'flag', help: 'compute answers for me (print the trace)'},
	{
		short: '-p',
		long: '--printstats',
		key: 'printStats',
		kind: 'flag',
		help: 'print statistics at end; only useful with -c',
	},
	{
		long: '--json',
		key: 'json',
		kind: 'flag',
		extension: true,
		help: 'print the whole run (processes, per-tick rows, stats) as JSON',
	},
	{
		long: '--quantum',
		key: 'quantum',
		kind: 'count',
		extension: true,
		metavar: 'N',
		help: 'round robin: preempt after N instructions when another process is READY',
	},
	{
		long: '--switch-cost',
		key: 'switchCost',
		kind: 'count',
		extension: true,
		metavar: 'N',
		help: 'a context switch costs N ticks (CPU column shows cs)',
	},
	{
		long: '--compare',
		key: 'compare',
		kind: 'flag',
		extension: true,
		help: 'run the workload serially (SWITCH_ON_END) and multiprogrammed (SWITCH_ON_IO) and compare',
	},
];

export function defaultSimArgs(): SimArgs {
	return {
		seed: 0n,
		program: '',
		processList: '',
		ioLength: 5n,
		switchPolicy: 'SWITCH_ON_IO',
		ioDonePolicy: 'IO_RUN_LATER',
		solve: false,
		printStats: false,
		help: false,
		json: false,
		compare: false,
		quantum: 0,
		switchCost: 0,
	};
}

function usage(message: string): SocktuiError {
	return new SocktuiError('BadUsage', `sim: ${message} (try 'socktui sim --help')`);
}

export function parseSimArgs(argv: readonly string[]): SimArgs {
	return parseOptparse(argv, simOptionSpecs, defaultSimArgs(), usage);
}

/** The `--help` text, in optparse's layout. */
export function formatSimHelp(): string {
	const lines = ['Usage: socktui sim [options]', '', 'Options:'];
	for (const spec of simOptionSpecs.filter((candidate) => !candidate.extension)) lines.push(formatOptionHelp(spec));
	lines.push('', "  Extensions (not in the reference; without them the output is the reference's):");
	for (const spec of simOptionSpecs.filter((candidate) => candidate.extension)) lines.push(formatOptionHelp(spec));
	lines.push(
		'',
		'  Examples:',
		'    socktui sim -l 5:100,5:100 -c -p',
		'    socktui sim -P c3,i,c2:c4 -S SWITCH_ON_IO -I IO_RUN_IMMEDIATE -c -p',
		'    socktui sim -l 4:100,4:100 --quantum 1 --switch-cost 1 --compare',
	);
	return lines.join('\n');
}
