import type {Protocol} from '../defaults.js';
import type {Endpoint} from '../echo/types.js';

/**
 * A client session is a separate OS process (`socktui session ...`, spawned by the dashboard) talking to
 * the echo server. Dashboard and child speak these typed messages over Node's IPC channel.
 */

/** Where the session says it is, in its own words. */
export type SessionState = 'connecting' | 'connected' | 'waiting' | 'closed' | 'exited';

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
	| {type: 'set-auto'; auto: AutoMode}
	| {type: 'close'};

/** Session child -> dashboard. Byte payloads travel as base64 (IPC is JSON). */
export type SessionReport =
	| {type: 'hello'; pid: number; protocol: Protocol; remote: Endpoint}
	| {type: 'state'; state: Exclude<SessionState, 'exited'>; local?: Endpoint; detail?: string}
	| {type: 'phase'; phase: SessionPhase; at: number}
	| {type: 'sent'; id: number; requestBase64: string; at: number}
	| {type: 'reply'; id: number; replyBase64: string; rttMs: number; at: number}
	| {type: 'error'; message: string};

/** Events the dashboard-side SessionManager emits (what the store folds). */
export type SessionEvent =
	| {type: 'session-started'; sessionId: number; pid: number; protocol: Protocol; remote: Endpoint; pinnedCpu?: number}
	| {type: 'session-report'; sessionId: number; report: SessionReport}
	| {type: 'session-exited'; sessionId: number; code: number | null; signal: NodeJS.Signals | null};

export interface SessionInfo {
	sessionId: number;
	pid: number;
	protocol: Protocol;
	remote: Endpoint;
}
