import type {SessionProblem} from '../sessions/session-problem.js';
import {defaults, type Protocol} from '../defaults.js';
import {formatHostPort} from '../errors.js';
import type {ReadReport} from '../echo/read-report.js';
import type {EchoServerEvent, EchoServerStats, Endpoint} from '../echo/types.js';
import type {AutoMode, SessionEvent, SessionPhase, SessionReport, SessionState} from '../sessions/types.js';
import {safeText} from '../text/safe-text.js';
import {safeNotice} from './safe-notice.js';
import {RateMeter} from './rate-meter.js';
import {RingBuffer} from './ring-buffer.js';
import type {
	ConversationEntry,
	ConversationKind,
	DashboardSnapshot,
	LogEntry,
	LogKind,
	LogNote,
	NoticeEntry,
	OneCpuView,
	DemoMemoryView,
	PairReads,
	ServerProcessView,
	ServerView,
	SessionExit,
	SessionView,
} from './snapshot.js';
import type {StoreEvent} from './store-event.js';

export interface Timers {
	now(): number;
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
	setInterval(callback: () => void, ms: number): unknown;
	clearInterval(handle: unknown): void;
}

const realTimers: Timers = {
	now: () => Date.now(),
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
	setInterval: (callback, ms) => setInterval(callback, ms),
	clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

export interface DashboardStoreOptions {
	/** Publishes per second, at most. */
	frameRateHz?: number;
	/** Escape non-ASCII text too (for `--ascii` and non-UTF-8 locales). */
	ascii?: boolean;
	logEntries?: number;
	conversationEntries?: number;
	/** Session panes kept; the oldest exited ones go first. */
	maxSessions?: number;
	serverPid?: number;
	/** How often rates are recomputed. */
	rateIntervalMs?: number;
	timers?: Timers;
}

const payloadChars = 60;
const conversationChars = 200;
const defaultAuto: AutoMode = {enabled: false, intervalMs: 1000, burstMs: 0};

interface ServerRecord {
	view: ServerView;
	dirty: boolean;
	meter: RateMeter;
}

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

interface SessionModel {
	fields: Omit<SessionView, 'conversation'>;
	conversation: RingBuffer<ConversationEntry>;
	view?: SessionView;
	conversationView: readonly ConversationEntry[];
	conversationDirty: boolean;
	dirty: boolean;
}

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

function decodeBase64(text: string): Uint8Array {
	return Buffer.from(text, 'base64');
}

/**
 * Folds core events into immutable snapshots and publishes them at most `frameRateHz` times a second, and
 * only when something changed. Folding is cheap (counters and ring buffers); the costly part (safe text,
 * new arrays) happens once per publish for what changed, so 20,000 events a second cost little.
 */
export class DashboardStore {
	readonly #timers: Timers;
	readonly #intervalMs: number;
	readonly #ascii: boolean;
	readonly #maxSessions: number;
	readonly #conversationEntries: number;
	readonly #listeners = new Set<() => void>();
	readonly #servers = new Map<Protocol, ServerRecord>();
	readonly #log: RingBuffer<LogItem>;
	readonly #sessions = new Map<number, SessionModel>();
	readonly #notices: RingBuffer<NoticeEntry>;
	#nextId = 1;
	#logDirty = false;
	#logView: readonly LogEntry[] = [];
	#sessionsDirty = false;
	#sessionsView: readonly SessionView[] = [];
	#serversView: readonly ServerView[] = [];
	#noticesView: readonly NoticeEntry[] = [];
	#remote: Endpoint | undefined;
	#remotes: Partial<Record<Protocol, Endpoint>> | undefined;
	#serverProcess: ServerProcessView | undefined;
	#serverPid: number;
	#oneCpu: OneCpuView = {enabled: false};
	#demoMemory: DemoMemoryView | undefined;
	#dirty = false;
	#timer: unknown;
	#rateTimer: unknown;
	#lastPublish = Number.NEGATIVE_INFINITY;
	#snapshot: DashboardSnapshot;
	#disposed = false;

	constructor(options: DashboardStoreOptions = {}) {
		this.#timers = options.timers ?? realTimers;
		this.#intervalMs = 1000 / (options.frameRateHz ?? defaults.frameRateHz);
		this.#ascii = options.ascii ?? false;
		this.#maxSessions = options.maxSessions ?? 12;
		this.#conversationEntries = options.conversationEntries ?? 50;
		this.#log = new RingBuffer(options.logEntries ?? defaults.logEntries);
		this.#notices = new RingBuffer(4);
		this.#serverPid = options.serverPid ?? process.pid;
		this.#snapshot = {
			seq: 0,
			serverPid: this.#serverPid,
			servers: [],
			serverLog: [],
			sessions: [],
			notices: [],
			oneCpu: this.#oneCpu,
		};
		this.#rateTimer = this.#timers.setInterval(() => this.#sampleRates(), options.rateIntervalMs ?? 1000);
		(this.#rateTimer as {unref?: () => void}).unref?.();
	}

	getSnapshot = (): DashboardSnapshot => this.#snapshot;

	subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	};

	apply(event: StoreEvent): void {
		if (this.#disposed) return;
		if (this.#fold(event)) this.#markDirty();
	}

	/** Publishes now if anything changed (for shutdown and tests). */
	flush(): void {
		if (this.#timer !== undefined) {
			this.#timers.clearTimeout(this.#timer);
			this.#timer = undefined;
		}

		this.#publish();
	}

	dispose(): void {
		this.#disposed = true;
		if (this.#timer !== undefined) this.#timers.clearTimeout(this.#timer);
		this.#timers.clearInterval(this.#rateTimer);
		this.#listeners.clear();
	}

	#markDirty(): void {
		this.#dirty = true;
		if (this.#timer !== undefined) return;
		const wait = Math.max(0, this.#lastPublish + this.#intervalMs - this.#timers.now());
		this.#timer = this.#timers.setTimeout(() => {
			this.#timer = undefined;
			this.#publish();
		}, wait);
	}

	#publish(): void {
		if (!this.#dirty || this.#disposed) return;
		this.#dirty = false;
		this.#lastPublish = this.#timers.now();
		this.#snapshot = this.#build();
		for (const listener of this.#listeners) listener();
	}

	#sampleRates(): void {
		const at = this.#timers.now();
		let changed = false;
		for (const model of this.#servers.values()) {
			const view = model.view;
			if (model.meter.sample(at, [view.messagesIn, view.messagesOut, view.bytesIn, view.bytesOut])) {
				const [messagesInPerSec = 0, messagesOutPerSec = 0, bytesInPerSec = 0, bytesOutPerSec = 0] = model.meter.rates;
				model.view = {...view, rates: {messagesInPerSec, messagesOutPerSec, bytesInPerSec, bytesOutPerSec}};
				model.dirty = true;
				changed = true;
			}
		}

		if (changed) this.#markDirty();
	}

	// ---- folding: returns true when something visible changed ----

	#fold(event: StoreEvent): boolean {
		switch (event.type) {
			case 'server-starting': {
				this.#server(event.protocol);
				return true;
			}

			case 'server':
				return this.#foldServer(event.event);
			case 'server-stats':
				return this.#foldStats(event.stats);
			case 'reply-delay': {
				for (const model of this.#servers.values()) this.#patchServer(model, {replyDelayMs: event.ms});
				return true;
			}

			case 'server-process': {
				this.#serverProcess = Object.freeze({...event.process});
				this.#serverPid = event.process.pid;
				return true;
			}

			case 'server-log-skipped': {
				if (event.count <= 0) return false;
				this.#logItem({
					at: this.#timers.now(),
					protocol: event.protocol,
					kind: 'skipped',
					note: {code: 'skipped', count: event.count},
				});
				return true;
			}

			case 'session-pinned': {
				const model = this.#session(event.sessionId);
				if (!model || model.fields.pinnedCpu === event.cpu) return false;
				const {pinnedCpu: _, ...rest} = model.fields;
				model.fields = event.cpu === undefined ? rest : {...rest, pinnedCpu: event.cpu};
				model.dirty = true;
				this.#sessionsDirty = true;
				return true;
			}

			case 'session':
				return this.#foldSession(event.event);
			case 'session-closing':
				return this.#patchSession(event.sessionId, {closing: true});
			case 'session-dismissed': {
				const existed = this.#sessions.delete(event.sessionId);
				this.#sessionsDirty ||= existed;
				return existed;
			}

			case 'auto-set':
				return this.#patchSession(event.sessionId, {auto: {...event.auto}});
			case 'remote': {
				if (event.protocol) {
					this.#remotes = Object.freeze({...this.#remotes, [event.protocol]: Object.freeze({...event.remote})});
					return true;
				}

				this.#remote = {...event.remote};
				return true;
			}

			case 'notice': {
				this.#notices.push({
					id: this.#nextId++,
					level: event.level,
					notice: safeNotice(event.notice, (text) => safeText(text, {ascii: this.#ascii, maxLength: 200})),
				});
				this.#noticesView = this.#notices.toArray();
				return true;
			}

			case 'one-cpu': {
				this.#oneCpu = {...event.view};
				return true;
			}

			case 'demo-memory': {
				const before = this.#demoMemory;
				if (before !== undefined && JSON.stringify(before) === JSON.stringify(event.view)) return false;
				this.#demoMemory = Object.freeze({...event.view});
				return true;
			}
		}
	}

	#server(protocol: Protocol): ServerRecord {
		let model = this.#servers.get(protocol);
		if (!model) {
			model = {view: emptyServer(protocol), dirty: true, meter: new RateMeter()};
			this.#servers.set(protocol, model);
		}

		return model;
	}

	#patchServer(model: ServerRecord, patch: Partial<ServerView>): void {
		model.view = {...model.view, ...patch};
		model.dirty = true;
	}

	#logItem(item: Omit<LogItem, 'id'>): void {
		this.#log.push({...item, id: this.#nextId++});
		this.#logDirty = true;
	}

	#foldServer(event: EchoServerEvent): boolean {
		const model = this.#server(event.protocol);
		const view = model.view;
		// Counters are bumped in place on a private copy: the published view is replaced at the next build.
		switch (event.type) {
			case 'listening':
				this.#patchServer(model, {state: 'listening', local: {...event.local}});
				return true;
			case 'connection-opened':
				this.#patchServer(model, {
					activeConnections: view.activeConnections + 1,
					totalConnections: view.totalConnections + 1,
				});
				this.#logItem({at: this.#timers.now(), protocol: event.protocol, peer: event.peer, kind: 'open'});
				return true;
			case 'connection-closed':
				this.#patchServer(model, {activeConnections: Math.max(0, view.activeConnections - 1)});
				this.#logItem({
					at: this.#timers.now(),
					protocol: event.protocol,
					peer: event.peer,
					kind: 'close',
					note: {code: 'closed', reason: event.reason},
				});
				return true;
			case 'connection-refused':
				this.#patchServer(model, {refused: view.refused + 1});
				this.#logItem({
					at: this.#timers.now(),
					protocol: event.protocol,
					peer: event.peer,
					kind: 'refused',
					note: {code: 'refused', reason: event.reason},
				});
				return true;
			case 'message-in':
				this.#bump(model, 'in', event.bytes.length);
				this.#logItem({
					at: this.#timers.now(),
					protocol: event.protocol,
					peer: event.peer,
					kind: 'in',
					bytes: event.bytes.subarray(0, payloadChars * 4),
					...(event.read ? {read: event.read} : {}),
				});
				return true;
			case 'message-out':
				this.#bump(model, 'out', event.bytes.length);
				this.#logItem({
					at: this.#timers.now(),
					protocol: event.protocol,
					peer: event.peer,
					kind: 'out',
					bytes: event.bytes.subarray(0, payloadChars * 4),
				});
				return true;
			case 'dropped':
				this.#patchServer(model, {dropped: view.dropped + 1 + (event.unreported ?? 0)});
				this.#logItem({
					at: this.#timers.now(),
					protocol: event.protocol,
					peer: event.peer,
					kind: 'dropped',
					note: {code: 'dropped', bytes: event.byteCount, reason: event.reason},
				});
				return true;
			case 'peer-muted':
				this.#logItem({
					at: this.#timers.now(),
					protocol: event.protocol,
					peer: event.peer,
					kind: 'dropped',
					note: {code: 'muted', seconds: Math.round(event.forMs / 1000)},
				});
				return true;
			case 'error': {
				const error = safeText(event.message, {ascii: this.#ascii, maxLength: 120});
				this.#patchServer(model, {error});
				this.#logItem({
					at: this.#timers.now(),
					protocol: event.protocol,
					kind: 'error',
					note: {code: 'error', detail: error},
				});
				return true;
			}

			case 'closed':
				this.#patchServer(model, {state: 'closed', activeConnections: 0});
				return true;
		}
	}

	#bump(model: ServerRecord, direction: 'in' | 'out', bytes: number): void {
		if (!model.dirty) {
			model.view = {...model.view};
			model.dirty = true;
		}

		// Safe: after the copy above, this view object is private until the next build.
		const view = model.view;
		if (direction === 'in') {
			view.messagesIn += 1;
			view.bytesIn += bytes;
		} else {
			view.messagesOut += 1;
			view.bytesOut += bytes;
		}
	}

	#foldStats(stats: EchoServerStats): boolean {
		const model = this.#server(stats.protocol);
		const view = model.view;
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
		// Older servers (or one in another process) may not send these.
		if (stats.guards !== undefined && JSON.stringify(stats.guards) !== JSON.stringify(view.guards)) {
			patch.guards = {...stats.guards};
			changed = true;
		}

		if (stats.models !== undefined && JSON.stringify(stats.models) !== JSON.stringify(view.models)) {
			patch.models = stats.models;
			changed = true;
		}

		// The delay the server reports is the one in force (a request may not have reached it yet).
		if (stats.replyDelayMs !== undefined && stats.replyDelayMs !== view.replyDelayMs) {
			patch.replyDelayMs = stats.replyDelayMs;
			changed = true;
		}

		if (stats.kernelDrops !== undefined && JSON.stringify(stats.kernelDrops) !== JSON.stringify(view.kernelDrops)) {
			patch.kernelDrops = {...stats.kernelDrops};
			changed = true;
		}

		if (changed) this.#patchServer(model, patch);
		return changed;
	}

	#session(sessionId: number): SessionModel | undefined {
		return this.#sessions.get(sessionId);
	}

	#patchSession(sessionId: number, patch: Partial<Omit<SessionView, 'conversation'>>): boolean {
		const model = this.#session(sessionId);
		if (!model) return false;
		model.fields = {...model.fields, ...patch};
		model.dirty = true;
		this.#sessionsDirty = true;
		return true;
	}

	#say(model: SessionModel, kind: ConversationKind, text: string, rttMs?: number, problem?: SessionProblem): void {
		model.conversation.push({
			id: this.#nextId++,
			kind,
			text,
			...(rttMs === undefined ? {} : {rttMs}),
			...(problem === undefined ? {} : {problem}),
		});
		model.conversationDirty = true;
		model.dirty = true;
		this.#sessionsDirty = true;
	}

	#foldSession(event: SessionEvent): boolean {
		switch (event.type) {
			case 'session-started': {
				const fields: Omit<SessionView, 'conversation'> = {
					sessionId: event.sessionId,
					pid: event.pid,
					protocol: event.protocol,
					remote: {...event.remote},
					state: 'connecting',
					phase: 'idle',
					auto: defaultAuto,
					closing: false,
					sent: 0,
					replies: 0,
					...(event.pinnedCpu === undefined ? {} : {pinnedCpu: event.pinnedCpu}),
				};
				this.#sessions.set(event.sessionId, {
					fields,
					conversation: new RingBuffer(this.#conversationEntries),
					conversationView: [],
					conversationDirty: false,
					dirty: true,
				});
				this.#pruneSessions();
				this.#sessionsDirty = true;
				return true;
			}

			case 'session-report':
				return this.#foldReport(event.sessionId, event.report);
			case 'session-exited': {
				const model = this.#session(event.sessionId);
				if (!model) return false;
				const exit: SessionExit = {code: event.code, signal: event.signal};
				this.#patchSession(event.sessionId, {
					state: 'exited',
					exit,
					phase: 'idle',
					closing: false,
					auto: {...model.fields.auto, enabled: false},
				});
				return true;
			}
		}
	}

	#foldReport(sessionId: number, report: SessionReport): boolean {
		const model = this.#session(sessionId);
		if (!model) return false;
		const safe = (text: string, maxLength = conversationChars) => safeText(text, {ascii: this.#ascii, maxLength});
		switch (report.type) {
			case 'hello':
				return this.#patchSession(sessionId, {
					pid: report.pid,
					protocol: report.protocol,
					remote: {...report.remote},
					...(report.replyTimeoutMs === undefined ? {} : {replyTimeoutMs: report.replyTimeoutMs}),
				});
			case 'state': {
				const state: SessionState = report.state;
				const patch: Partial<SessionView> = {state};
				if (state !== model.fields.state) patch.stateSince = this.#timers.now();
				if (report.local) patch.local = {...report.local};
				if (report.detail !== undefined) patch.detail = safe(report.detail, 120);
				if (report.problem !== undefined) patch.problem = safeProblem(report.problem, safe);
				return this.#patchSession(sessionId, patch);
			}

			case 'phase': {
				const phase: SessionPhase = report.phase;
				if (model.fields.phase === phase) return false;
				return this.#patchSession(sessionId, {phase, phaseSince: report.at});
			}

			case 'sent':
				this.#say(
					model,
					'sent',
					safeText(decodeBase64(report.requestBase64), {ascii: this.#ascii, maxLength: conversationChars}),
				);
				return this.#patchSession(sessionId, {sent: model.fields.sent + 1});
			case 'reply':
				this.#say(
					model,
					'reply',
					safeText(decodeBase64(report.replyBase64), {ascii: this.#ascii, maxLength: conversationChars}),
					report.rttMs,
				);
				return this.#patchSession(sessionId, {replies: model.fields.replies + 1, lastRttMs: report.rttMs});
			case 'error': {
				const problem = report.problem === undefined ? undefined : safeProblem(report.problem, safe);
				this.#say(model, 'error', safe(report.message, 160), undefined, problem);
				return this.#patchSession(sessionId, {
					detail: safe(report.message, 120),
					...(problem === undefined ? {} : {problem}),
				});
			}
			case 'reads': {
				const reads: PairReads = Object.freeze({
					writes: report.writes,
					reads: report.reads,
					readSizes: Object.freeze([...report.readSizes]),
					lines: report.lines,
				});
				model.conversation.push({id: this.#nextId++, kind: 'reads', text: '', reads});
				model.conversationDirty = true;
				return this.#patchSession(sessionId, {lastPair: reads});
			}
		}
	}

	#pruneSessions(): void {
		if (this.#sessions.size <= this.#maxSessions) return;
		for (const [id, model] of this.#sessions) {
			if (this.#sessions.size <= this.#maxSessions) break;
			if (model.fields.state === 'exited') this.#sessions.delete(id);
		}
	}

	// ---- building the snapshot: reuse every unchanged object ----

	#build(): DashboardSnapshot {
		const previous = this.#snapshot;
		let serversChanged = this.#serversView.length !== this.#servers.size;
		for (const model of this.#servers.values()) {
			if (model.dirty) {
				model.dirty = false;
				model.view = Object.freeze({...model.view});
				serversChanged = true;
			}
		}

		if (serversChanged) this.#serversView = Object.freeze([...this.#servers.values()].map((model) => model.view));

		if (this.#logDirty) {
			this.#logDirty = false;
			this.#logView = Object.freeze(this.#log.toArray((item) => this.#logEntry(item)));
		}

		if (this.#sessionsDirty) {
			this.#sessionsDirty = false;
			this.#sessionsView = Object.freeze(
				[...this.#sessions.values()].map((model) => {
					if (model.conversationDirty) {
						model.conversationDirty = false;
						model.conversationView = Object.freeze(model.conversation.toArray());
					}

					if (model.dirty || !model.view) {
						model.dirty = false;
						model.view = Object.freeze({...model.fields, conversation: model.conversationView});
					}

					return model.view;
				}),
			);
		}

		return Object.freeze({
			seq: previous.seq + 1,
			serverPid: this.#serverPid,
			...(this.#serverProcess ? {serverProcess: this.#serverProcess} : {}),
			servers: this.#serversView,
			...(this.#remote ? {remote: this.#remote} : {}),
			...(this.#remotes ? {remotes: this.#remotes} : {}),
			serverLog: this.#logView,
			sessions: this.#sessionsView,
			notices: this.#noticesView,
			oneCpu: this.#oneCpu,
			...(this.#demoMemory ? {demoMemory: this.#demoMemory} : {}),
		});
	}

	#logEntry(item: LogItem): LogEntry {
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

/** A problem's text parameters (a host, a stderr line) pass the same rule as every other byte shown. */
function safeProblem(problem: SessionProblem, safe: (text: string, maxLength?: number) => string): SessionProblem {
	switch (problem.code) {
		case 'processFailed':
			return {code: 'processFailed', line: safe(problem.line, 120)};
		case 'socket':
			return {...problem, protocol: safe(problem.protocol, 8), host: safe(problem.host, 80)};
		case 'noReply':
			return {
				...problem,
				protocol: safe(problem.protocol, 8),
				host: safe(problem.host, 80),
				...(problem.partial ? {partial: {...problem.partial, start: safe(problem.partial.start, 40)}} : {}),
			};
		default:
			return problem;
	}
}
