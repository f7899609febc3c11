import {SocktuiError} from '../../errors.js';
import {parseSimArgs} from './sim-args.js';
import {isSimReferenceError} from './sim-error.js';
import {resolveSimRequest} from './sim-request.js';
import type {SimConfig, Workload} from './types.js';
import {buildFromProgram} from './workload.js';

/** A workload and policies for the sim pane, from `socktui --sim "..."` or a preset. */
export interface SimSpec {
	readonly workload: Workload;
	readonly config: SimConfig;
	readonly compare: boolean;
	/** The text it came from, for the pane's title. */
	readonly source: string;
}

/**
 * Parses `-l 5:100,5:100 -S SWITCH_ON_IO` (the `sim` command's options, split on whitespace like the
 * recorded `args` files) with the same parser and validation as `socktui sim`. Every failure, the
 * reference's own messages included, becomes one-line SocktuiError (BadUsage).
 */
export function parseSimSpec(text: string): SimSpec {
	const argv = text.trim() === '' ? [] : text.trim().split(/\s+/u);
	try {
		const args = parseSimArgs(argv);
		if (args.help) throw new SocktuiError('BadUsage', "sim: --help is not a workload (see 'socktui sim --help')");
		const request = resolveSimRequest(args);
		return {workload: request.workload, config: request.config, compare: request.compare, source: text.trim()};
	} catch (error: unknown) {
		throw asUsageError(error);
	}
}

/**
 * A `-P` program (`c2,i,c2:c10`, processes split on `:`) with the parser `sim -P` uses, so a bad program
 * fails with the same words; the reference's own error becomes a one-line SocktuiError (BadUsage) too.
 */
export function parseSimProgram(program: string): Workload {
	try {
		return buildFromProgram(program);
	} catch (error: unknown) {
		throw asUsageError(error);
	}
}

function asUsageError(error: unknown): unknown {
	return isSimReferenceError(error) ? new SocktuiError('BadUsage', `sim: ${error.lines[0]}`, {cause: error}) : error;
}
