import type {SessionProblem} from '../../sessions/session-problem.js';
import type {AutoMode, SessionEvent, SessionReport} from '../../sessions/types.js';
import {safeText} from '../../text/safe-text.js';
import {RingBuffer} from '../ring-buffer.js';
import type {ConversationEntry, ConversationKind, PairReads, SessionExit, SessionView} from '../snapshot.js';
import type {StoreEvent} from '../store-event.js';

const conversationChars = 200;
const defaultAuto: AutoMode = {enabled: false, intervalMs: 1000, burstMs: 0};

type SessionFields = Omit<SessionView, 'conversation'>;

interface SessionRecord {
	fields: SessionFields;
	conversation: RingBuffer<ConversationEntry>;
	view?: SessionView;
	conversationView: readonly ConversationEntry[];
	conversationDirty: boolean;
	dirty: boolean;
}

export interface SessionsSliceOptions {
	ascii?: boolean;
	/** Conversation entries kept per session. */
	conversationEntries: number;
	/** Session panes kept; the oldest exited ones go first. */
	maxSessions: number;
}

/**
 * The client sessions: each one's state, phase, auto mode, counters and a bounded conversation; at most
 * `maxSessions` of them (exited ones are dropped first). Closing is marked as soon as it is asked for, so a
 * second `x` sees it at once. `view()` rebuilds only the sessions that changed.
 */
export class SessionsSlice {
	readonly #ascii: boolean;
	readonly #conversationEntries: number;
	readonly #maxSessions: number;
	readonly #sessions = new Map<number, SessionRecord>();
	#nextId = 1;
	#dirty = false;
	#view: readonly SessionView[] = Object.freeze([]);

	constructor(options: SessionsSliceOptions) {
		this.#ascii = options.ascii ?? false;
		this.#conversationEntries = options.conversationEntries;
		this.#maxSessions = options.maxSessions;
	}

	/** Folds one event seen at `at` (the store's clock); true when a session changed. */
	fold(event: StoreEvent, at: number): boolean {
		switch (event.type) {
			case 'session':
				return this.#foldSession(event.event, at);
			case 'session-pinned': {
				const record = this.#sessions.get(event.sessionId);
				if (!record || record.fields.pinnedCpu === event.cpu) return false;
				const {pinnedCpu: _, ...rest} = record.fields;
				return this.#set(record, event.cpu === undefined ? rest : {...rest, pinnedCpu: event.cpu});
			}

			case 'session-closing': {
				const record = this.#sessions.get(event.sessionId);
				if (!record || record.fields.closing || record.fields.state === 'exited') return false;
				return this.#patch(event.sessionId, {closing: true});
			}

			case 'session-dismissed': {
				const existed = this.#sessions.delete(event.sessionId);
				this.#dirty ||= existed;
				return existed;
			}

			case 'auto-set':
				return this.#patch(event.sessionId, {auto: {...event.auto}});
			default:
				return false;
		}
	}

	/** The sessions in the order they started: the same array (and objects) until one changes. */
	view(): readonly SessionView[] {
		if (!this.#dirty) return this.#view;
		this.#dirty = false;
		this.#view = Object.freeze(
			[...this.#sessions.values()].map((record) => {
				if (record.conversationDirty) {
					record.conversationDirty = false;
					record.conversationView = Object.freeze(record.conversation.toArray());
				}

				if (record.dirty || !record.view) {
					record.dirty = false;
					record.view = Object.freeze({...record.fields, conversation: record.conversationView});
				}

				return record.view;
			}),
		);
		return this.#view;
	}

	#set(record: SessionRecord, fields: SessionFields): true {
		record.fields = fields;
		record.dirty = true;
		this.#dirty = true;
		return true;
	}

	#patch(sessionId: number, patch: Partial<SessionFields>): boolean {
		const record = this.#sessions.get(sessionId);
		if (!record) return false;
		return this.#set(record, {...record.fields, ...patch});
	}

	#say(record: SessionRecord, entry: Omit<ConversationEntry, 'id'>): void {
		record.conversation.push({id: this.#nextId++, ...entry});
		record.conversationDirty = true;
		record.dirty = true;
		this.#dirty = true;
	}

	#safe(text: string | Uint8Array, maxLength = conversationChars): string {
		return safeText(text, {ascii: this.#ascii, maxLength});
	}

	#foldSession(event: SessionEvent, at: number): boolean {
		switch (event.type) {
			case 'session-started': {
				const fields: SessionFields = {
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
					conversationView: Object.freeze([]),
					conversationDirty: false,
					dirty: true,
				});
				this.#prune();
				this.#dirty = true;
				return true;
			}

			case 'session-report':
				return this.#foldReport(event.sessionId, event.report, at);
			case 'session-exited': {
				const record = this.#sessions.get(event.sessionId);
				if (!record) return false;
				const exit: SessionExit = {code: event.code, signal: event.signal};
				return this.#patch(event.sessionId, {
					state: 'exited',
					exit,
					phase: 'idle',
					closing: false,
					auto: {...record.fields.auto, enabled: false},
				});
			}
		}
	}

	#foldReport(sessionId: number, report: SessionReport, at: number): boolean {
		const record = this.#sessions.get(sessionId);
		if (!record) return false;
		const safe = (text: string, maxLength?: number) => this.#safe(text, maxLength);
		switch (report.type) {
			case 'hello':
				return this.#patch(sessionId, {
					pid: report.pid,
					protocol: report.protocol,
					remote: {...report.remote},
					...(report.replyTimeoutMs === undefined ? {} : {replyTimeoutMs: report.replyTimeoutMs}),
				});
			case 'state': {
				const patch: Partial<SessionFields> = {state: report.state};
				if (report.state !== record.fields.state) patch.stateSince = at;
				if (report.local) patch.local = {...report.local};
				if (report.detail !== undefined) patch.detail = safe(report.detail, 120);
				if (report.problem !== undefined) patch.problem = safeProblem(report.problem, safe);
				return this.#patch(sessionId, patch);
			}

			case 'phase': {
				if (record.fields.phase === report.phase) return false;
				return this.#patch(sessionId, {phase: report.phase, phaseSince: report.at});
			}

			case 'sent':
				this.#say(record, {kind: 'sent', text: this.#safe(decodeBase64(report.requestBase64))});
				return this.#patch(sessionId, {sent: record.fields.sent + 1});
			case 'reply':
				this.#say(record, {
					kind: 'reply',
					text: this.#safe(decodeBase64(report.replyBase64)),
					rttMs: report.rttMs,
				});
				return this.#patch(sessionId, {replies: record.fields.replies + 1, lastRttMs: report.rttMs});
			case 'error': {
				const problem = report.problem === undefined ? undefined : safeProblem(report.problem, safe);
				this.#say(record, {
					kind: 'error',
					text: safe(report.message, 160),
					...(problem === undefined ? {} : {problem}),
				});
				return this.#patch(sessionId, {
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
				this.#say(record, {kind: 'reads' satisfies ConversationKind, text: '', reads});
				return this.#patch(sessionId, {lastPair: reads});
			}
		}
	}

	#prune(): void {
		if (this.#sessions.size <= this.#maxSessions) return;
		for (const [id, record] of this.#sessions) {
			if (this.#sessions.size <= this.#maxSessions) break;
			if (record.fields.state === 'exited') this.#sessions.delete(id);
		}
	}
}

function decodeBase64(text: string): Uint8Array {
	return Buffer.from(text, 'base64');
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
