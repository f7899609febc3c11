/** Every default socktui uses, in one place. */
export const defaults = {
	host: '127.0.0.1',
	port: 8082,
	protocol: 'tcp',
	/** UDP client: how long to wait for a reply before giving up. */
	udpReplyTimeoutMs: 2000,
	/** The largest UDP payload over IPv4 (65,535 - 8 UDP header - 20 IP header). */
	maxDatagramBytes: 65_507,
	/** Concurrent TCP connections a server accepts; more are refused and counted. */
	maxTcpConnections: 1024,
	/** Bytes a TCP connection may have queued for writing before the server stops reading from it. */
	tcpWriteHighWaterBytes: 64 * 1024,
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
} as const;

export type Protocol = 'tcp' | 'udp';
