import type {Protocol} from '../../defaults.js';
import type {EchoServerEvent, EchoServerStats, Endpoint} from '../../echo/types.js';
import {safeText} from '../../text/safe-text.js';
import {RateMeter} from '../rate-meter.js';
import type {KnobsView, ServerKnobs, ServerProcessView, ServerView} from '../snapshot.js';
import type {StoreEvent} from '../store-event.js';

/** A server of `protocol` as the store first records it: starting, no peers, no traffic. */
export function emptyServer(protocol: Protocol): ServerView {
	return {
		protocol,
		state: 'starting',
		activeConnections: 0,
		totalConnections: 0,
		messagesIn: 0,
		messagesOut: 0,
		bytesIn: 0,
		bytesOut: 0,
		rates: {messagesInPerSec: 0, messagesOutPerSec: 0, bytesInPerSec: 0, bytesOutPerSec: 0},
		dropped: 0,
		refused: 0,
		replyDelayMs: 0,
	};
}

/** The servers' part of the snapshot. */
export interface ServersPart {
	serverPid: number;
	serverProcess?: ServerProcessView;
	servers: readonly ServerView[];
	remote?: Endpoint;
	remotes?: Readonly<Partial<Record<Protocol, Endpoint>>>;
	knobs?: KnobsView;
}

interface ServerRecord {
	view: ServerView;
	/** `view` is a private copy changed since the last `part()`: it is frozen and shown at the next one. */
	dirty: boolean;
	meter: RateMeter;
}

/**
 * The echo servers: their state and counters (the server's own totals win over counted events), the
 * server process, the remote servers with --connect, and the knobs as asked for against what the server
 * process last reported in force. Folding touches no clock and no I/O; `part()` builds the immutable part,
 * reusing every unchanged object, and only when something changed since the last one.
 */
export class ServersSlice {
	readonly #ascii: boolean;
	readonly #servers = new Map<Protocol, ServerRecord>();
	#serverPid: number;
	#serverProcess: ServerProcessView | undefined;
	#remote: Endpoint | undefined;
	#remotes: Readonly<Partial<Record<Protocol, Endpoint>>> | undefined;
	#asked: ServerKnobs | undefined;
	/** The knobs the running server process was started with (in force before it reports any). */
	#startedWith: ServerKnobs | undefined;
	/** What the server process's stats last reported, per protocol: reply delay; TCP: model and handler CPU. */
	readonly #reportedDelay = new Map<Protocol, number>();
	#reportedModel: Pick<ServerKnobs, 'model' | 'handlerCpuMs'> | undefined;
	#knobsView: KnobsView | undefined;
	#knobsDirty = false;
	#dirty = true;
	#part: ServersPart | undefined;
	#serversView: readonly ServerView[] = [];

	constructor(options: {ascii?: boolean; serverPid: number}) {
		this.#ascii = options.ascii ?? false;
		this.#serverPid = options.serverPid;
	}

