import process from 'node:process';
import {defaults} from '../core/defaults.js';
import {BoundedLog} from '../core/echo/bounded-log.js';
import {startEchoServer} from '../core/echo/start-echo-server.js';
import type {
	CloseReason,
	DropReason,
	EchoGuardStats,
	EchoServer,
	EchoServerEvent,
	Endpoint,
} from '../core/echo/types.js';
import {formatHostPort} from '../core/errors.js';
import {isLoopback} from '../core/loopback.js';
import {safeText} from '../core/text/safe-text.js';
import type {Command} from './command.js';
import {
	endpointFlags,
	modelFlags,
	parseCount,
	parseModelFlags,
	parsePort,
	parseProtocol,
	parseSecondsOrNever,
} from './options.js';

/** Payload characters shown per log line; longer payloads end in `…`. */
const maxShownChars = 200;
/** On SIGTERM/SIGINT, how long the log may take to reach a slow reader before we exit anyway. */
const exitFlushMs = 300;

const help = `  The uppercase echo server, headless: every byte a-z comes back as A-Z, all other bytes unchanged
  (Python's bytes.upper()). Works with the tutorial's Python clients, nc and socat.

  Usage
    $ socktui server [--tcp | --udp] [--host H] [--port P] [--quiet] [model options] [guard options]

  Options
    --tcp          serve TCP: a byte stream echoed as it arrives (the default)
    --udp          serve UDP: each datagram is answered with one datagram
    --host H       address to bind (default ${defaults.host}; any other address is reachable from
                   the network, and the server says so)
    --port P       port to bind (default ${defaults.port}); 0 picks a free port
    --quiet        no per-message log; only the ready line, warnings and errors
    --help, --version

  Server model (the tutorial's socketserver classes)
    --model M            event-loop: one thread multiplexes every socket (Node's way; the default)
                         iterative: one client at a time, like TCPServer/UDPServer: later clients
                           connect but get no reply until every earlier one has closed
                         threads: a thread per connection or datagram, like ThreadingTCPServer
                           (Node cannot hand a socket to a thread: the socket IO stays on the main
                           thread, the handler runs on the connection's own thread)
                         processes: a child process per connection (it owns the socket) or per
                           datagram, like ForkingTCPServer
    --reply-delay MS     the handler waits MS before replying (IO latency): a timer under
                         event-loop, a blocking sleep of the handler's thread or process otherwise
    --handler-cpu MS     the handler burns MS of CPU per message (computation)
    --pool N             processes: N pre-started children serve one client after another

  Guards against hostile peers (on by default)
    --idle-timeout S     TCP: close a connection silent for S seconds (default ${defaults.idleTimeoutMs / 1000}; 0 = never).
                         With ${Math.round(defaults.busyConnectionsFraction * 100)}% of the ${defaults.maxTcpConnections} connections open it drops to ${defaults.busyIdleTimeoutMs / 1000} s, and at
                         ${defaults.maxTcpConnections} the longest-idle connection is closed to let a new one in.
    --udp-peer-rate N    UDP: replies per second to one peer, more are dropped (default ${defaults.udpPeerRate.toLocaleString('en-US')};
                         0 = no cap)
    --allow-low-ports    UDP: also answer source ports below 1024 (well-known services such as
                         echo and chargen: answering them can start an endless echo loop)
    --no-loop-guard      UDP: do not mute a peer that keeps sending back our own replies
    Always: no reply to source port 0 or a broadcast source, nor to a datagram forged with this
    server's own address and port.

  Output
    The first line on stdout says where it listens, e.g. 'listening tcp ${defaults.host}:${defaults.port}'.
    Then one line per event: the peer, then 'in' or 'out' with the payload as safe text (control
    bytes and invalid UTF-8 shown as escapes such as \\n, \\e, \\xff). Dropped datagrams, closed
    idle connections and suspected echo loops are counted and summed up on stderr every
    ${defaults.serverDropReportMs / 1000} s while they happen. If stdout is not read, the oldest log lines are dropped and
    counted. Ctrl-C (or SIGTERM) stops it.

  Examples
    $ socktui server --udp --port 8080
    $ socktui server --port 0 --quiet
    $ printf 'hello\\n' | nc -q1 127.0.0.1 ${defaults.port}`;

