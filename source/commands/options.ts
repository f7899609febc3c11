import {SocktuiError} from '../core/errors.js';
import {defaults, type Protocol} from '../core/defaults.js';
import {maxHandlerCpuMs} from '../core/echo/model-options.js';
import {isServerModel, serverModels, type ServerModel} from '../core/echo/server-model.js';
import {isLanguage, type Language} from '../ui/i18n/language.js';
import {flagText, parsePort} from './basic-options.js';
import type {FlagMap} from './command.js';

export {flagText, parsePort};

/** The longest timer Node can run: beyond 2^31-1 ms it silently fires after 1 ms. */
const maxTimerMs = 2 ** 31 - 1;

/**
 * A duration in milliseconds from a flag given in seconds or with an `ms`/`s` suffix, from 1 ms up to
 * Node's longest timer (about 24.8 days); out of range is a usage error in the unit the user wrote.
 */
export function parseSeconds(value: unknown, flag: string): number {
	const text = String(value).trim();
	const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text);
	if (!match) throw new SocktuiError('BadUsage', `${flag} must be a duration like 2, 0.5 or 500ms, got '${text}'`);
	const amount = Number(match[1]);
	const inMs = match[2] === 'ms';
	const ms = inMs ? amount : amount * 1000;
	if (!(ms >= 1 && ms <= maxTimerMs)) {
		const range = inMs ? `1 to ${maxTimerMs} ms` : `0.001 to ${maxTimerMs / 1000} s`;
		throw new SocktuiError('BadUsage', `${flag} must be from ${range}, got '${text}'`);
	}

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

/** The address flags, which must never fall back to their default when given without a value. */
const valueFlags = ['--host', '--port'];

/**
 * `--host` / `--port` given with no value (`--port` last, `--host=`, `--host ''`) or followed by another
 * flag (`--host --udp`) would otherwise mean the default: the one-line usage error for that, if any.
 * Takes the arguments as the CLI edge sees them (after `--flag -value` pairs are joined with `=`).
 */
export function missingFlagValue(args: readonly string[]): string | undefined {
	for (let index = 0; index < args.length; index++) {
		const arg = args[index]!;
		if (arg === '--') return undefined;
		const [name, ...rest] = arg.split('=');
		if (!valueFlags.includes(name!)) continue;
		const value = rest.length > 0 ? rest.join('=') : args[index + 1];
		if (value === undefined || value.trim() === '' || (name === '--host' && value.startsWith('-'))) {
			return `${name} needs a value, e.g. ${name === '--host' ? `${name} ${defaults.host}` : `${name} ${defaults.port}`}`;
		}

		if (rest.length === 0) index++;
	}

	return undefined;
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
	if (!/^\d+$/.test(text) || Number(text) > max)
		throw new SocktuiError('BadUsage', `${flag} must be a whole number from 0 to ${max}, got '${text}'`);
	return Number(text);
}

/** The server-model flags `socktui server` and the dashboard share. */
export const modelFlags = {
	model: {type: 'string', default: 'event-loop'},
	replyDelay: {type: 'string', default: '0'},
	handlerCpu: {type: 'string', default: '0'},
	pool: {type: 'string', default: '0'},
} as const satisfies FlagMap;

export interface ModelFlags {
	model: ServerModel;
	replyDelayMs: number;
	handlerCpuMs: number;
	pool: number;
}

export function parseModelFlags(flags: Record<string, unknown>): ModelFlags {
	const model = flagText(flags['model'] ?? 'event-loop').trim();
	if (!isServerModel(model))
		throw new SocktuiError('BadUsage', `--model must be one of ${serverModels.join(', ')}, got '${model}'`);
	const replyDelayMs = parseCount(flags['replyDelay'] ?? '0', '--reply-delay', defaults.maxReplyDelayMs);
	const handlerCpuMs = parseCount(flags['handlerCpu'] ?? '0', '--handler-cpu', maxHandlerCpuMs);
	const pool = parseCount(flags['pool'] ?? '0', '--pool', defaults.maxModelProcesses);
	if (pool > 0 && model !== 'processes')
		throw new SocktuiError('BadUsage', `--pool is for --model processes (pre-started children), not ${model}`);
	return {model, replyDelayMs, handlerCpuMs, pool};
}

/** `--lang en|zh`: the dashboard's words (the dashboard and the commands that open it share it). */
export const languageFlags = {
	lang: {type: 'string'},
} as const satisfies FlagMap;

/** The language `--lang` asks for; undefined when it is not given (the locale decides). */
export function parseLanguageFlag(value: unknown): Language | undefined {
	if (value === undefined) return undefined;
	const text = flagText(value).trim().toLowerCase();
	if (text === '') throw new SocktuiError('BadUsage', '--lang needs a value: en or zh');
	if (!isLanguage(text)) throw new SocktuiError('BadUsage', `--lang must be en or zh, got '${flagText(value)}'`);
	return text;
}