	/** Folds one event; true when the part changed. */
	fold(event: StoreEvent): boolean {
		switch (event.type) {
			case 'server-starting': {
				this.#server(event.protocol);
				// A new process reports afresh: the old one's reports no longer say what is in force.
				this.#reportedDelay.delete(event.protocol);
				if (event.protocol === 'tcp') this.#reportedModel = undefined;
				this.#knobsDirty = true;
				return this.#changed();
			}

			case 'server':
				return this.#foldServer(event.event) && this.#changed();
			case 'server-stats':
				return this.#foldStats(event.stats) && this.#changed();
			case 'knobs-asked': {
				this.#asked = Object.freeze({...event.knobs});
				if (event.inForce) {
					this.#startedWith = this.#asked;
					for (const record of this.#servers.values())
						if (!this.#reportedDelay.has(record.view.protocol))
							this.#patch(record, {replyDelayMs: event.knobs.replyDelayMs});
				}

				this.#knobsDirty = true;
				return this.#changed();
			}

			case 'server-process': {
				this.#serverProcess = Object.freeze({...event.process});
				this.#serverPid = event.process.pid;
				return this.#changed();
			}

			case 'remote': {
				if (event.protocol)
					this.#remotes = Object.freeze({...this.#remotes, [event.protocol]: Object.freeze({...event.remote})});
				else this.#remote = Object.freeze({...event.remote});
				return this.#changed();
			}

			default:
				return false;
		}
	}

	/** Recomputes the per-second rates from the counters (the store calls it about once a second). */
	sampleRates(at: number): boolean {
		let changed = false;
		for (const record of this.#servers.values()) {
			const view = record.view;
			if (record.meter.sample(at, [view.messagesIn, view.messagesOut, view.bytesIn, view.bytesOut])) {
				const [messagesInPerSec = 0, messagesOutPerSec = 0, bytesInPerSec = 0, bytesOutPerSec = 0] = record.meter.rates;
				this.#patch(record, {rates: {messagesInPerSec, messagesOutPerSec, bytesInPerSec, bytesOutPerSec}});
				changed = true;
			}
		}

		return changed && this.#changed();
	}

	/** The immutable part: the same object until something changes. */
	part(): ServersPart {
		if (this.#part && !this.#dirty) return this.#part;
		this.#dirty = false;
		let serversChanged = this.#serversView.length !== this.#servers.size;
		for (const record of this.#servers.values()) {
			if (record.dirty) {
				record.dirty = false;
				record.view = Object.freeze({...record.view});
				serversChanged = true;
			}
		}

		if (serversChanged) this.#serversView = Object.freeze([...this.#servers.values()].map((record) => record.view));
		const knobs = this.#knobs();
		this.#part = Object.freeze({
			serverPid: this.#serverPid,
			...(this.#serverProcess ? {serverProcess: this.#serverProcess} : {}),
			servers: this.#serversView,
			...(this.#remote ? {remote: this.#remote} : {}),
			...(this.#remotes ? {remotes: this.#remotes} : {}),
			...(knobs ? {knobs} : {}),
		});
		return this.#part;
	}

	#changed(): true {
		this.#dirty = true;
		return true;
	}

	#knobs(): KnobsView | undefined {
		const asked = this.#asked;
		// Knobs are our server's: with --connect alone there is none to confirm them.
		if (!asked || this.#servers.size === 0) return undefined;
		if (!this.#knobsDirty && this.#knobsView) return this.#knobsView;
		this.#knobsDirty = false;
		const started = this.#startedWith;
		const delayOf = (protocol: Protocol) => this.#reportedDelay.get(protocol) ?? started?.replyDelayMs;
		const model = this.#reportedModel ?? started;
		const pending = {
			model: model?.model !== asked.model,
			replyDelayMs: [...this.#servers.keys()].some((protocol) => delayOf(protocol) !== asked.replyDelayMs),
			handlerCpuMs: model?.handlerCpuMs !== asked.handlerCpuMs,
		};
		const before = this.#knobsView;
		if (
			before?.asked === asked &&
			before.pending.model === pending.model &&
			before.pending.replyDelayMs === pending.replyDelayMs &&
			before.pending.handlerCpuMs === pending.handlerCpuMs
		)
			return before;
		this.#knobsView = Object.freeze({asked, pending: Object.freeze(pending)});
		return this.#knobsView;
	}

	#server(protocol: Protocol): ServerRecord {
		let record = this.#servers.get(protocol);
		if (!record) {
			const view = emptyServer(protocol);
			if (this.#startedWith) view.replyDelayMs = this.#startedWith.replyDelayMs;
			record = {view, dirty: true, meter: new RateMeter()};
			this.#servers.set(protocol, record);
			this.#knobsDirty = true;
		}

		return record;
	}

	#patch(record: ServerRecord, patch: Partial<ServerView>): void {
		record.view = {...record.view, ...patch};
		record.dirty = true;
	}

	#foldServer(event: EchoServerEvent): boolean {
		const record = this.#server(event.protocol);
		const view = record.view;
		switch (event.type) {
			case 'listening':
				this.#patch(record, {state: 'listening', local: {...event.local}});
				return true;
			case 'connection-opened':
				this.#patch(record, {
					activeConnections: view.activeConnections + 1,
					totalConnections: view.totalConnections + 1,
				});
				return true;
			case 'connection-closed':
				this.#patch(record, {activeConnections: Math.max(0, view.activeConnections - 1)});
				return true;
			case 'connection-refused':
				this.#patch(record, {refused: view.refused + 1});
				return true;
			case 'message-in':
				this.#bump(record, 'in', event.bytes.length);
				return true;
			case 'message-out':
				this.#bump(record, 'out', event.bytes.length);
				return true;
			case 'dropped':
				this.#patch(record, {dropped: view.dropped + 1 + (event.unreported ?? 0)});
				return true;
			case 'peer-muted':
				return false;
			case 'error':
				this.#patch(record, {error: safeText(event.message, {ascii: this.#ascii, maxLength: 120})});
				return true;
			case 'closed':
				this.#patch(record, {state: 'closed', activeConnections: 0});
				return true;
		}
	}

	/** Counters are bumped in place on a private copy (made once per part): a flood costs no copy per event. */
	#bump(record: ServerRecord, direction: 'in' | 'out', bytes: number): void {
		if (!record.dirty) {
			record.view = {...record.view};
			record.dirty = true;
		}

		const view = record.view;
		if (direction === 'in') {
			view.messagesIn += 1;
			view.bytesIn += bytes;
		} else {
			view.messagesOut += 1;
			view.bytesOut += bytes;
		}
	}

