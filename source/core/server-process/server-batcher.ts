import type {Protocol} from '../defaults.js';
import {readReport} from '../echo/read-report.js';
import type {EchoServerEvent, EchoServerStats} from '../echo/types.js';
import {maxBatchLines, maxLogPayloadBytes, type ServerChildMessage, type WireEvent} from './server-messages.js';

function lineFields(bytes: Uint8Array): {lines: number; lineEnds: number[]} {
	const {lines, lineEnds} = readReport(bytes);
	return {lines, lineEnds};
}

function toWire(event: EchoServerEvent): WireEvent | undefined {
	switch (event.type) {
		case 'listening':
		case 'closed':
			return undefined;
		case 'message-in':
		case 'message-out': {
			const bytes = event.bytes.subarray(0, maxLogPayloadBytes);
			return {
				type: event.type,
				protocol: event.protocol,
				connectionId: event.connectionId,
				peer: {...event.peer},
				bytesBase64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
				byteCount: event.bytes.byteLength,
				// A TCP read: where its lines ended, from all its bytes (only for the lines a batch carries).
				...(event.type === 'message-in' && event.protocol === 'tcp' ? lineFields(event.bytes) : {}),
			};
		}

		default:
			return event;
	}
}

/**
 * Collects a server's events between two IPC messages, in bounded memory: the first `maxLines` events
 * (log lines, connection events included) are kept, the rest only counted per protocol. Counters travel
 * as `stats()` with every batch, so nothing is lost but the lines themselves.
 */
export class ServerBatcher {
	readonly #maxLines: number;
	#events: WireEvent[] = [];
	#notShown: Record<Protocol, number> = {tcp: 0, udp: 0};
	#seq = 0;

	constructor(maxLines = maxBatchLines) {
		this.#maxLines = Math.min(maxLines, maxBatchLines);
	}

	/** Anything waiting to be sent. */
	get pending(): boolean {
		return this.#events.length > 0 || this.#notShown.tcp > 0 || this.#notShown.udp > 0;
	}

	add(event: EchoServerEvent): void {
		if (event.type === 'listening' || event.type === 'closed') return;
		if (this.#events.length >= this.#maxLines) {
			this.#notShown[event.protocol]++;
			return;
		}

		const wire = toWire(event);
		if (wire) this.#events.push(wire);
	}

	/** The batch to send now (and a fresh start for the next one). */
	take(stats: EchoServerStats[]): Extract<ServerChildMessage, {type: 'batch'}> {
		const batch = {type: 'batch' as const, seq: ++this.#seq, stats, events: this.#events, notShown: this.#notShown};
		this.#events = [];
		this.#notShown = {tcp: 0, udp: 0};
		return batch;
	}
}
