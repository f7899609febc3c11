import {SocktuiError} from '../errors.js';
import {parseSimArgs} from './sim-args.js';
import {isSimReferenceError} from './sim-error.js';
import {resolveSimRequest} from './sim-request.js';
import type {SimConfig, Workload} from './types.js';

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
		if (isSimReferenceError(error)) throw new SocktuiError('BadUsage', `sim: ${error.lines[0]}`, {cause: error});
		throw error;
	}
}
