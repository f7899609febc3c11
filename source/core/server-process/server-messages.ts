import type {Protocol} from '../defaults.js';
import type {
	DropReason,
	EchoGuardStats,
	EchoServerEvent,
	EchoServerOptions,
	EchoServerStats,
	Endpoint,
	KernelDrops,
	TrafficCounters,
} from '../echo/types.js';
import {isServerModel, type ServerModel} from '../echo/server-model.js';
import {maxLineEnds, type ReadReport} from '../echo/read-report.js';
import {exitCodes, type ErrorKind} from '../errors.js';
import {parseModelStats} from './model-stats-message.js';
import {base64Pattern, isCount, isRecord, isText as isTextOf} from '../ipc-values.js';

/**
 * The echo server runs in its own process (`socktui server-child`), spawned by the dashboard with a Node
 * IPC channel. These are the messages both ways, and their shape checks: whatever arrives over the
 * channel is untrusted input, and a message that does not match its type is dropped (`undefined`).
 */

/** What the child binds: host and port, plus any other EchoServerOptions, passed through as they are. */
export type ServerChildOptions = EchoServerOptions & {
	host: string;
	/** undefined = the default port, falling back to a free one when taken; a number (0 = free) is strict. */
	port?: number;
};

/** One event in a batch: an EchoServerEvent with its payload as base64 (IPC is JSON), cut to `maxLogPayloadBytes`. */
export type WireEvent =
	| Exclude<EchoServerEvent, {type: 'message-in' | 'message-out' | 'listening' | 'closed'}>
	| {
			type: 'message-in' | 'message-out';
			protocol: Protocol;
			connectionId: string;
			peer: Endpoint;
			bytesBase64: string;
			byteCount: number;
			/** TCP message-in: the newlines in the whole read, and where the first ones ended. */
			lines?: number;
			lineEnds?: number[];
	  };

/** Server child -> dashboard. */
export type ServerChildMessage =
	| {type: 'ready'; pid: number; port: number; local: {tcp: Endpoint; udp: Endpoint}; fellBackFrom?: number}
	| {type: 'error'; kind: ErrorKind; message: string}
	| {
			type: 'batch';
			seq: number;
			/** `stats()` of each server, as they are. */
			stats: EchoServerStats[];
			/** At most `maxBatchLines` events, oldest first. */
			events: WireEvent[];
			/** Events of this batch that were counted but not sent, per protocol. */
			notShown: Record<Protocol, number>;
	  };

/** Dashboard -> server child. */
export type ServerChildCommand =
	| {type: 'set-reply-delay'; ms: number}
	| {type: 'set-handler-cpu'; ms: number}
	| {type: 'set-model'; model: ServerModel}
	| {type: 'shutdown'};

/** Log lines (events) one batch carries at most; the rest are counted. */
export const maxBatchLines = 20;
/** Payload bytes a log line keeps (the dashboard shows about 60 characters). */
export const maxLogPayloadBytes = 240;

type Data = Record<string, unknown>;

const maxTextChars = 4096;
const maxExtraStatKeys = 32;
const errorKinds = new Set<string>(Object.keys(exitCodes));
const closeReasons = new Set(['end', 'reset', 'error', 'server', 'idle', 'evicted']);
const dropReasons = new Set<string>([
	'overload',
	'too-large',
	'unreplyable',
	'own-address',
	'low-port',
	'rate-limit',
	'muted',
] satisfies DropReason[]);
const guardCounts = [
	'unreplyable',
	'ownAddress',
	'lowPort',
	'rateLimited',
	'muted',
	'overload',
	'tooLarge',
	'loopsSuspected',
	'sendErrors',
	'idleClosed',
	'evicted',
] as const satisfies ReadonlyArray<keyof EchoGuardStats>;

function isText(value: unknown, max = maxTextChars): value is string {
	return isTextOf(value, max);
}

function isProtocol(value: unknown): value is Protocol {
	return value === 'tcp' || value === 'udp';
}

function endpoint(value: unknown): Endpoint | undefined {
	if (!isRecord(value) || !isText(value['address'], 255) || !isCount(value['port']) || value['port'] > 65_535)
		return undefined;
	return {address: value['address'], port: value['port']};
}

function guards(value: unknown): EchoGuardStats | undefined {
	if (!isRecord(value) || !guardCounts.every((key) => isCount(value[key]))) return undefined;
	return Object.fromEntries(guardCounts.map((key) => [key, value[key]])) as unknown as EchoGuardStats;
}

function kernelDrops(value: unknown): KernelDrops | undefined {
	if (!isRecord(value)) return undefined;
	if (isCount(value['count'])) return {count: value['count']};
	return isText(value['unavailable'], 300) ? {unavailable: value['unavailable']} : undefined;
}

function counters(value: unknown): TrafficCounters | undefined {
	if (!isRecord(value)) return undefined;
	const keys = ['bytesIn', 'bytesOut', 'messagesIn', 'messagesOut', 'firstSeen', 'lastSeen'] as const;
	if (!keys.every((key) => isCount(value[key]))) return undefined;
	return Object.fromEntries(keys.map((key) => [key, value[key]])) as unknown as TrafficCounters;
}