	#foldStats(stats: EchoServerStats): boolean {
		const record = this.#server(stats.protocol);
		const view = record.view;
		const patch: Partial<ServerView> = {
			activeConnections: stats.activeConnections,
			totalConnections: stats.totalConnections,
			refused: stats.refusedConnections,
			dropped: stats.droppedMessages,
			messagesIn: stats.messagesIn,
			messagesOut: stats.messagesOut,
			bytesIn: stats.bytesIn,
			bytesOut: stats.bytesOut,
		};
		let changed = (Object.keys(patch) as Array<keyof typeof patch>).some((key) => patch[key] !== view[key]);
		// What the server reports in force changed (the knobs' pending flags follow it).
		let confirmed = false;
		// Older servers (or one in another process) may not send these.
		if (stats.guards !== undefined && JSON.stringify(stats.guards) !== JSON.stringify(view.guards)) {
			patch.guards = {...stats.guards};
			changed = true;
		}

		if (stats.models !== undefined) {
			if (JSON.stringify(stats.models) !== JSON.stringify(view.models)) {
				patch.models = stats.models;
				changed = true;
			}

			const reported = this.#reportedModel;
			const {model, handlerCpuMs} = stats.models;
			if (stats.protocol === 'tcp' && (reported?.model !== model || reported.handlerCpuMs !== handlerCpuMs)) {
				this.#reportedModel = {model, handlerCpuMs};
				confirmed = true;
			}
		}

		// The delay the server reports is the one in force (a request may not have reached it yet).
		if (stats.replyDelayMs !== undefined) {
			const delay = stats.replyDelayMs;
			if (delay !== view.replyDelayMs) {
				patch.replyDelayMs = delay;
				changed = true;
			}

			if (this.#reportedDelay.get(stats.protocol) !== delay) {
				this.#reportedDelay.set(stats.protocol, delay);
				confirmed = true;
			}
		}

		if (stats.kernelDrops !== undefined && JSON.stringify(stats.kernelDrops) !== JSON.stringify(view.kernelDrops)) {
			patch.kernelDrops = {...stats.kernelDrops};
			changed = true;
		}

		if (changed) this.#patch(record, patch);
		this.#knobsDirty ||= confirmed;
		return changed || (confirmed && this.#asked !== undefined);
	}
}
