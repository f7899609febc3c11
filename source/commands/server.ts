import process from 'node:process';
import {defaults} from '../core/defaults.js';
import {startEchoServer} from '../core/echo/start-echo-server.js';
import type {EchoServerEvent, Endpoint} from '../core/echo/types.js';
import {formatHostPort} from '../core/errors.js';
import {isLoopback} from '../core/loopback.js';
import {safeText} from '../core/text/safe-text.js';
import type {Command} from './command.js';
import {endpointFlags, parsePort, parseProtocol} from './options.js';

/** Payload characters shown per log line; longer payloads end in `…`. */
const maxShownChars = 200;

const help = `  The uppercase echo server, headless: every byte a-z comes back as A-Z, all other bytes unchanged
  (Python's bytes.upper()). Works with the tutorial's Python clients, nc and socat.

  Usage
    $ socktui server [--tcp | --udp] [--host H] [--port P] [--quiet]

  Options
    --tcp          serve TCP: a byte stream echoed as it arrives (the default)
    --udp          serve UDP: each datagram is answered with one datagram
    --host H       address to bind (default ${defaults.host}; any other address is reachable from
                   the network, and the server says so)
    --port P       port to bind (default ${defaults.port}); 0 picks a free port
    --quiet        no per-message log; only the ready line and errors
    --help, --version

  Output
    The first line on stdout says where it listens, e.g. 'listening tcp ${defaults.host}:${defaults.port}'.
    Then one line per event: the peer, then 'in' or 'out' with the payload as safe text (control
    bytes and invalid UTF-8 shown as escapes such as \\n, \\e, \\xff). Ctrl-C (or SIGTERM) stops it.

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

const closeReasons = {end: 'closed by the peer', reset: 'reset by the peer', error: 'socket error', server: 'closed by the server'} as const;

/** One log line per event (undefined: not logged). Everything from the network goes through safeText. */
export function formatServerEvent(event: EchoServerEvent, maxConnections: number): string | undefined {
	switch (event.type) {
		case 'connection-opened':
			return `[${formatHostPort(event.peer.address, event.peer.port)}] connected`;
		case 'connection-closed': {
			const {counters} = event;
			return `[${formatHostPort(event.peer.address, event.peer.port)}] disconnected, ${closeReasons[event.reason]} (${plural(counters.messagesIn, 'message')}, ${plural(counters.bytesIn, 'byte')} in, ${plural(counters.bytesOut, 'byte')} out)`;
		}
		case 'connection-refused':
			return `[${formatHostPort(event.peer.address, event.peer.port)}] refused: ${maxConnections} connections already open`;
		case 'message-in':
			return `[${formatHostPort(event.peer.address, event.peer.port)}] in  ${payload(event.bytes)}`;
		case 'message-out':
			return `[${formatHostPort(event.peer.address, event.peer.port)}] out ${payload(event.bytes)}`;
		case 'dropped':
			return `[${formatHostPort(event.peer.address, event.peer.port)}] dropped ${plural(event.byteCount, 'byte')} (${event.reason === 'overload' ? 'too many replies pending' : 'datagram too large'})`;
		default:
			return undefined;
	}
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
		quiet: {type: 'boolean', default: false},
	},
	async run({flags}) {
		const protocol = parseProtocol(flags);
		const host = String(flags['host']);
		const port = parsePort(flags['port']);
		const quiet = flags['quiet'] === true;
		const server = await startEchoServer(protocol, {host, port});
		const write = (line: string) => process.stdout.write(`${line}\n`);
		server.subscribe((event) => {
			if (event.type === 'error') {
				process.stderr.write(`socktui: ${protocol} server: ${event.message.split('\n')[0]}\n`);
				return;
			}

			if (quiet) return;
			const line = formatServerEvent(event, defaults.maxTcpConnections);
			if (line !== undefined) write(line);
		}, {messages: !quiet}); // --quiet: no per-message event work at all
		write(`listening ${protocol} ${formatHostPort(server.local.address, server.local.port)}`);
		const warning = reachabilityWarning(protocol, server.local);
		if (warning !== undefined) process.stderr.write(`socktui: warning: ${warning}\n`);

		// A reader of our stdout that goes away (`| head`) must not crash the server.
		process.stdout.on('error', () => {});
		await new Promise<void>((resolve) => {
			const stop = () => {
				process.off('SIGINT', stop);
				process.off('SIGTERM', stop);
				resolve();
			};

			process.on('SIGINT', stop);
			process.on('SIGTERM', stop);
		});
		await server.close();
		return 0;
	},
};
