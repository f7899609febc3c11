import {SocktuiError} from '../../errors.js';
import {formatOptionHelp, parseOptparse, type OptionSpec} from '../python-compat/optparse.js';

/** `socktui sched` options: scheduler.py's, parsed like its optparse (see ostep/python-compat/optparse.ts). */
export interface SchedulerArgs {
	seed: bigint;
	jobs: bigint;
	jobList: string;
	maxlen: bigint;
	policy: string;
	quantum: bigint;
	solve: boolean;
	help: boolean;
}

type Key = keyof SchedulerArgs;

export const schedulerOptionSpecs: ReadonlyArray<OptionSpec<Key>> = [
	{short: '-h', long: '--help', key: 'help', kind: 'flag', help: 'show this help message and exit'},
	{short: '-s', long: '--seed', key: 'seed', kind: 'int', metavar: 'SEED', help: 'the random seed'},
	{short: '-j', long: '--jobs', key: 'jobs', kind: 'int', metavar: 'JOBS', help: 'number of jobs in the system'},
	{
		short: '-l',
		long: '--jlist',
		key: 'jobList',
		kind: 'string',
		metavar: 'JLIST',
		help: 'instead of random jobs, provide a comma-separated list of run times',
	},
	{short: '-m', long: '--maxlen', key: 'maxlen', kind: 'int', metavar: 'MAXLEN', help: 'max length of job'},
	{
		short: '-p',
		long: '--policy',
		key: 'policy',
		kind: 'string',
		metavar: 'POLICY',
		help: 'sched policy to use: SJF, FIFO, RR',
	},
	{
		short: '-q',
		long: '--quantum',
		key: 'quantum',
		kind: 'int',
		metavar: 'QUANTUM',
		help: 'length of time slice for RR policy',
	},
	{short: '-c', key: 'solve', kind: 'flag', help: 'compute answers for me'},
];

export function schedulerUsage(message: string): SocktuiError {
	return new SocktuiError('BadUsage', `sched: ${message} (try 'socktui sched --help')`);
}

export function parseSchedulerArgs(argv: readonly string[]): SchedulerArgs {
	const defaults: SchedulerArgs = {
		seed: 0n,
		jobs: 3n,
		jobList: '',
		maxlen: 10n,
		policy: 'FIFO',
		quantum: 1n,
		solve: false,
		help: false,
	};
	return parseOptparse(argv, schedulerOptionSpecs, defaults, schedulerUsage);
}

export function formatSchedulerHelp(): string {
	return [
		'Usage: socktui sched [options]',
		'',
		"OSTEP's scheduler.py (FIFO, SJF, RR over CPU-only jobs), output for output.",
		'',
		'Options:',
		...schedulerOptionSpecs.map((spec) => formatOptionHelp(spec)),
		'',
		'  Examples:',
		'    socktui sched -p RR -q 2 -j 4 -s 3 -c',
		'    socktui sched -l 10,10,10 -p FIFO -c',
	].join('\n');
}