const statCounts = [
	'bytesIn',
	'bytesOut',
	'messagesIn',
	'messagesOut',
	'activeConnections',
	'totalConnections',
	'refusedConnections',
	'droppedMessages',
	'pausedConnections',
] as const;

/**
 * Server totals. The known fields are checked; further fields (counters a newer server adds) are copied
 * through when they are plain numbers or booleans, so new stats reach the dashboard without a change here.
 */
export function parseStats(value: unknown): EchoServerStats | undefined {
	if (!isRecord(value) || !isProtocol(value['protocol'])) return undefined;
	const local = endpoint(value['local']);
	if (!local || !statCounts.every((key) => isCount(value[key]))) return undefined;
	if (value['bufferedBytes'] !== undefined && !isCount(value['bufferedBytes'])) return undefined;
	if (value['replyDelayMs'] !== undefined && !isCount(value['replyDelayMs'])) return undefined;
	const guardStats = guards(value['guards']);
	if (!guardStats) return undefined;
	const models = parseModelStats(value['models']);
	if (!models) return undefined;
	const stats: Data = {protocol: value['protocol'], local, guards: guardStats, models};
	if (value['kernelDrops'] !== undefined) {
		const drops = kernelDrops(value['kernelDrops']);
		if (!drops) return undefined;
		stats['kernelDrops'] = drops;
	}

	let extra = 0;
	for (const [key, field] of Object.entries(value)) {
		if (key in stats || key === '__proto__') continue;
		const known = (statCounts as readonly string[]).includes(key) || key === 'bufferedBytes' || key === 'replyDelayMs';
		if (!known) {
			const plain = typeof field === 'boolean' || (typeof field === 'number' && Number.isFinite(field));
			if (!plain || key.length > 64 || extra >= maxExtraStatKeys) continue;
			extra++;
		}

		stats[key] = field;
	}

	return stats as unknown as EchoServerStats;
}

/** A read report from the wire: line ends rising, inside the read, no more than counted. */
function readOf(lines: unknown, lineEnds: unknown, byteCount: number): ReadReport | undefined {
	if (!isCount(lines) || !Array.isArray(lineEnds) || lineEnds.length > Math.min(maxLineEnds, lines)) return undefined;
	let previous = 0;
	for (const end of lineEnds as unknown[]) {
		if (!isCount(end) || end <= previous || end > byteCount) return undefined;
		previous = end;
	}

	if (lineEnds.length < Math.min(maxLineEnds, lines)) return undefined;
	return {byteCount, lines, lineEnds: [...(lineEnds as number[])]};
}

/** An event of a batch, turned back into an EchoServerEvent (payload bytes decoded). */
export function parseWireEvent(value: unknown): EchoServerEvent | undefined {
	if (!isRecord(value) || !isProtocol(value['protocol'])) return undefined;
	const protocol = value['protocol'];
	switch (value['type']) {
		case 'connection-opened':
		case 'connection-closed':
		case 'connection-refused': {
			const peer = endpoint(value['peer']);
			if (!peer || protocol !== 'tcp') return undefined;
			if (value['type'] === 'connection-refused')
				return value['reason'] === 'limit' ? {type: 'connection-refused', protocol, peer, reason: 'limit'} : undefined;
			const connectionId = value['connectionId'];
			if (!isText(connectionId, 300)) return undefined;
			if (value['type'] === 'connection-opened') return {type: 'connection-opened', protocol, connectionId, peer};
			const reason = value['reason'];
			const traffic = counters(value['counters']);
			if (typeof reason !== 'string' || !closeReasons.has(reason) || !traffic) return undefined;
			const idleMs = value['idleMs'];
			if (idleMs !== undefined && !isCount(idleMs)) return undefined;
			return {
				type: 'connection-closed',
				protocol,
				connectionId,
				peer,
				reason: reason as 'end',
				counters: traffic,
				...(idleMs === undefined ? {} : {idleMs}),
			};
		}

		case 'message-in':
		case 'message-out': {
			const peer = endpoint(value['peer']);
			const {connectionId, bytesBase64, byteCount} = value;
			if (!peer || !isText(connectionId, 300) || !isCount(byteCount)) return undefined;
			if (
				typeof bytesBase64 !== 'string' ||
				bytesBase64.length > Math.ceil(maxLogPayloadBytes / 3) * 4 ||
				bytesBase64.length % 4 !== 0 ||
				!base64Pattern.test(bytesBase64)
			)
				return undefined;
			const bytes = Buffer.from(bytesBase64, 'base64');
			if (value['lines'] === undefined && value['lineEnds'] === undefined)
				return {type: value['type'], protocol, connectionId, peer, bytes};
			const read = readOf(value['lines'], value['lineEnds'], byteCount);
			if (!read || value['type'] !== 'message-in' || protocol !== 'tcp') return undefined;
			return {type: 'message-in', protocol, connectionId, peer, bytes, read};
		}

		case 'dropped': {
			const peer = endpoint(value['peer']);
			const {byteCount, reason, unreported} = value;
			if (!peer || !isCount(byteCount) || typeof reason !== 'string' || !dropReasons.has(reason)) return undefined;
			if (unreported !== undefined && !isCount(unreported)) return undefined;
			return {
				type: 'dropped',
				protocol,
				peer,
				byteCount,
				reason: reason as DropReason,
				...(unreported === undefined ? {} : {unreported}),
			};
		}

		case 'peer-muted': {
			const peer = endpoint(value['peer']);
			const forMs = value['forMs'];
			if (!peer || protocol !== 'udp' || value['reason'] !== 'loop' || !isCount(forMs)) return undefined;
			return {type: 'peer-muted', protocol, peer, reason: 'loop', forMs};
		}

		case 'error':
			return isText(value['message']) ? {type: 'error', protocol, message: value['message']} : undefined;
		default:
			return undefined;
	}
}

