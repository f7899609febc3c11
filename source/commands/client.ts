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
    --timeout T    how long to wait for each reply, e.g. 2, 0.5 or 500ms (default ${defaults.udpReplyTimeoutMs / 1000} s;
                   at most ${(2 ** 31 - 1) / 1000} s)
    --help, --version

  In a terminal it prompts with '>>> ' and prints each reply; Ctrl-D or Ctrl-C quits. With piped
  input it sends every non-empty line, prints each reply on its own line (as safe text: control
  bytes and invalid UTF-8 appear as escapes such as \\e or \\xff) and exits once all replies are in.
  Over TCP a reply is the bytes up to and including the next newline; bytes that answer no line
  are reported on stderr and ignored. Lines (and reply lines) are at most ${defaults.clientMaxLineBytes / 1024 / 1024} MiB.
  Connection refused, host not found, a closed connection, a missing or incomplete reply: one line
  on stderr, exit code 1. UDP has no connection: a UDP port that nobody listens on is reported
  ("port unreachable") as soon as the kernel's ICMP answer arrives, not after the timeout. When the reader of its output goes away ('| head -1') it stops quietly
  with exit code 0.

  Examples
    $ socktui client --udp --port 8080
    $ printf 'hello\\nworld\\n' | socktui client     prints HELLO and WORLD`;

const newline = Uint8Array.of(0x0a);

/** The request for one line of input: TCP adds the newline the server's line reader expects. */
function requestFor(line: Uint8Array, protocol: Protocol): Uint8Array {
	return protocol === 'tcp' ? Buffer.concat([line, newline]) : line;
}

/** Replies are escaped and written in slices this big, so a long line never becomes one huge string. */
const outputSliceBytes = 64 * 1024;

/** Where replies go; `closed` once the reader went away (EPIPE), after which nothing is written. */
interface Output {
	closed: boolean;
	/** Interactive mode: ends the session when the reader goes away. */
	onClosed?: () => void;
}

/** The reply as one display line (a TCP reply loses the newline we sent), written slice by slice. */
async function writeReply(output: Output, reply: Uint8Array, protocol: Protocol): Promise<void> {
	const shown = protocol === 'tcp' && reply.at(-1) === 0x0a ? reply.subarray(0, -1) : reply;
	let start = 0;
	do {
		let end = Math.min(shown.length, start + outputSliceBytes);
		// Never cut inside a UTF-8 sequence: step back over up to 3 continuation bytes to its first byte.
		let cut = end;
		while (cut < shown.length && cut > start && end - cut < 3 && (shown[cut]! & 0xc0) === 0x80) cut--;
		if (cut > start && (shown[cut]! & 0xc0) !== 0x80) end = cut;
		const text = safeText(shown.subarray(start, end)) + (end === shown.length ? '\n' : '');
		start = end;
		if (output.closed) return;
		if (!process.stdout.write(text)) await drained();
	} while (start < shown.length);
}

/** Resolves when stdout can take more, or has failed (the 'error' handler in `run` deals with that). */
async function drained(): Promise<void> {
	await new Promise<void>((resolve) => {
		const done = () => {
			process.stdout.off('drain', done);
			process.stdout.off('error', done);
			resolve();
		};

		process.stdout.on('drain', done);
		process.stdout.on('error', done);
	});
}

function lineTooLong(which: string): SocktuiError {
	return new SocktuiError(
		'BadInput',
		`${which} is longer than ${defaults.clientMaxLineBytes / 1024 / 1024} MiB; socktui client sends at most that much per line`,
	);
}

/**
 * Splits a byte stream into lines (without `\n` or a trailing `\r`), keeping the bytes exactly. A line's
 * pieces are collected and joined once (linear in its length), and a line past the cap is an error.
 */
async function* lines(input: AsyncIterable<Buffer>, maxBytes = defaults.clientMaxLineBytes): AsyncGenerator<Buffer> {
	let pieces: Buffer[] = [];
	let size = 0;
	let lineNumber = 1;
	const add = (piece: Buffer) => {
		size += piece.length;
		// The cap counts a trailing \r too: one byte of slack is not worth a special case.
		if (size > maxBytes) throw lineTooLong(`line ${lineNumber}`);
		if (piece.length > 0) pieces.push(piece);
	};

	const take = () => {
		const line = pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces, size);
		pieces = [];
		size = 0;
		lineNumber++;
		return withoutCr(line);
	};

	for await (const chunk of input) {
		let start = 0;
		let end: number;
		while ((end = chunk.indexOf(0x0a, start)) !== -1) {
			add(chunk.subarray(start, end));
			yield take();
			start = end + 1;
		}

		add(chunk.subarray(start));
	}

	if (size > 0) yield take();
}

function withoutCr(line: Buffer): Buffer {
	return line.at(-1) === 0x0d ? line.subarray(0, -1) : line;
}

async function runPiped(client: EchoClient, protocol: Protocol, output: Output): Promise<number> {
	try {
		for await (const line of lines(process.stdin)) {
			if (line.length === 0) continue; // as the tutorial's client: nothing to send
			const {reply} = await client.exchange(requestFor(line, protocol));
			await writeReply(output, reply, protocol);
			if (output.closed) break;
		}
	} catch (error: unknown) {
		// Once the reader is gone, how the connection or stdin ended is nobody's business.
		if (!output.closed) throw error;
	}

	return 0;
}

/** Lines typed (or pasted) while a reply is awaited wait here; beyond this many they are dropped. */
const maxQueuedLines = 1000;

async function runInteractive(client: EchoClient, protocol: Protocol, where: string, output: Output): Promise<number> {
	// UDP has no connection: the socket only remembers where its datagrams go.
	const ready = protocol === 'udp' ? `ready to send to ${where} (UDP: no connection)` : `connected to ${where}`;
	process.stderr.write(`${ready} (Ctrl-D or Ctrl-C to quit)\n`);
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

			const line = Buffer.from(text, 'utf8');
			if (line.length > defaults.clientMaxLineBytes) {
				process.stderr.write(`socktui: ${lineTooLong('that line').message} (not sent)\n`);
				pump();
				return;
			}

			busy = true;
			client.exchange(requestFor(line, protocol)).then(
				async ({reply}) => {
					await writeReply(output, reply, protocol);
					busy = false;
					pump();
				},
				(error: unknown) => {
					busy = false;
					if (output.closed) {
						finish(0);
						return;
					}

					// A missing UDP reply is worth a message, not the end of the session. Over TCP the
					// connection is closed after a timeout: a late reply would answer the wrong line.
					if (protocol === 'udp' && isSocktuiError(error) && error.kind === 'NoReply') {
						process.stderr.write(`socktui: ${error.message}\n`);
						pump();
						return;
					}

					finish(error instanceof Error ? error : new Error(String(error)));
				},
			);
		};

		output.onClosed = () => finish(0);
		client.onClose((reason) => {
			if (output.closed) return;
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
		const replyTimeoutMs =
			flags['timeout'] === undefined ? defaults.udpReplyTimeoutMs : parseSeconds(flags['timeout'], '--timeout');
		const client = await openEchoClient({protocol, host, port, replyTimeoutMs, tcpReplyTimeoutMs: replyTimeoutMs});
		const where = `${protocol} ${formatHostPort(host, port)}`;
		client.onUnexpected(({byteCount, preview}) => {
			const shown = safeText(preview, {maxLength: 60});
			const more = byteCount > preview.length && !shown.endsWith('…') ? '…' : '';
			process.stderr.write(
				`socktui: ${where} sent ${byteCount} ${byteCount === 1 ? 'byte' : 'bytes'} that answer no line (ignored): ${shown}${more}\n`,
			);
		});
		// A reader of our stdout that goes away (`| head -1`) ends the session quietly, with exit code 0:
		// it has what it wanted. Stop reading stdin and close the connection.
		const output: Output = {closed: false};
		process.stdout.on('error', () => {
			if (output.closed) return;
			output.closed = true;
			process.stdin.destroy();
			void client.close();
			output.onClosed?.();
		});
		try {
			return process.stdin.isTTY
				? await runInteractive(client, protocol, where, output)
				: await runPiped(client, protocol, output);
		} finally {
			await client.close();
		}
	},
};
