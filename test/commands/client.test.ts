import {spawn} from 'node:child_process';
import dgram from 'node:dgram';
import {performance} from 'node:perf_hooks';
import {readFileSync} from 'node:fs';
import {spawn as spawnPty, type IPty} from '@lydell/node-pty';
import {describe, expect, it} from 'vitest';
import {cliPath, runCli} from '../helpers/run-cli.js';
import {echoKit, unusedTcpPort, waitFor} from '../core/echo/echo-test-kit.js';

const kit = echoKit();

describe('socktui client, piped (built CLI)', () => {
	it('TCP: sends each non-empty line with a newline, prints each reply on its own line, exits 0', async () => {
		const server = await kit.start('tcp');
		const received: string[] = [];
		server.subscribe((event) => event.type === 'message-in' && received.push(Buffer.from(event.bytes).toString()));
		const result = await runCli(['client', '--port', String(server.local.port)], {
			input: 'hello\n\nwörld 中文\r\nlast line without newline',
		});
		expect(result.stderr).toBe('');
		expect(result.stdout).toBe('HELLO\nWöRLD 中文\nLAST LINE WITHOUT NEWLINE\n');
		expect(result.code).toBe(0);
		expect(received.join('')).toBe('hello\nwörld 中文\nlast line without newline\n');
	});

	it('UDP: sends each line as one datagram without the newline', async () => {
		const server = await kit.start('udp');
		const received: string[] = [];
		server.subscribe((event) => event.type === 'message-in' && received.push(Buffer.from(event.bytes).toString()));
		const result = await runCli(['client', '--udp', '--port', String(server.local.port)], {
			input: 'one\ntwo\n\nthree\n',
		});
		expect(result.stdout).toBe('ONE\nTWO\nTHREE\n');
		expect(result.code).toBe(0);
		expect(received).toEqual(['one', 'two', 'three']);
	});

	it('shows hostile replies as safe text and keeps raw bytes exact', async () => {
		const server = await kit.start('tcp');
		const input = Buffer.concat([
			Buffer.from('a\u001b]0;title\u0007b\u001b[31mc\u0008\u009b\u202e'),
			Buffer.from([0xff, 0x0a]),
		]);
		const result = await runCli(['client', '--port', String(server.local.port)], {input});
		expect(result.code).toBe(0);
		expect(result.stdout).toBe('A\\e]0;TITLE\\aB\\e[31MC\\b\\u009b\\u202e\\xff\n');
	});

	it('empty input: sends nothing, exits 0', async () => {
		const server = await kit.start('tcp');
		const result = await runCli(['client', '--port', String(server.local.port)], {input: '\n\n'});
		expect(result).toMatchObject({code: 0, stdout: '', stderr: ''});
		expect(server.stats().messagesIn).toBe(0);
	});

	it('connection refused: one line, exit 1', async () => {
		const port = await unusedTcpPort();
		const result = await runCli(['client', '--port', String(port)], {input: 'x\n'});
		expect(result.code).toBe(1);
		expect(result.stderr).toBe(`socktui: connection refused by tcp 127.0.0.1:${port} (is the server running?)\n`);
	});

	it.each(['tcp', 'udp'])('host not found (%s): one line, exit 1', async (protocol) => {
		const result = await runCli(['client', `--${protocol}`, '--host', 'no-such-host.invalid'], {input: 'x\n'});
		expect(result.code).toBe(1);
		expect(result.stderr).toBe('socktui: host not found: no-such-host.invalid\n');
	});

	it('TCP peer closed: the replies so far, then one line, exit 1', async () => {
		// Answers the first line, then closes.
		const port = await kit.listenTcp((socket) =>
			socket.once('data', (data: Buffer) => socket.end(Buffer.from(data.toString().toUpperCase()))),
		);
		const result = await runCli(['client', '--port', String(port)], {input: 'first\nsecond\nthird\n'});
		expect(result.stdout).toBe('FIRST\n');
		expect(result.code).toBe(1);
		expect(result.stderr).toBe(`socktui: connection closed by tcp 127.0.0.1:${port}\n`);
	});

	it('UDP without a reply: the tutorial client would hang; this one says so after --timeout, exit 1', async () => {
		const silent = dgram.createSocket('udp4');
		await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
		kit.onCleanup(async () => new Promise((resolve) => silent.close(() => resolve())));
		const port = silent.address().port;
		const result = await runCli(['client', '--udp', '--port', String(port), '--timeout', '300ms'], {input: 'hello?\n'});
		expect(result.code).toBe(1);
		expect(result.stderr).toBe(`socktui: no reply from 127.0.0.1:${port} (is a UDP server listening?)\n`);
	});

	it('UDP to a port nobody listens on: "port unreachable" from the ICMP answer, long before the timeout, exit 1', async () => {
		const probe = dgram.createSocket('udp4');
		await new Promise<void>((resolve) => probe.bind(0, '127.0.0.1', resolve));
		const port = probe.address().port;
		await new Promise<void>((resolve) => probe.close(() => resolve()));
		const started = performance.now();
		// A 60 s timeout: only the kernel's port-unreachable can end this run within the test's time.
		const result = await runCli(['client', '--udp', '--port', String(port), '--timeout', '60'], {
			input: 'hello?\nsecond\n',
		});
		console.log(`socktui client --udp to a closed port ended after ${(performance.now() - started).toFixed(0)} ms`);
		expect(result.stderr).toBe(`socktui: port unreachable: nothing listens on udp 127.0.0.1:${port}\n`);
		expect(result.stdout).toBe('');
		expect(result.code).toBe(1);
	});

	it('TCP server that accepts and never answers: one line naming the server and the wait, exit 1', async () => {
		// Reads (so it sees the client go) and never writes.
		const port = await kit.listenTcp((socket) => socket.resume());
		const result = await runCli(['client', '--port', String(port), '--timeout', '2'], {input: 'hello?\nsecond\n'});
		expect(result).toMatchObject({code: 1, stdout: ''});
		expect(result.stderr).toBe(`socktui: no reply from tcp 127.0.0.1:${port} within 2 s\n`);
	});

	it('TCP server that answers with fewer bytes: says what arrived, exit 1', async () => {
		const port = await kit.listenTcp((socket) =>
			socket.on('data', (data: Buffer) => socket.write(data.subarray(0, 2))),
		);
		const result = await runCli(['client', '--port', String(port), '--timeout', '500ms'], {input: 'hello\n'});
		expect(result.code).toBe(1);
		expect(result.stderr).toBe(
			`socktui: incomplete reply from tcp 127.0.0.1:${port} within 500 ms: 2 bytes and no newline (he)\n`,
		);
	});

	it('TCP server that says more than the echo: replies stay matched by line, the extra is reported as safe text', async () => {
		// Reply and extra line in one write, so the extra is there before the next line is sent.
		const extra = 'extra \u001b]0;pwned\u0007\n';
		const port = await kit.listenTcp((socket) =>
			socket.on('data', (data: Buffer) => socket.write(`${data.toString().toUpperCase()}${extra}`)),
		);
		const result = await runCli(['client', '--port', String(port)], {input: 'one\ntwo\nthree\n'});
		expect(result.code).toBe(0);
		expect(result.stdout).toBe('ONE\nTWO\nTHREE\n');
		const report = `socktui: tcp 127.0.0.1:${port} sent ${Buffer.byteLength(extra)} bytes that answer no line (ignored): extra \\e]0;pwned\\a\\n\n`;
		expect(result.stderr).toBe(report.repeat(3));
	});

	it('a 20 MB line through a real server: the reply is byte-exact and memory stays bounded', async () => {
		const server = await kit.start('tcp');
		const size = 20 * 1024 * 1024;
		const line = Buffer.alloc(size);
		for (let index = 0; index < size; index++) line[index] = 0x20 + ((index * 7) % 95); // printable ASCII, no backslash issues below
		const expected = Buffer.from(line.toString('latin1').toUpperCase().replaceAll('\\', '\\\\'), 'latin1');
		const child = spawn(
			process.execPath,
			[cliPath, 'client', '--port', String(server.local.port), '--timeout', '120'],
			{stdio: ['pipe', 'pipe', 'pipe']},
		);
		kit.onCleanup(() => {
			child.kill('SIGKILL');
		});
		const chunks: Buffer[] = [];
		let received = 0;
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => {
			chunks.push(chunk);
			received += chunk.length;
		});
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
		// stdin stays open until the reply is in, so the client is still there to be measured.
		child.stdin.write(line);
		child.stdin.write('\n');
		await waitFor(() => received >= expected.length + 1 || child.exitCode !== null, 'the whole reply', 120_000);
		const peakKb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]);
		child.stdin.end();
		expect(await exited).toBe(0);
		expect(stderr).toBe('');
		const output = Buffer.concat(chunks);
		expect(output.length).toBe(expected.length + 1);
		expect(output.subarray(0, -1).equals(expected)).toBe(true);
		// Linear assembly holds a few copies of the line (about 180 MB measured); the quadratic one peaked
		// above 800 MB for this size.
		expect(peakKb / 1024).toBeLessThan(400);
	}, 180_000);

	it('a long reply is printed in slices without cutting a UTF-8 character at a slice edge', async () => {
		const server = await kit.start('tcp');
		const line = `ab${'中ä'.repeat(100_000)}\u001b`;
		const result = await runCli(['client', '--port', String(server.local.port)], {input: `${line}\n`});
		expect(result.stderr).toBe('');
		expect(result.stdout).toBe(`AB${'中ä'.repeat(100_000)}\\e\n`);
	});

	it('a line over the 32 MiB cap: the replies before it, then one line, exit 1', async () => {
		const server = await kit.start('tcp');
		const input = Buffer.concat([Buffer.from('first\n'), Buffer.alloc(33 * 1024 * 1024, 'a'), Buffer.from('\n')]);
		const result = await runCli(['client', '--port', String(server.local.port), '--timeout', '60'], {
			input,
			timeoutMs: 60_000,
		});
		expect(result.stdout).toBe('FIRST\n');
		expect(result.stderr).toBe(
			'socktui: line 2 is longer than 32 MiB; socktui client sends at most that much per line\n',
		);
		expect(result.code).toBe(1);
	}, 90_000);

	it('a reader that goes away (| head -1) ends the client quietly with exit code 0', async () => {
		const server = await kit.start('tcp');
		// 2 MB of replies: far more than a pipe holds, so the client must meet the closed pipe.
		const input = Array.from({length: 20_000}, (_, index) => `line ${index} ${'x'.repeat(90)}`).join('\n');
		const pipeline = spawn(
			'bash',
			[
				'-c',
				'set -o pipefail; "$0" "$1" client --port "$2" | head -1',
				process.execPath,
				cliPath,
				String(server.local.port),
			],
			{stdio: ['pipe', 'pipe', 'pipe']},
		);
		let stdout = '';
		let stderr = '';
		pipeline.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		pipeline.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		pipeline.stdin.on('error', () => {});
		pipeline.stdin.end(input);
		const code = await new Promise<number | null>((resolve) => pipeline.on('close', resolve));
		expect(stdout).toBe(`LINE 0 ${'X'.repeat(90)}\n`);
		expect(stderr).toBe('');
		expect(code).toBe(0);
	}, 60_000);

	it.each([
		[['client', '--timeout', '2147484'], "--timeout must be from 0.001 to 2147483.647 s, got '2147484'"],
		[['client', '--timeout', '2147483648ms'], "--timeout must be from 1 to 2147483647 ms, got '2147483648ms'"],
		[['client', '--timeout', '0'], "--timeout must be from 0.001 to 2147483.647 s, got '0'"],
		[['client', '--host'], '--host needs a value, e.g. --host 127.0.0.1'],
		[['client', '--host='], '--host needs a value'],
		[['client', '--host', ''], '--host needs a value'],
		[['client', '--host', '--udp'], '--host needs a value'],
		[['client', '--port'], '--port needs a value, e.g. --port 8082'],
		[['client', '--port='], '--port needs a value'],
		[['server', '--port'], '--port needs a value'],
		[['server', '--host', ' '], '--host needs a value'],
		[['--host'], '--host needs a value'],
		[['--port='], '--port needs a value'],
	])('%j is a one-line usage error: exit 2', async (args, message) => {
		const result = await runCli(args, {input: ''});
		expect(result.code).toBe(2);
		expect(result.stderr.startsWith(`socktui: ${message}`)).toBe(true);
		expect(result.stderr.split('\n')).toHaveLength(2);
	});

	it.each([
		[['client', '--timeout', 'soon'], '--timeout must be a duration'],
		[['client', '--port', '0'], '--port must name the server port'],
		[['client', '--nope'], "unknown option '--nope'"],
		[['client', '--tcp', '--udp'], '--tcp and --udp cannot be used together'],
	])('%j is a usage error: exit 2', async (args, message) => {
		const result = await runCli(args, {input: ''});
		expect(result.code).toBe(2);
		expect(result.stderr).toContain(message);
	});

	it('--help describes the modes and options', async () => {
		const result = await runCli(['client', '--help']);
		expect(result.code).toBe(0);
		for (const text of ['socktui client', '--udp', '--timeout', '>>> ']) expect(result.stdout).toContain(text);
	});
});

