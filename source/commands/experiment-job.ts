import process from 'node:process';
import {SocktuiError} from '../core/errors.js';
import {runJobChild} from '../core/experiment/job-child.js';
import type {JobMessage} from '../core/experiment/job-messages.js';
import {burnCpuTime} from '../core/procs/cpu-burst.js';
import {parseSimProgram} from '../core/ostep/process-run/sim-spec.js';
import {processChannel} from '../core/sessions/session-channel.js';
import type {Command} from './command.js';
import {flagText} from './basic-options.js';

/** After the job ends, anything still holding the event loop open gets this long; then it exits anyway. */
const exitWatchdogMs = 2000;

interface JobOptions {
	program: string;
	label: string;
	tickMs: number;
	ioMs: number;
	ioKind: 'echo' | 'sleep';
	host: string;
	port: number;
}

function parseJobOptions(text: string): JobOptions | undefined {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return undefined;
	}

	if (typeof value !== 'object' || value === null) return undefined;
	const options = value as Record<string, unknown>;
	const isMs = (field: unknown) => typeof field === 'number' && Number.isFinite(field) && field >= 0;
	if (typeof options['program'] !== 'string' || typeof options['label'] !== 'string' || options['label'].length > 20)
		return undefined;
	if (!isMs(options['tickMs']) || !isMs(options['ioMs']) || typeof options['host'] !== 'string') return undefined;
	if (options['ioKind'] !== 'echo' && options['ioKind'] !== 'sleep') return undefined;
	if (!Number.isInteger(options['port']) || (options['port'] as number) < 0 || (options['port'] as number) > 65_535)
		return undefined;
	return options as unknown as JobOptions;
}

/**
 * Internal: one job of `socktui experiment`, a real process running one program in `sim -P` syntax with
 * ticks in milliseconds, driven over IPC. Not listed in the help; run by hand it explains itself and exits 2.
 */
export const experimentJobCommand: Command = {
	name: 'experiment-job',
	summary: "internal: one job of 'socktui experiment'",
	hidden: true,
	help: `  Internal: one job of 'socktui experiment', driven over IPC. Use 'socktui experiment' instead.

  Usage
    $ socktui experiment-job --options '{"program":"c2,i,c2","label":"P0","tickMs":100,...}'`,
	flags: {
		options: {type: 'string'},
	},
	async run({flags}) {
		if (typeof process.send !== 'function') {
			throw new SocktuiError(
				'BadUsage',
				"'socktui experiment-job' is one job of 'socktui experiment'; run 'socktui experiment' instead",
			);
		}

		const options = parseJobOptions(flagText(flags['options']));
		if (!options) throw new SocktuiError('BadUsage', '--options must be the JSON object the experiment passes');
		const workload = parseSimProgram(options.program);
		if (workload.processes.length !== 1) throw new SocktuiError('BadUsage', 'a job runs exactly one program');
		// ps and the dashboard's live view find the job by this title.
		process.title = `socktui job ${options.label} ${options.program}`;
		const code = await runJobChild(
			{...options, code: workload.processes[0]!},
			{channel: processChannel<JobMessage>(), pid: process.pid, burn: burnCpuTime},
		);
		setTimeout(() => process.exit(code), exitWatchdogMs).unref();
		return code;
	},
};