/** A batch as the dashboard uses it: core types again. */
export interface ServerBatch {
	seq: number;
	stats: EchoServerStats[];
	events: EchoServerEvent[];
	notShown: Record<Protocol, number>;
}

export type ParsedChildMessage =
	| Extract<ServerChildMessage, {type: 'ready'}>
	| Extract<ServerChildMessage, {type: 'error'}>
	| ({type: 'batch'} & ServerBatch);

/** A message from the server child, or `undefined` when it is malformed (one bad event spoils its batch). */
export function parseServerChildMessage(value: unknown): ParsedChildMessage | undefined {
	if (!isRecord(value)) return undefined;
	switch (value['type']) {
		case 'ready': {
			const {pid, port, fellBackFrom} = value;
			const local = value['local'];
			if (!isCount(pid) || pid === 0 || !isCount(port) || port === 0 || port > 65_535 || !isRecord(local))
				return undefined;
			const tcp = endpoint(local['tcp']);
			const udp = endpoint(local['udp']);
			if (!tcp || !udp || tcp.port !== port || udp.port !== port) return undefined;
			if (fellBackFrom !== undefined && (!isCount(fellBackFrom) || fellBackFrom > 65_535)) return undefined;
			return {type: 'ready', pid, port, local: {tcp, udp}, ...(fellBackFrom === undefined ? {} : {fellBackFrom})};
		}

		case 'error': {
			const {kind, message} = value;
			if (typeof kind !== 'string' || !errorKinds.has(kind) || !isText(message)) return undefined;
			return {type: 'error', kind: kind as ErrorKind, message};
		}

		case 'batch': {
			const {seq, stats, events, notShown} = value;
			if (
				!isCount(seq) ||
				!Array.isArray(stats) ||
				stats.length > 2 ||
				!Array.isArray(events) ||
				events.length > maxBatchLines
			)
				return undefined;
			if (!isRecord(notShown) || !isCount(notShown['tcp']) || !isCount(notShown['udp'])) return undefined;
			const parsedStats = stats.map((item) => parseStats(item));
			const parsedEvents = events.map((item) => parseWireEvent(item));
			if (parsedStats.includes(undefined) || parsedEvents.includes(undefined)) return undefined;
			return {
				type: 'batch',
				seq,
				stats: parsedStats as EchoServerStats[],
				events: parsedEvents as EchoServerEvent[],
				notShown: {tcp: notShown['tcp'], udp: notShown['udp']},
			};
		}

		default:
			return undefined;
	}
}

/** A command from the dashboard, or `undefined` when it is malformed. */
export function parseServerChildCommand(value: unknown): ServerChildCommand | undefined {
	if (!isRecord(value)) return undefined;
	if (value['type'] === 'shutdown') return {type: 'shutdown'};
	const type = value['type'];
	if (
		(type === 'set-reply-delay' || type === 'set-handler-cpu') &&
		typeof value['ms'] === 'number' &&
		Number.isFinite(value['ms'])
	)
		return {type, ms: value['ms']};
	if (type === 'set-model' && isServerModel(value['model'])) return {type, model: value['model']};
	return undefined;
}

/** The `--options` JSON of `socktui server-child`: host and port checked, every other field passed through. */
export function parseServerChildOptions(text: string): ServerChildOptions | undefined {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return undefined;
	}

	if (!isRecord(value) || !isText(value['host'], 255) || value['host'] === '') return undefined;
	if (value['port'] !== undefined && (!isCount(value['port']) || value['port'] > 65_535)) return undefined;
	if (
		value['replyDelayMs'] !== undefined &&
		(typeof value['replyDelayMs'] !== 'number' || !Number.isFinite(value['replyDelayMs']))
	)
		return undefined;
	if (value['model'] !== undefined && !isServerModel(value['model'])) return undefined;
	for (const key of ['handlerCpuMs', 'pool'] as const)
		if (value[key] !== undefined && !isCount(value[key])) return undefined;
	return value as unknown as ServerChildOptions;
}
