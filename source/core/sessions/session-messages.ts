import {parseSessionProblem} from './session-problem.js';
import {defaults} from '../defaults.js';
import type {Endpoint} from '../echo/types.js';
import {
	maxReportedReads,
	type AutoMode,
	type SessionCommand,
	type SessionPhase,
	type SessionReport,
	type SessionState,
} from './types.js';
import {base64Pattern, isCount, isRecord, isText as isTextOf} from '../ipc-values.js';

/**
 * Shape checks for the IPC messages in both directions. Whatever arrives over the channel is untrusted
 * input: a message that does not match its type exactly is dropped (`undefined`), never a crash.
 * Unknown extra fields are not copied through.
 */

const reportStates = new Set<string>([
	'connecting',
	'connected',
	'ready',
	'waiting',
	'no-reply',
	'unreachable',
	'closed',
] satisfies Array<Exclude<SessionState, 'exited'>>);
const phases = new Set<string>(['idle', 'computing', 'waiting-reply'] satisfies SessionPhase[]);
/** Base64 of the largest datagram, with room to spare. */
const maxBase64Chars = Math.ceil((defaults.maxDatagramBytes * 4) / 3) + 4;
const maxTextChars = 4096;

function isTime(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isText(value: unknown, max = maxTextChars): value is string {
	return isTextOf(value, max);
}

function isBase64(value: unknown): value is string {
	return (
		typeof value === 'string' && value.length <= maxBase64Chars && value.length % 4 === 0 && base64Pattern.test(value)
	);
}

function endpoint(value: unknown): Endpoint | undefined {
	if (!isRecord(value) || !isText(value['address'], 255) || !isCount(value['port']) || value['port'] > 65_535)
		return undefined;
	return {address: value['address'], port: value['port']};
}

/** A report from a session child, or `undefined` when it is malformed. */
export function parseSessionReport(value: unknown): SessionReport | undefined {
	if (!isRecord(value)) return undefined;
	switch (value['type']) {
		case 'hello': {
			const remote = endpoint(value['remote']);
			const {pid, protocol} = value;
			if (!remote || !isCount(pid) || pid === 0 || (protocol !== 'tcp' && protocol !== 'udp')) return undefined;
			const {replyTimeoutMs} = value;
			if (replyTimeoutMs === undefined) return {type: 'hello', pid, protocol, remote};
			if (!isCount(replyTimeoutMs) || replyTimeoutMs === 0) return undefined;
			return {type: 'hello', pid, protocol, remote, replyTimeoutMs};
		}

		case 'state': {
			const {state, detail} = value;
			if (typeof state !== 'string' || !reportStates.has(state)) return undefined;
			const report: Extract<SessionReport, {type: 'state'}> = {
				type: 'state',
				state: state as Exclude<SessionState, 'exited'>,
			};
			if (value['local'] !== undefined) {
				const local = endpoint(value['local']);
				if (!local) return undefined;
				report.local = local;
			}

			if (detail !== undefined) {
				if (!isText(detail)) return undefined;
				report.detail = detail;
				const problem = parseSessionProblem(value['problem']);
				if (problem) report.problem = problem;
			}

			return report;
		}

		case 'phase': {
			const {phase, at} = value;
			if (typeof phase !== 'string' || !phases.has(phase) || !isTime(at)) return undefined;
			return {type: 'phase', phase: phase as SessionPhase, at};
		}

		case 'sent': {
			const {id, requestBase64, at} = value;
			if (!isCount(id) || !isBase64(requestBase64) || !isTime(at)) return undefined;
			return {type: 'sent', id, requestBase64, at};
		}

		case 'reply': {
			const {id, replyBase64, rttMs, at} = value;
			if (!isCount(id) || !isBase64(replyBase64) || !isTime(rttMs) || !isTime(at)) return undefined;
			return {type: 'reply', id, replyBase64, rttMs, at};
		}

		case 'error': {
			const {message} = value;
			if (!isText(message)) return undefined;
			const problem = parseSessionProblem(value['problem']);
			return problem ? {type: 'error', message, problem} : {type: 'error', message};
		}

		case 'reads': {
			const {id, writes, reads, readSizes, lines} = value;
			if (!isCount(id) || !isCount(writes) || !isCount(reads) || !isCount(lines)) return undefined;
			if (!Array.isArray(readSizes) || readSizes.length > maxReportedReads || !readSizes.every((size) => isCount(size)))
				return undefined;
			return {type: 'reads', id, writes, reads, readSizes: [...readSizes], lines};
		}

		default:
			return undefined;
	}
}

/** Auto-mode settings brought inside the bounds in `defaults` (non-numbers become the bounds' floor). */
export function clampAuto(auto: AutoMode): AutoMode {
	const clamp = (value: number, low: number, high: number) =>
		Number.isFinite(value) ? Math.min(high, Math.max(low, Math.round(value))) : low;
	return {
		enabled: auto.enabled === true,
		intervalMs: clamp(auto.intervalMs, defaults.autoMinIntervalMs, defaults.autoMaxIntervalMs),
		burstMs: clamp(auto.burstMs, 0, defaults.autoMaxBurstMs),
	};
}

/** A command from the dashboard, or `undefined` when it is malformed. */
export function parseSessionCommand(value: unknown): SessionCommand | undefined {
	if (!isRecord(value)) return undefined;
	switch (value['type']) {
		case 'send': {
			const {text} = value;
			// The byte cap is checked by the child, which reports it; here only a sanity bound on characters.
			if (!isText(text, defaults.maxDatagramBytes)) return undefined;
			return {type: 'send', text};
		}

		case 'send-pair': {
			const {first, second} = value;
			// Each is one line: a newline inside would make more than two messages.
			const line = (text: unknown): text is string => isText(text, 1000) && !text.includes('\n');
			if (!line(first) || !line(second)) return undefined;
			return {type: 'send-pair', first, second};
		}

		case 'set-auto': {
			const {auto} = value;
			if (!isRecord(auto) || typeof auto['enabled'] !== 'boolean') return undefined;
			const {intervalMs, burstMs} = auto;
			if (typeof intervalMs !== 'number' || typeof burstMs !== 'number') return undefined;
			return {type: 'set-auto', auto: clampAuto({enabled: auto['enabled'], intervalMs, burstMs})};
		}

		case 'close':
			return {type: 'close'};
		default:
			return undefined;
	}
}
