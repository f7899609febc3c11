import {SocktuiError} from '../core/errors.js';
import {defaults, type Protocol} from '../core/defaults.js';

/** A TCP/UDP port from a flag: an integer 0-65535 (0 = pick a free port). */
export function parsePort(value: unknown, flag = '--port'): number {
	const text = String(value);
	if (!/^\d+$/.test(text) || Number(text) > 65_535) {
		throw new SocktuiError('BadUsage', `${flag} must be a port number from 0 to 65535, got '${text}'`);
	}

	return Number(text);
}

/** A positive duration in milliseconds from a flag given in seconds or with an `ms`/`s` suffix. */
export function parseSeconds(value: unknown, flag: string): number {
	const text = String(value).trim();
	const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text);
	if (!match) throw new SocktuiError('BadUsage', `${flag} must be a duration like 2, 0.5 or 500ms, got '${text}'`);
	const amount = Number(match[1]);
	const ms = match[2] === 'ms' ? amount : amount * 1000;
	if (ms <= 0) throw new SocktuiError('BadUsage', `${flag} must be greater than zero`);
	return ms;
}

/** `--tcp` / `--udp` (mutually exclusive); TCP when neither is given. */
export function parseProtocol(flags: Record<string, unknown>): Protocol {
	if (flags['tcp'] === true && flags['udp'] === true) {
		throw new SocktuiError('BadUsage', '--tcp and --udp cannot be used together');
	}

	return flags['udp'] === true ? 'udp' : 'tcp';
}

/** `HOST:PORT` or `[v6]:PORT`. */
export function parseHostPort(value: unknown, flag: string): {host: string; port: number} {
	const text = String(value);
	const match = /^\[([^\]]+)\]:(\d+)$/.exec(text) ?? /^([^:]+):(\d+)$/.exec(text);
	if (!match) throw new SocktuiError('BadUsage', `${flag} must be HOST:PORT, got '${text}'`);
	const port = parsePort(match[2], flag);
	if (port === 0) throw new SocktuiError('BadUsage', `${flag} needs a port other than 0`);
	return {host: match[1]!, port};
}

/** The flags `server` and `client` share: which protocol, and which address. */
export const endpointFlags = {
	tcp: {type: 'boolean', default: false},
	udp: {type: 'boolean', default: false},
	host: {type: 'string', default: defaults.host},
	port: {type: 'string', default: String(defaults.port)},
} as const;

/** A duration in seconds (fractions allowed) from a flag, where 0 means "never"; returns milliseconds. */
export function parseSecondsOrNever(value: unknown, flag: string): number {
	const text = String(value).trim();
	// Node timers overflow above 2^31-1 ms (about 24.8 days).
	if (!/^\d+(\.\d+)?$/.test(text) || Number(text) * 1000 > 2_147_483_647) {
		throw new SocktuiError('BadUsage', `${flag} must be a number of seconds from 0 (never) to 2147483, got '${text}'`);
	}

	return Math.round(Number(text) * 1000);
}

/** A whole number from a flag, 0 or more (at most `max`). */
export function parseCount(value: unknown, flag: string, max = Number.MAX_SAFE_INTEGER): number {
	const text = String(value).trim();
	if (!/^\d+$/.test(text) || Number(text) > max) throw new SocktuiError('BadUsage', `${flag} must be a whole number from 0 to ${max}, got '${text}'`);
	return Number(text);
}
