import {SocktuiError} from '../core/errors.js';

// The option parsers the dashboard's child processes need, apart from options.ts so that a session
// process does not load the server models' code (options.ts re-exports them).

/** A flag's value as the user typed it (meow hands over strings, booleans or numbers). */
export function flagText(value: unknown): string {
	return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/** A TCP/UDP port from a flag: an integer 0-65535 (0 = pick a free port). */
export function parsePort(value: unknown, flag = '--port'): number {
	const text = String(value);
	if (!/^\d+$/.test(text) || Number(text) > 65_535) {
		throw new SocktuiError('BadUsage', `${flag} must be a port number from 0 to 65535, got '${text}'`);
	}

	return Number(text);
}
