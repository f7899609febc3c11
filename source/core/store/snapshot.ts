import type {Protocol} from '../defaults.js';
import type {EchoGuardStats, Endpoint, KernelDrops} from '../echo/types.js';
import type {AutoMode, SessionPhase, SessionState} from '../sessions/types.js';

/**
 * What the dashboard shows, as immutable plain data. The store rebuilds only the parts that changed, so an
 * unchanged pane receives the very same objects and a memoised component skips its render.
 */
export interface Rates {
	messagesInPerSec: number;
	messagesOutPerSec: number;
	bytesInPerSec: number;
	bytesOutPerSec: number;
}

export type ServerState = 'starting' | 'listening' | 'closed' | 'failed';

export interface ServerView {
	protocol: Protocol;
	state: ServerState;
	local?: Endpoint;
	/** TCP: open connections; UDP: peers seen in the last minute. */
	activeConnections: number;
	totalConnections: number;
	messagesIn: number;
	messagesOut: number;
	bytesIn: number;
	bytesOut: number;
	rates: Rates;
	dropped: number;
	refused: number;
	replyDelayMs: number;
	/** What the guards against hostile peers did (from the server's stats). */
	guards?: EchoGuardStats;
	/** UDP: receive-buffer drops by the kernel, or why they are unavailable. */
	kernelDrops?: KernelDrops;
	/** The last error the server reported, already safe to print. */
	error?: string;
}

export type LogKind = 'in' | 'out' | 'open' | 'close' | 'refused' | 'dropped' | 'error';

export interface LogEntry {
	id: number;
	at: number;
	protocol: Protocol;
	/** `127.0.0.1:40312`; empty for server-wide entries. */
	peer: string;
	kind: LogKind;
	/** Safe to print: payloads went through safeText. */
	text: string;
}

export type ConversationKind = 'sent' | 'reply' | 'error' | 'info';

export interface ConversationEntry {
	id: number;
	kind: ConversationKind;
	/** Safe to print. */
	text: string;
	rttMs?: number;
}

export interface SessionExit {
	code: number | null;
	signal: string | null;
}

export interface SessionView {
	sessionId: number;
	pid: number;
	protocol: Protocol;
	remote: Endpoint;
	local?: Endpoint;
	state: SessionState;
	/** Extra words for the state (an error, why it closed), safe to print. */
	detail?: string;
	phase: SessionPhase;
	auto: AutoMode;
	pinnedCpu?: number;
	exit?: SessionExit;
	/** The user asked to close it and it has not exited yet. */
	closing: boolean;
	sent: number;
	replies: number;
	lastRttMs?: number;
	conversation: readonly ConversationEntry[];
}

export interface NoticeEntry {
	id: number;
	level: 'info' | 'warn';
	text: string;
}

export interface DashboardSnapshot {
	/** Increases with every publish. */
	seq: number;
	/** PID of the dashboard process, which is also the server process. */
	serverPid: number;
	servers: readonly ServerView[];
	/** Set with `--connect`: the sessions talk to this server instead of socktui's own. */
	remote?: Endpoint;
	serverLog: readonly LogEntry[];
	sessions: readonly SessionView[];
	notices: readonly NoticeEntry[];
	oneCpu: OneCpuView;
}

export interface OneCpuView {
	enabled: boolean;
	/** The core everything is pinned to when enabled. */
	cpu?: number;
	/** Why it is unavailable (no taskset, not Linux), when it is. */
	unavailable?: string;
}
