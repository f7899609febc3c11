import process from 'node:process';
import readline from 'node:readline';
import {defaults, type Protocol} from '../core/defaults.js';
import {openEchoClient, type EchoClient} from '../core/echo/echo-client.js';
import {SocktuiError, formatHostPort, isSocktuiError} from '../core/errors.js';
import {safeText} from '../core/text/safe-text.js';
import type {Command} from './command.js';
import {endpointFlags, parsePort, parseProtocol, parseSeconds} from './options.js';

const help = `  A client for the uppercase echo server (socktui's, the tutorial's Python servers, or any other).

  Usage
    $ socktui client [--tcp | --udp] [--host H] [--port P] [--timeout T]

  Options
    --tcp          talk TCP: each line is sent with a trailing newline (the default)
    --udp          talk UDP: each line is sent as one datagram, without the newline
    --host H       server address (default ${defaults.host})
    --port P       server port (default ${defaults.port})
    --timeout T    UDP: how long to wait for each reply, e.g. 2, 0.5 or 500ms (default ${defaults.udpReplyTimeoutMs / 1000} s)
    --help, --version

  In a terminal it prompts with '>>> ' and prints each reply; Ctrl-D or Ctrl-C quits. With piped
  input it sends every non-empty line, prints each reply on its own line (as safe text: control
  bytes and invalid UTF-8 appear as escapes such as \\e or \\xff) and exits once all replies are in.
  Connection refused, host not found, a closed connection or a missing UDP reply: one line on
  stderr, exit code 1.

  Examples
    $ socktui client --udp --port 8080
    $ printf 'hello\\nworld\\n' | socktui client     prints HELLO and WORLD`;

const newline = Uint8Array.of(0x0a);

/** The request for one line of input: TCP adds the newline the server's line reader expects. */
function requestFor(line: Uint8Array, protocol: Protocol): Uint8Array {
	return protocol === 'tcp' ? Buffer.concat([line, newline]) : line;
}

/** The reply as one display line: a TCP reply loses the newline we sent. */
function replyText(reply: Uint8Array, protocol: Protocol): string {
	const shown = protocol === 'tcp' && reply.at(-1) === 0x0a ? reply.subarray(0, -1) : reply;
	return safeText(shown);
}

/** Splits a byte stream into lines (without `\n` or a trailing `\r`), keeping the bytes exactly. */
async function* lines(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
	let pending: Buffer = Buffer.alloc(0);
	for await (const chunk of input) {
		pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
		let start = 0;
		let end: number;
		while ((end = pending.indexOf(0x0a, start)) !== -1) {
			yield withoutCr(pending.subarray(start, end));
			start = end + 1;
		}

		pending = pending.subarray(start);
	}

	if (pending.length > 0) yield withoutCr(pending);
}

function withoutCr(line: Buffer): Buffer {
	return line.at(-1) === 0x0d ? line.subarray(0, -1) : line;
}

async function runPiped(client: EchoClient, protocol: Protocol): Promise<number> {
	for await (const line of lines(process.stdin)) {
		if (line.length === 0) continue; // as the tutorial's client: nothing to send
		const {reply} = await client.exchange(requestFor(line, protocol));
		process.stdout.write(`${replyText(reply, protocol)}\n`);
	}

	return 0;
}

/** Lines typed (or pasted) while a reply is awaited wait here; beyond this many they are dropped. */
const maxQueuedLines = 1000;

async function runInteractive(client: EchoClient, protocol: Protocol, where: string): Promise<number> {
	process.stderr.write(`connected to ${where} (Ctrl-D or Ctrl-C to quit)\n`);
	const rl = readline.createInterface({input: process.stdin, output: process.stdout, prompt: '>>> '});
	return new Promise<number>((resolve, reject) => {
		const queue: string[] = [];
		let busy = false;
		let inputEnded = false;
		let finished = false;
		const finish = (outcome: number | Error) => {
			if (finished) return;
			finished = true;
			rl.removeAllListeners('close');
			rl.close();
			if (typeof outcome === 'number') resolve(outcome);
			else reject(outcome);
		};

		// One exchange at a time, in the order the lines were typed.
		const pump = () => {
			if (busy || finished) return;
			const text = queue.shift();
			if (text === undefined) {
				if (inputEnded) finish(0);
				else rl.prompt();
				return;
			}

			if (text.length === 0) {
				pump();
				return;
			}

			busy = true;
			client.exchange(requestFor(Buffer.from(text, 'utf8'), protocol)).then(
				({reply}) => {
					process.stdout.write(`${replyText(reply, protocol)}\n`);
					busy = false;
					pump();
				},
				(error: unknown) => {
					busy = false;
					// A missing UDP reply is worth a message, not the end of the session.
					if (isSocktuiError(error) && error.kind === 'NoReply') {
						process.stderr.write(`socktui: ${error.message}\n`);
						pump();
						return;
					}

					finish(error instanceof Error ? error : new Error(String(error)));
				},
			);
		};

		client.onClose((reason) => {
			process.stdout.write('\n');
			finish(new SocktuiError('PeerClosed', `connection ${reason ? 'reset' : 'closed'} by ${where}`));
		});
		rl.on('SIGINT', () => {
			process.stdout.write('\n');
			finish(0);
		});
		rl.on('close', () => {
			// Ctrl-D: answer what is still queued, then leave.
			process.stdout.write('\n');
			inputEnded = true;
			pump();
		});
		rl.on('line', (text) => {
			if (queue.length < maxQueuedLines) queue.push(text);
			pump();
		});
		rl.prompt();
	});
}

export const clientCommand: Command = {
	name: 'client',
	summary: 'a client for the echo server: interactive, or one reply per piped line',
	help,
	flags: {
		...endpointFlags,
		timeout: {type: 'string'},
	},
	async run({flags}) {
		const protocol = parseProtocol(flags);
		const host = String(flags['host']);
		const port = parsePort(flags['port']);
		if (port === 0) throw new SocktuiError('BadUsage', '--port must name the server port (1-65535), not 0');
		const replyTimeoutMs = flags['timeout'] === undefined ? defaults.udpReplyTimeoutMs : parseSeconds(flags['timeout'], '--timeout');
		const client = await openEchoClient({protocol, host, port, replyTimeoutMs});
		const where = `${protocol} ${formatHostPort(host, port)}`;
		// A reader of our stdout that goes away (`| head`) ends the session quietly.
		process.stdout.on('error', () => {
			void client.close();
		});
		try {
			return process.stdin.isTTY ? await runInteractive(client, protocol, where) : await runPiped(client, protocol);
		} finally {
			await client.close();
		}
	},
};
