/** Every default socktui uses, in one place. */
export const defaults = {
	host: '127.0.0.1',
	port: 8082,
	protocol: 'tcp',
	/** UDP client: how long to wait for a reply before giving up. */
	udpReplyTimeoutMs: 2000,
	/** `socktui client`: the longest input line, and the longest TCP reply line, it will hold in memory. */
	clientMaxLineBytes: 32 * 1024 * 1024,
	/** The largest UDP payload over IPv4 (65,535 - 8 UDP header - 20 IP header). */
	maxDatagramBytes: 65_507,
	/** Concurrent TCP connections a server accepts; more are refused and counted. */
	maxTcpConnections: 1024,
	/** Bytes a TCP connection may have queued for writing before the server stops reading from it. */
	tcpWriteHighWaterBytes: 64 * 1024,
	/** UDP server: replies waiting in the send queue or behind the reply delay; more are dropped and counted. */
	udpMaxPendingReplies: 1024,
	/** UDP server: peers whose counters are kept (the oldest is forgotten beyond this). */
	udpMaxTrackedPeers: 256,
	/** UDP server: a peer counts as active this long after its last datagram. */
	udpPeerActiveMs: 60_000,
	/**
	 * TCP server: a connection silent this long is closed (0 = never). Long, so that a dashboard session
	 * left open through a lecture survives; near the cap the busy timeout takes over.
	 */
	idleTimeoutMs: 3_600_000,
	/** TCP server: the idle timeout once `busyConnectionsFraction` of the connection cap is open. */
	busyIdleTimeoutMs: 30_000,
	busyConnectionsFraction: 0.9,
	/**
	 * UDP server: replies per second to one peer (address and port); more are dropped and counted. High
	 * enough for one ping-pong client on loopback (the echo bench: about 14k round trips/s per socket); 0 = no cap.
	 */
	udpPeerRate: 100_000,
	/**
	 * UDP echo-loop guard: a peer that sends back one of our last few replies to it more than
	 * `loopMatches` times in each of `loopWindows` consecutive windows of `loopWindowMs` (500 a second,
	 * for 0.2 s) is muted for `loopMuteMs`. A person, or a session's auto mode (at most 20 a second),
	 * never comes near that.
	 */
	loopWindowMs: 100,
	loopMatches: 50,
	loopWindows: 2,
	loopMuteMs: 10_000,
	/** Headless server: log lines held while stdout is blocked (the oldest are dropped beyond this). */
	serverLogLines: 1000,
	/** Headless server: how often a summary of dropped datagrams is printed (only when there were any). */
	serverDropReportMs: 5000,
	/** Server models: handler threads alive at once (threads model); more connections or datagrams wait. */
	maxModelThreads: 64,
	/** Server models: worker processes alive at once (processes model; each is a Node process). */
	maxModelProcesses: 16,
	/** Server models, UDP threads/processes: datagrams waiting for a worker; more are dropped (overload). */
	maxWaitingDatagrams: 1024,
	/** Reply delay (the IO-latency knob) is clamped to this. */
	maxReplyDelayMs: 60_000,
	/** Dashboard snapshots published per second, at most. */
	frameRateHz: 12,
	/** Dashboard: entries kept in each log or conversation ring buffer. */
	logEntries: 200,
	/** Dashboard: client sessions opened at start. */
	sessions: 2,
	/** Dashboard: smallest usable terminal. */
	minColumns: 60,
	minRows: 16,
	/** Live timeline: sampling period. */
	sampleIntervalMs: 100,
	/** Live timeline: columns kept per lane. */
	timelineColumns: 600,
	/** Live timeline: processes watched at once (each keeps three /proc files open). */
	sampleMaxProcesses: 64,
	/** Live timeline, `--watch`: thread lanes and child-process lanes per watched process (more are counted). */
	watchMaxThreadLanes: 8,
	watchMaxChildLanes: 8,
	/** `--watch`: outside processes at most. */
	watchMaxPids: 8,
	/** Client sessions: live session processes at once (each is an OS process). */
	maxSessions: 16,
	/** Closing a session: wait this long after asking politely before SIGTERM, and again before SIGKILL. */
	sessionCloseGraceMs: 1000,
	/** Session stderr kept for crash diagnostics (the tail). */
	sessionStderrBytes: 4096,
	/** Session messages waiting behind one in flight; more are refused with an error report. */
	sessionSendQueue: 32,
	/** The two messages a session sends back to back in one go (key `b`): TCP a stream, UDP messages. */
	pairMessages: ['hello', 'world'] as const,
	/** Auto mode bounds: send interval and CPU burst per send. */
	autoMinIntervalMs: 50,
	autoMaxIntervalMs: 60_000,
	autoMaxBurstMs: 5000,
	/** Simulator: caps so a typo like `-l 999999999:50` fails with a message instead of eating memory. */
	simMaxProcesses: 1000,
	simMaxInstructions: 1_000_000,
	/** Simulator: ticks x processes one run may print (the text output streams; --json holds it all). */
	simMaxCells: 20_000_000,
	simMaxJsonCells: 2_000_000,
	/** Sim pane: ticks kept per run for stepping back; longer runs stop there with a notice. */
	simPaneMaxTicks: 5000,
} as const;

export type Protocol = 'tcp' | 'udp';
