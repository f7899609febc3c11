import type {HandlerKnobs} from '../server-model.js';
import type {CloseReason} from '../types.js';
import {base64Pattern, isCount, isRecord} from '../../ipc-values.js';

/**
 * Messages between an echo server and its `server-worker` children (the processes model), both ways.
 * IPC is JSON: payloads travel as base64. Whatever arrives is checked; a message that does not match
 * its type is dropped (`undefined`).
 */

/** Server -> worker. `serve-tcp` comes with the connection's socket as the IPC handle. */
export type WorkerCommand =
	| {type: 'serve-tcp'; knobs: HandlerKnobs; idleTimeoutMs: number}
	| {type: 'serve-udp'; id: number; bytesBase64: string; knobs: HandlerKnobs}
	| {type: 'knobs'; knobs: HandlerKnobs}
	| {type: 'shutdown'};

/** Payload prefixes a traffic report carries for the server's log, per direction. */
export const maxSamplesPerReport = 8;
/** Payload bytes a sample keeps. */
export const maxSampleBytes = 240;

/** Worker -> server. */
export type WorkerReport =
	| {type: 'ready'}
	| {
			type: 'traffic';
			bytesIn: number;
			bytesOut: number;
			messagesIn: number;
			messagesOut: number;
			samples: Array<{direction: 'in' | 'out'; bytesBase64: string}>;
	  }
	| {type: 'tcp-end'; reason: CloseReason}
	| {type: 'udp-reply'; id: number; bytesBase64: string};

const closeReasons = new Set<string>(['end', 'reset', 'error', 'server', 'idle', 'evicted']);
/** A datagram's reply is at most 65,507 bytes: its base64 is shorter than this. */
const maxBase64Chars = 90_000;

function isBase64(value: unknown, max = maxBase64Chars): value is string {
	return typeof value === 'string' && value.length <= max && base64Pattern.test(value);
}

function parseKnobs(value: unknown): HandlerKnobs | undefined {
	if (!isRecord(value)) return undefined;
	const {replyDelayMs, handlerCpuMs} = value;
	if (!isCount(replyDelayMs) || !isCount(handlerCpuMs)) return undefined;
	return {replyDelayMs, handlerCpuMs};
}

export function parseWorkerCommand(value: unknown): WorkerCommand | undefined {
	if (!isRecord(value)) return undefined;
	if (value['type'] === 'shutdown') return {type: 'shutdown'};
	const knobs = parseKnobs(value['knobs']);
	if (!knobs) return undefined;
	if (value['type'] === 'knobs') return {type: 'knobs', knobs};
	if (value['type'] === 'serve-tcp' && isCount(value['idleTimeoutMs']))
		return {type: 'serve-tcp', knobs, idleTimeoutMs: value['idleTimeoutMs']};
	if (value['type'] === 'serve-udp' && isCount(value['id']) && isBase64(value['bytesBase64']))
		return {type: 'serve-udp', id: value['id'], bytesBase64: value['bytesBase64'], knobs};
	return undefined;
}

export function parseWorkerReport(value: unknown): WorkerReport | undefined {
	if (!isRecord(value)) return undefined;
	switch (value['type']) {
		case 'ready': {
			return {type: 'ready'};
		}

		case 'traffic': {
			const {bytesIn, bytesOut, messagesIn, messagesOut, samples} = value;
			if (!isCount(bytesIn) || !isCount(bytesOut) || !isCount(messagesIn) || !isCount(messagesOut)) return undefined;
			if (!Array.isArray(samples) || samples.length > 2 * maxSamplesPerReport) return undefined;
			const checked: Array<{direction: 'in' | 'out'; bytesBase64: string}> = [];
			for (const sample of samples as unknown[]) {
				if (!isRecord(sample)) return undefined;
				const {direction, bytesBase64} = sample;
				if ((direction !== 'in' && direction !== 'out') || !isBase64(bytesBase64, 4 * maxSampleBytes)) return undefined;
				checked.push({direction, bytesBase64});
			}

			return {type: 'traffic', bytesIn, bytesOut, messagesIn, messagesOut, samples: checked};
		}

		case 'tcp-end': {
			const reason = value['reason'];
			return typeof reason === 'string' && closeReasons.has(reason)
				? {type: 'tcp-end', reason: reason as CloseReason}
				: undefined;
		}

		case 'udp-reply': {
			return isCount(value['id']) && isBase64(value['bytesBase64'])
				? {type: 'udp-reply', id: value['id'], bytesBase64: value['bytesBase64']}
				: undefined;
		}

		default: {
			return undefined;
		}
	}
}
