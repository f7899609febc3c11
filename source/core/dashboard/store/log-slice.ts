import type {Protocol} from '../../defaults.js';
import type {ReadReport} from '../../echo/read-report.js';
import type {EchoServerEvent, Endpoint} from '../../echo/types.js';
import {formatHostPort} from '../../errors.js';
import {safeText} from '../../text/safe-text.js';
import {RingBuffer} from '../ring-buffer.js';
import type {LogEntry, LogKind, LogNote} from '../snapshot.js';
import type {StoreEvent} from '../store-event.js';

/** Payload characters a log line keeps. */
export const payloadChars = 60;

interface LogItem {
	id: number;
	at: number;
	protocol: Protocol;
	peer?: Endpoint;
	kind: LogKind;
	bytes?: Uint8Array;
	note?: LogNote;
	read?: ReadReport;
	entry?: LogEntry;
}

/**
 * The server log: a bounded ring of the server's events as lines. Folding keeps the raw bytes (at most a
 * line's worth); the safe text of a line is made once, when a view first shows it, so a flood of messages
 * between two views costs a push each.
 */
export class LogSlice {
	readonly #ascii: boolean;
	readonly #log: RingBuffer<LogItem>;
	#nextId = 1;
	#dirty = false;
	#view: readonly LogEntry[] = Object.freeze([]);

	constructor(options: {ascii?: boolean; entries: number}) {
		this.#ascii = options.ascii ?? false;
		this.#log = new RingBuffer(options.entries);
	}

	/** Folds one event seen at `at` (the store's clock); true when the log changed. */
	fold(event: StoreEvent, at: number): boolean {
		switch (event.type) {
			case 'server':
				return this.#foldServer(event.event, at);
			case 'server-log-skipped': {
				if (event.count <= 0) return false;
				this.#push({at, protocol: event.protocol, kind: 'skipped', note: {code: 'skipped', count: event.count}});
				return true;
			}

			default:
				return false;
		}
	}

	/** The lines, oldest first: the same array until a line is added. */
	view(): readonly LogEntry[] {
		if (this.#dirty) {
			this.#dirty = false;
			this.#view = Object.freeze(this.#log.toArray((item) => this.#entry(item)));
		}

		return this.#view;
	}

	#push(item: Omit<LogItem, 'id'>): void {
		this.#log.push({...item, id: this.#nextId++});
		this.#dirty = true;
	}

	#foldServer(event: EchoServerEvent, at: number): boolean {
		const {protocol} = event;
		switch (event.type) {
			case 'connection-opened':
				this.#push({at, protocol, peer: event.peer, kind: 'open'});
				return true;
			case 'connection-closed':
				this.#push({at, protocol, peer: event.peer, kind: 'close', note: {code: 'closed', reason: event.reason}});
				return true;
			case 'connection-refused':
				this.#push({at, protocol, peer: event.peer, kind: 'refused', note: {code: 'refused', reason: event.reason}});
				return true;
			case 'message-in':
				this.#push({
					at,
					protocol,
					peer: event.peer,
					kind: 'in',
					bytes: event.bytes.subarray(0, payloadChars * 4),
					...(event.read ? {read: event.read} : {}),
				});
				return true;
			case 'message-out':
				this.#push({at, protocol, peer: event.peer, kind: 'out', bytes: event.bytes.subarray(0, payloadChars * 4)});
				return true;
			case 'dropped':
				this.#push({
					at,
					protocol,
					peer: event.peer,
					kind: 'dropped',
					note: {code: 'dropped', bytes: event.byteCount, reason: event.reason},
				});
				return true;
			case 'peer-muted':
				this.#push({
					at,
					protocol,
					peer: event.peer,
					kind: 'dropped',
					note: {code: 'muted', seconds: Math.round(event.forMs / 1000)},
				});
				return true;
			case 'error':
				this.#push({
					at,
					protocol,
					kind: 'error',
					note: {code: 'error', detail: safeText(event.message, {ascii: this.#ascii, maxLength: 120})},
				});
				return true;
			case 'listening':
			case 'closed':
				return false;
		}
	}

	#entry(item: LogItem): LogEntry {
		if (item.entry) return item.entry;
		let text = '';
		if (item.bytes) text = safeText(item.bytes, {ascii: this.#ascii, maxLength: payloadChars});
		item.entry = Object.freeze({
			id: item.id,
			at: item.at,
			protocol: item.protocol,
			peer: item.peer ? formatHostPort(item.peer.address, item.peer.port) : '',
			kind: item.kind,
			text,
			...(item.note ? {note: item.note} : {}),
			...(item.read ? {read: Object.freeze({...item.read, lineEnds: Object.freeze([...item.read.lineEnds])})} : {}),
		}) as LogEntry;
		item.bytes = undefined;
		return item.entry;
	}
}
