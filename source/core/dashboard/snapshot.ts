import type {SessionProblem} from '../sessions/session-problem.js';
import type {PinFailure} from '../procs/pinning.js';
import type {Notice} from './notice.js';
import type {DemoMemory} from '../procs/demo-memory.js';
import type {Protocol} from '../defaults.js';
import type {ServerModel, ServerModelStats} from '../echo/server-model.js';
import type {ReadReport} from '../echo/read-report.js';
import type {CloseReason, DropReason, EchoGuardStats, Endpoint, KernelDrops} from '../echo/types.js';
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
	/** The reply delay this server reports in force (its stats; before any, the one it was started with). */
	replyDelayMs: number;
	/** What the guards against hostile peers did (from the server's stats). */
	guards?: EchoGuardStats;
	/** UDP: receive-buffer drops by the kernel, or why they are unavailable. */
	kernelDrops?: KernelDrops;
	/** The server model and what it is doing (from the server's stats). */
	models?: ServerModelStats;
	/** The last error the server reported, already safe to print. */
	error?: string;
}

/** `skipped`: lines the server process counted but did not send (a flood); the text says how many. */
export type LogKind = 'in' | 'out' | 'open' | 'close' | 'refused' | 'dropped' | 'error' | 'skipped';

export interface LogEntry {
	id: number;
	at: number;
	protocol: Protocol;
	/** `127.0.0.1:40312`; empty for server-wide entries. */
	peer: string;
	kind: LogKind;
	/** Safe to print: payloads went through safeText ('' for an entry with a `note`). */
	text: string;
	/** What the server did, as a code the UI words (a closed connection's reason, a drop, skipped lines...). */
	note?: LogNote;
	/** A TCP `in` line is one read: its size and where its lines ended. */
	read?: ReadReport;
}

/** A server log line that is not a payload: a code and its parameters (`detail`: an OS error's own words). */
export type LogNote =
	| {code: 'skipped'; count: number}
	| {code: 'closed'; reason: CloseReason}
	| {code: 'refused'; reason: 'limit'}
	| {code: 'dropped'; bytes: number; reason: DropReason}
	| {code: 'muted'; seconds: number}
	| {code: 'error'; detail: string};

export type ConversationKind = 'sent' | 'reply' | 'error' | 'info' | 'reads';

/** How two messages sent in one go came back (`send-pair`): figures, worded by the UI. */
export interface PairReads {
	/** Writes (TCP: 1) or datagrams (UDP: 2) sent. */
	writes: number;
	/** Reads (TCP) or datagrams (UDP) the replies arrived in, and their sizes (the first few). */
	reads: number;
	readSizes: readonly number[];
	/** Newlines in the TCP reply (UDP: 0). */
	lines: number;
}

export interface ConversationEntry {
	id: number;
	kind: ConversationKind;
	/** Safe to print (empty for `reads`, which the UI words from `reads`). */
	text: string;
	rttMs?: number;
	reads?: PairReads;
	/** An error as a code the UI words in its language (`text` keeps the English). */
	problem?: SessionProblem;
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
	/** When the dashboard saw the session enter `state` (its clock, ms since the epoch): how long a wait has lasted. */
	stateSince?: number;
	/** Extra words for the state (an error, why it closed), safe to print. */
	detail?: string;
	/** The detail as a code the UI words in its language, when the session sent one. */
	problem?: SessionProblem;
	phase: SessionPhase;
	/** When the session reported entering `phase` (its `Date.now()`), once it reported a phase. */
	phaseSince?: number;
	/** UDP: how long the session waits for a reply (from the session's hello). */
	replyTimeoutMs?: number;
	auto: AutoMode;
	pinnedCpu?: number;
	exit?: SessionExit;
	/** The user asked to close it and it has not exited yet. */
	closing: boolean;
	sent: number;
	replies: number;
	lastRttMs?: number;
	/** The last two-messages-in-one-go and how it came back. */
	lastPair?: PairReads;
	conversation: readonly ConversationEntry[];
}

export interface NoticeEntry {
	id: number;
	level: 'info' | 'warn';
	/** A code and its parameters: the UI says it in the dashboard's language. */
	notice: Notice;
}

/** The server's knobs: the model new connections get, the reply delay, the handler's CPU per message. */
export interface ServerKnobs {
	model: ServerModel;
	replyDelayMs: number;
	handlerCpuMs: number;
}

/**
 * The knobs as asked for (keys, the tour, an experiment's run) and which of them the server process has not
 * yet reported in force: a pending value is shown as asked, not as done.
 */
export interface KnobsView {
	asked: Readonly<ServerKnobs>;
	pending: Readonly<Record<keyof ServerKnobs, boolean>>;
}

export interface DashboardSnapshot {
	/** Increases with every new snapshot (one per read after a change). */
	seq: number;
	/** PID of the echo server process (a child of the dashboard); the dashboard's own before one runs. */
	serverPid: number;
	/** The echo server process, when the dashboard runs one (not with --connect). */
	serverProcess?: ServerProcessView;
	servers: readonly ServerView[];
	/** The server's knobs, asked for and pending (absent until the runtime has a server of its own). */
	knobs?: KnobsView;
	/** Set with `--connect`: the sessions talk to this server instead of socktui's own. */
	remote?: Endpoint;
	/** Per protocol, the other server its sessions talk to (`--connect`, `--connect-tcp`, `--connect-udp`). */
	remotes?: Readonly<Partial<Record<Protocol, Endpoint>>>;
	serverLog: readonly LogEntry[];
	sessions: readonly SessionView[];
	notices: readonly NoticeEntry[];
	oneCpu: OneCpuView;
	/** Total resident memory of the demo's processes, once measured. */
	demoMemory?: DemoMemoryView;
}

/**
 * "Multiplexing in space": what the demo's processes hold in memory together, as the kernel counts it
 * (totals by PSS; see source/core/procs/demo-memory.ts, the one function that computes it).
 */
export type DemoMemoryView = DemoMemory;

export interface ServerProcessView {
	pid: number;
	/** `exited`: it ended without being asked to (killed, crashed); `r` restarts it. */
	state: 'starting' | 'running' | 'exited' | 'stopped';
	code?: number | null;
	signal?: string | null;
}

export interface OneCpuView {
	enabled: boolean;
	/** The core the server and the sessions are pinned to when enabled. */
	cpu?: number;
	/** The core this dashboard runs on meanwhile (unset when there is only one). */
	uiCpu?: number;
	/** Why it is unavailable (no taskset, not Linux), when it is. */
	unavailable?: PinFailure;
}