/** The built CLI's `args` in a pseudo-terminal (our environment without CI), its output to `onData`; killed after the test. */
function clientInTerminal(
	args: string[],
	cols: number,
	onData: (data: string) => void,
): {pty: IPty; exited: Promise<number>} {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'CI') env[key] = value;
	const pty = spawnPty(process.execPath, [cliPath, ...args], {cols, rows: 24, env});
	pty.onData(onData);
	const exited = new Promise<number>((resolve) => pty.onExit(({exitCode}) => resolve(exitCode)));
	kit.onCleanup(() => {
		try {
			pty.kill();
		} catch {
			// Already gone.
		}
	});
	return {pty, exited};
}

describe('socktui client in a terminal', () => {
	it('prompts with >>> , prints replies, keeps going after an empty line, quits on Ctrl-D with 0', async () => {
		const server = await kit.start('tcp');
		let output = '';
		const {pty, exited} = clientInTerminal(
			['client', '--port', String(server.local.port)],
			80,
			(data) => (output += data),
		);
		await waitFor(() => output.includes('>>> '), 'the first prompt');
		expect(output).toContain(`connected to tcp 127.0.0.1:${server.local.port}`);
		pty.write('hello there\r');
		await waitFor(() => output.includes('HELLO THERE'), 'the reply');
		pty.write('\r');
		pty.write('again\r');
		await waitFor(() => output.includes('AGAIN'), 'the second reply');
		expect(output.split('>>> ').length - 1).toBeGreaterThanOrEqual(4);
		// Pasted lines arrive while a reply is awaited: each is still sent, in order.
		pty.write('one\rtwo\rthree\r');
		await waitFor(() => /ONE[\s\S]*TWO[\s\S]*THREE/.test(output), 'three pasted replies');
		pty.write('\u0004');
		expect(await exited).toBe(0);
		expect(server.stats().bytesIn).toBe('hello there\nagain\none\ntwo\nthree\n'.length);
	});

	it('a TCP server that never answers: after --timeout one line and exit 1 (a late reply would answer the wrong line)', async () => {
		const port = await kit.listenTcp((socket) => socket.resume());
		let output = '';
		const {pty, exited} = clientInTerminal(
			['client', '--port', String(port), '--timeout', '500ms'],
			100,
			(data) => (output += data),
		);
		await waitFor(() => output.includes('>>> '), 'the first prompt');
		pty.write('anyone?\r');
		expect(await exited).toBe(1);
		expect(output).toContain(`socktui: no reply from tcp 127.0.0.1:${port} within 500 ms`);
	});

	it('a server that closes the connection ends the session: one line, exit 1', async () => {
		const port = await kit.listenTcp((socket) => socket.once('data', () => socket.end()));
		let output = '';
		const {pty, exited} = clientInTerminal(['client', '--port', String(port)], 80, (data) => (output += data));
		await waitFor(() => output.includes('>>> '), 'the first prompt');
		pty.write('bye\r');
		expect(await exited).toBe(1);
		expect(output).toContain(`socktui: connection closed by tcp 127.0.0.1:${port}`);
	});

	it('UDP in a terminal: says it has no connection, and "port unreachable" at once when nothing listens, exit 1', async () => {
		const probe = dgram.createSocket('udp4');
		await new Promise<void>((resolve) => probe.bind(0, '127.0.0.1', resolve));
		const port = probe.address().port;
		await new Promise<void>((resolve) => probe.close(() => resolve()));
		let output = '';
		const {pty, exited} = clientInTerminal(
			['client', '--udp', '--port', String(port), '--timeout', '60'],
			100,
			(data) => (output += data),
		);
		await waitFor(() => output.includes('>>> '), 'the first prompt');
		expect(output).toContain(`ready to send to udp 127.0.0.1:${port} (UDP: no connection)`);
		expect(output).not.toMatch(/connected/);
		pty.write('anyone?\r');
		expect(await exited).toBe(1);
		expect(output).toContain(`socktui: port unreachable: nothing listens on udp 127.0.0.1:${port}`);
	});
});
