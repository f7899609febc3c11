import type {Notice} from './notice.js';
import type {Protocol} from '../defaults.js';
import type {EchoServerEvent, EchoServerStats, Endpoint} from '../echo/types.js';
import type {AutoMode, SessionEvent} from '../sessions/types.js';
import type {DemoMemoryView, OneCpuView, ServerKnobs, ServerProcessView} from './snapshot.js';

/** Everything the store folds: core events as they are, plus the few facts the dashboard itself adds. */
export type StoreEvent =
	| {type: 'server-starting'; protocol: Protocol}
	| {type: 'server'; event: EchoServerEvent}
	| {type: 'server-stats'; stats: EchoServerStats}
	/**
	 * The server's knobs as last asked for (the whole record). `inForce`: the server process starts with them,
	 * so they are in force before it reports any; otherwise they are pending until its stats report them.
	 */
	| {type: 'knobs-asked'; knobs: ServerKnobs; inForce?: boolean}
	/** The echo server process started, stopped or died (its PID becomes `serverPid`). */
	| {type: 'server-process'; process: ServerProcessView}
	/** The server process counted `count` log lines it did not send (bounded IPC under a flood). */
	| {type: 'server-log-skipped'; protocol: Protocol; count: number}
	/** A running session was pinned to a CPU (or unpinned: undefined) after it started. */
	| {type: 'session-pinned'; sessionId: number; cpu: number | undefined}
	| {type: 'session'; event: SessionEvent}
	/** The user asked to close the session (marked at once; it is closing until it exits). */
	| {type: 'session-closing'; sessionId: number}
	/** Remove an exited session's pane. */
	| {type: 'session-dismissed'; sessionId: number}
	| {type: 'auto-set'; sessionId: number; auto: AutoMode}
	/** The sessions use another server: of one protocol, or (no `protocol`) of both, socktui running none. */
	| {type: 'remote'; remote: Endpoint; protocol?: Protocol}
	| {type: 'notice'; level: 'info' | 'warn'; notice: Notice}
	| {type: 'one-cpu'; view: OneCpuView}
	/** Resident memory of the demo's processes (server and sessions), measured by the sampler. */
	| {type: 'demo-memory'; view: DemoMemoryView};