function plural(count: number, word: string): string {
	return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function payload(bytes: Uint8Array): string {
	return `${plural(bytes.length, 'byte')}: ${safeText(bytes, {maxLength: maxShownChars})}`;
}

function seconds(ms: number): string {
	return `${Math.round(ms / 1000)} s`;
}

const closeReasons: Record<CloseReason, string> = {
	end: 'closed by the peer',
	reset: 'reset by the peer',
	error: 'socket error',
	server: 'closed by the server',
	idle: 'idle',
	evicted: 'evicted',
};

const dropWords: Record<DropReason, string> = {
	overload: 'too many replies pending',
	'too-large': 'datagram too large',
	unreplyable: 'its source cannot be replied to',
	'own-address': "forged with this server's own address",
	'low-port': 'source port below 1024',
	'rate-limit': 'over the per-peer reply rate',
	muted: 'peer muted as an echo loop',
};

/** One log line per event (undefined: not logged). Everything from the network goes through safeText. */
export function formatServerEvent(event: EchoServerEvent, maxConnections: number): string | undefined {
	switch (event.type) {
		case 'connection-opened':
			return `[${formatHostPort(event.peer.address, event.peer.port)}] connected`;
		case 'connection-closed': {
			const {counters} = event;
			const peer = formatHostPort(event.peer.address, event.peer.port);
			const traffic = `${plural(counters.messagesIn, 'message')}, ${plural(counters.bytesIn, 'byte')} in, ${plural(counters.bytesOut, 'byte')} out`;
			if (event.reason === 'idle')
				return `[${peer}] closed idle connection after ${seconds(event.idleMs ?? 0)} (${traffic})`;
			if (event.reason === 'evicted') {
				return `[${peer}] connection cap ${maxConnections} reached: closed the longest-idle connection, silent for ${seconds(event.idleMs ?? 0)} (${traffic})`;
			}

			return `[${peer}] disconnected, ${closeReasons[event.reason]} (${traffic})`;
		}

		case 'connection-refused':
			return `[${formatHostPort(event.peer.address, event.peer.port)}] refused: ${maxConnections} connections already open`;
		case 'message-in':
			return `[${formatHostPort(event.peer.address, event.peer.port)}] in  ${payload(event.bytes)}`;
		case 'message-out':
			return `[${formatHostPort(event.peer.address, event.peer.port)}] out ${payload(event.bytes)}`;
		case 'dropped': {
			const more = event.unreported ? `; ${event.unreported} more like it since the last report` : '';
			return `[${formatHostPort(event.peer.address, event.peer.port)}] dropped ${plural(event.byteCount, 'byte')} (${dropWords[event.reason]}${more})`;
		}

		case 'peer-muted':
			return `echo loop with ${formatHostPort(event.peer.address, event.peer.port)} suspected: muted ${seconds(event.forMs)}`;
		default:
			return undefined;
	}
}

/** Each guard counter in words: [key, one, many]. */
const guardWords: Array<[keyof EchoGuardStats, string, string]> = [
	['loopsSuspected', 'echo loop suspected (peer muted)', 'echo loops suspected (peers muted)'],
	['muted', 'datagram from a muted peer', 'datagrams from muted peers'],
	[
		'unreplyable',
		'datagram that cannot be replied to (source port 0, broadcast or multicast)',
		'datagrams that cannot be replied to (source port 0, broadcast or multicast)',
	],
	['ownAddress', "datagram forged with this server's own address", "datagrams forged with this server's own address"],
	['lowPort', 'datagram from a port below 1024', 'datagrams from ports below 1024'],
	['rateLimited', 'datagram over the per-peer reply rate', 'datagrams over the per-peer reply rate'],
	['overload', 'datagram dropped with too many replies pending', 'datagrams dropped with too many replies pending'],
	['tooLarge', 'datagram too large', 'datagrams too large'],
	['sendErrors', 'reply the system refused to send', 'replies the system refused to send'],
	['idleClosed', 'idle connection closed', 'idle connections closed'],
	['evicted', 'connection closed at the connection cap', 'connections closed at the connection cap'],
];

/** Counters that grew since `before`, in words ('' when none did). */
export function guardSummary(before: GuardTotals, after: GuardTotals): string {
	const parts: string[] = [];
	const kernel = after.kernelDrops - before.kernelDrops;
	if (kernel > 0) parts.push(`${kernel.toLocaleString('en-US')} kernel drops (receive buffer full)`);
	for (const [key, one, many] of guardWords) {
		const grown = after.guards[key] - before.guards[key];
		if (grown > 0) parts.push(`${grown.toLocaleString('en-US')} ${grown === 1 ? one : many}`);
	}

	return parts.join(', ');
}

export interface GuardTotals {
	guards: EchoGuardStats;
	kernelDrops: number;
}

function guardTotals(server: EchoServer): GuardTotals {
	const stats = server.stats();
	return {
		guards: stats.guards,
		kernelDrops: stats.kernelDrops !== undefined && 'count' in stats.kernelDrops ? stats.kernelDrops.count : 0,
	};
}

/** Binding anything but loopback is an explicit choice, and the server says so. */
export function reachabilityWarning(protocol: string, local: Endpoint): string | undefined {
	if (isLoopback(local.address)) return undefined;
	return `${protocol} ${formatHostPort(local.address, local.port)} is reachable from the network, not just this machine`;
}

export const serverCommand: Command = {
	name: 'server',
	summary: 'the uppercase echo server, headless (--tcp or --udp)',
	help,
	flags: {
		...endpointFlags,
		...modelFlags,
		quiet: {type: 'boolean', default: false},
		idleTimeout: {type: 'string', default: String(defaults.idleTimeoutMs / 1000)},
		udpPeerRate: {type: 'string', default: String(defaults.udpPeerRate)},
		allowLowPorts: {type: 'boolean', default: false},
		loopGuard: {type: 'boolean', default: true},
	},
	async run({flags}) {
		const protocol = parseProtocol(flags);
		const host = String(flags['host']);
		const port = parsePort(flags['port']);
		const quiet = flags['quiet'] === true;
		const idleTimeoutMs = parseSecondsOrNever(flags['idleTimeout'], '--idle-timeout');
		const udpPeerRate = parseCount(flags['udpPeerRate'], '--udp-peer-rate', 1_000_000_000);
		const models = parseModelFlags(flags);
		const server = await startEchoServer(protocol, {
			host,
			port,
			...models,
			idleTimeoutMs,
			udpPeerRate,
			allowLowPorts: flags['allowLowPorts'] === true,
			loopGuard: flags['loopGuard'] !== false,
		});
		// A reader that stops reading must cost bounded memory, and one that goes away (`| head`) no crash.
		process.stdout.on('error', () => {});
		process.stderr.on('error', () => {});
		const out = new BoundedLog(process.stdout, defaults.serverLogLines);
		const err = new BoundedLog(process.stderr, defaults.serverLogLines);
		const where = `${protocol} ${formatHostPort(server.local.address, server.local.port)}`;
		const knobs = [
			models.model === 'event-loop' ? '' : `model ${models.model}`,
			models.pool > 0 ? `pool ${models.pool}` : '',
			models.replyDelayMs > 0 ? `reply delay ${models.replyDelayMs} ms` : '',
			models.handlerCpuMs > 0 ? `handler CPU ${models.handlerCpuMs} ms` : '',
		].filter((part) => part !== '');
		server.subscribe(
			(event) => {
				if (event.type === 'error') {
					err.write(`socktui: ${protocol} server: ${event.message.split('\n')[0]}`);
					return;
				}

				const line = formatServerEvent(event, defaults.maxTcpConnections);
				if (line === undefined) return;
				// A suspected loop is a warning: said even with --quiet.
				if (event.type === 'peer-muted') err.write(`socktui: warning: ${where}: ${line}`);
				if (!quiet) out.write(line);
			},
			{messages: !quiet},
		); // --quiet: no per-message event work at all
		// Counters and signal handlers before the ready line: whoever reads it may act (or signal us) at once.
		let reported = guardTotals(server);
		const stopped = new Promise<void>((resolve) => {
			const stop = () => {
				process.off('SIGINT', stop);
				process.off('SIGTERM', stop);
				resolve();
			};

			process.on('SIGINT', stop);
			process.on('SIGTERM', stop);
		});
		out.write(`listening ${where}${knobs.length > 0 ? ` (${knobs.join(', ')})` : ''}`);
		const warning = reachabilityWarning(protocol, server.local);
		if (warning !== undefined) err.write(`socktui: warning: ${warning}`);

		const report = () => {
			const now = guardTotals(server);
			const summary = guardSummary(reported, now);
			reported = now;
			if (summary !== '') err.write(`socktui: ${where}: ${summary}`);
		};

		const reporter = setInterval(report, defaults.serverDropReportMs);
		await stopped;
		clearInterval(reporter);
		// Before closing: the kernel's counters go with the socket.
		report();
		await server.close();
		const flushed = await Promise.all([out.flush(exitFlushMs), err.flush(exitFlushMs)]);
		out.close();
		err.close();
		// A write still pending on a pipe nobody reads keeps Node running forever: leave without it.
		if (!flushed.every(Boolean)) process.exit(0);
		return 0;
	},
};
