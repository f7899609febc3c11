import type {SessionProblem} from './session-problem.js';
import type {Protocol} from '../defaults.js';
import type {Endpoint} from '../echo/types.js';

/**
 * A client session is a separate OS process (`socktui session ...`, spawned by the dashboard) talking to
 * the echo server. Dashboard and child speak these typed messages over Node's IPC channel.
 */

/**
 * Where the session says it is, in its own words. TCP: connecting, connected, waiting, closed. UDP has no
 * connection, so a UDP session is `ready` (socket open), `waiting` (sent, reply awaited), `no-reply` (the
 * reply timeout passed) or `unreachable` (the kernel reported ICMP port unreachable: nothing listens).
 */
export type SessionState =
	'connecting' | 'connected' | 'ready' | 'waiting' | 'no-reply' | 'unreachable' | 'closed' | 'exited';

/** What the session process says it is doing right now (self-reported, not measured). */
export type SessionPhase = 'idle' | 'computing' | 'waiting-reply';

export interface AutoMode {
	enabled: boolean;
	/** Send a message every N ms. */
	intervalMs: number;
	/** Before each send, burn the CPU for B ms (a real busy computation). */
	burstMs: number;
}

/** Dashboard -> session child. */
export type SessionCommand =
	| {type: 'send'; text: string}
	/**
	 * Two lines back to back in one go: TCP writes `first\nsecond\n` at once (a stream: it may arrive in
	 * one read), UDP sends two datagrams (each stays a message). Answered by a `reads` report.
	 */
	| {type: 'send-pair'; first: string; second: string}
	| {type: 'set-auto'; auto: AutoMode}
	| {type: 'close'};

/**
 * Session child -> dashboard. Byte payloads travel as base64 (IPC is JSON). Over TCP the child frames
 * each message with a trailing "\n"; `requestBase64` and `replyBase64` carry the bytes without that one
 * line terminator (what the user typed and its echo), so panes need not hide it.
 */
export type SessionReport =
	| {type: 'hello'; pid: number; protocol: Protocol; remote: Endpoint; replyTimeoutMs?: number}
	| {type: 'state'; state: Exclude<SessionState, 'exited'>; local?: Endpoint; detail?: string; problem?: SessionProblem}
	| {type: 'phase'; phase: SessionPhase; at: number}
	| {type: 'sent'; id: number; requestBase64: string; at: number}
	| {type: 'reply'; id: number; replyBase64: string; rttMs: number; at: number}
	| {type: 'error'; message: string; problem?: SessionProblem}
	/**
	 * After a `send-pair`: `writes` writes (TCP 1) or datagrams (UDP 2) went out; the reply came back in
	 * `reads` reads (TCP) or datagrams (UDP) of `readSizes` bytes (the first `maxReportedReads`); `lines`:
	 * the newlines in the TCP reply. `id`: the last message's id.
	 */
	| {type: 'reads'; id: number; writes: number; reads: number; readSizes: number[]; lines: number};

/** Read sizes a `reads` report lists at most. */
export const maxReportedReads = 16;

/** Events the dashboard-side SessionManager emits (what the store folds). */
export type SessionEvent =
	| {type: 'session-started'; sessionId: number; pid: number; protocol: Protocol; remote: Endpoint; pinnedCpu?: number}
	| {type: 'session-report'; sessionId: number; report: SessionReport}
	| {type: 'session-exited'; sessionId: number; code: number | null; signal: NodeJS.Signals | null};

/**
 * How a session process ends (the `code` of `session-exited`). Any other code or a signal means it was
 * killed or crashed; the manager then reports the last line of its stderr as an `error` first.
 */
export const sessionExitCodes = {
	/** Closed on request (`close`), or the dashboard went away. */
	closed: 0,
	/** The TCP server closed or reset the connection (reported first as state `closed` with a detail). */
	peerClosed: 3,
	/** Could not connect (refused, host not found); reported first as an `error` and state `closed`. */
	connectFailed: 4,
} as const;

export interface SessionInfo {
	sessionId: number;
	pid: number;
	protocol: Protocol;
	remote: Endpoint;
	/** The CPU the process was pinned to with taskset, when it was. */
	pinnedCpu?: number;
}
