import {NoReplyError} from '../echo/echo-client.js';
import {isSocktuiError, type ErrorKind} from '../errors.js';

/**
 * What went wrong in a session, as a code with parameters: it crosses the session IPC so the UI words it in
 * the reader's language (issue 21). The English `message` travels beside it for logs and older readers.
 */
export type SessionProblem =
	| {code: 'tooLarge'; bytes: number; max: number}
	| {code: 'queueFull'; max: number}
	| {code: 'serverClosed'}
	| {code: 'closedByDashboard'}
	| {code: 'processFailed'; line: string}
	| {code: 'socket'; kind: SocketProblemKind; protocol: string; host: string; port: number}
	| ({code: 'noReply'} & NoReplyProblem);

/**
 * No reply (or not all of it) within the wait: where from, the wait in milliseconds, and the part that came
 * back (its bytes; the bytes expected, or none when the newline is what is missing; how it started).
 */
export interface NoReplyProblem {
	protocol: string;
	host: string;
	port: number;
	waitMs: number;
	partial?: {bytes: number; expectedBytes?: number; start: string};
}

export const socketProblemKinds = [
	'PortInUse',
	'AddressUnavailable',
	'ConnectionRefused',
	'HostNotFound',
	'PeerClosed',
	'PortUnreachable',
] as const satisfies readonly ErrorKind[];
export type SocketProblemKind = (typeof socketProblemKinds)[number];

/** The code for an error a socket gave (after fromSocketError), or undefined when it has none (then: the text). */
export function socketProblem(
	error: unknown,
	where: {protocol: string; host: string; port: number},
): SessionProblem | undefined {
	if (error instanceof NoReplyError) return {code: 'noReply', ...where, ...error.detail};
	if (!isSocktuiError(error)) return undefined;
	const kind = socketProblemKinds.find((known) => known === error.kind);
	return kind === undefined ? undefined : {code: 'socket', kind, ...where};
}

const isCount = (value: unknown): value is number =>
	typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isShortText = (value: unknown): value is string => typeof value === 'string' && value.length <= 1000;

/** A problem read from the IPC, or undefined when it is malformed. */
export function parseSessionProblem(value: unknown): SessionProblem | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const record = value as Record<string, unknown>;
	switch (record['code']) {
		case 'tooLarge':
			return isCount(record['bytes']) && isCount(record['max'])
				? {code: 'tooLarge', bytes: record['bytes'], max: record['max']}
				: undefined;
		case 'queueFull':
			return isCount(record['max']) ? {code: 'queueFull', max: record['max']} : undefined;
		case 'serverClosed':
		case 'closedByDashboard':
			return {code: record['code']};
		case 'processFailed':
			return isShortText(record['line']) ? {code: 'processFailed', line: record['line']} : undefined;
		case 'socket': {
			const {kind, protocol, host, port} = record;
			const known = socketProblemKinds.find((entry) => entry === kind);
			if (known === undefined || !isShortText(protocol) || !isShortText(host) || !isCount(port)) return undefined;
			return {code: 'socket', kind: known, protocol, host, port};
		}

		case 'noReply':
			return parseNoReply(record);
		default:
			return undefined;
	}
}

function parseNoReply(record: Record<string, unknown>): SessionProblem | undefined {
	const {protocol, host, port, waitMs, partial} = record;
	if (!isShortText(protocol) || !isShortText(host) || !isCount(port) || !isCount(waitMs)) return undefined;
	const where = {code: 'noReply' as const, protocol, host, port, waitMs};
	if (partial === undefined) return where;
	if (typeof partial !== 'object' || partial === null) return undefined;
	const {bytes, expectedBytes, start} = partial as Record<string, unknown>;
	if (!isCount(bytes) || !isShortText(start) || (expectedBytes !== undefined && !isCount(expectedBytes)))
		return undefined;
	return {...where, partial: {bytes, ...(expectedBytes === undefined ? {} : {expectedBytes}), start}};
}
