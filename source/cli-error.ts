import process from 'node:process';
import {isSocktuiError} from './core/errors.js';

/** One line on stderr (`socktui: ...`); returns the exit code to use. */
export function fail(message: string, code: number): number {
	process.stderr.write(`socktui: ${message}\n`);
	return code;
}

/** The CLI edge for an error a command threw: its own message and exit code, or one line of an internal error. */
export function failWith(error: unknown): number {
	if (isSocktuiError(error)) return fail(error.message, error.exitCode);
	const message = error instanceof Error ? error.message : String(error);
	return fail(`internal error: ${message.split('\n')[0]}`, 1);
}
