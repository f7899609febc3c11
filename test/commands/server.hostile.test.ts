// The headless server (the built CLI) against hostile peers and a stuck reader (issue 9).
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import dgram from 'node:dgram';
import {readFileSync} from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import {cliPath} from '../helpers/run-cli.js';
import {forgeSkipReason, forgeUdp} from '../helpers/forge-udp.js';
import {startCliServer, type CliProcess} from '../core/echo/cli-process.js';
import {udpRoundTrip, waitFor} from '../core/echo/echo-test-kit.js';

const forgeSkip = forgeSkipReason();
if (forgeSkip !== undefined) console.log(`forged-datagram CLI tests skipped: ${forgeSkip}`);
const noProc = process.platform !== 'linux';
if (noProc) console.log('memory and kernel-drop CLI tests skipped: they read Linux /proc');

const running: CliProcess[] = [];
const children: ChildProcessWithoutNullStreams[] = [];
const sockets: dgram.Socket[] = [];
afterEach(async () => {
	for (const socket of sockets.splice(0)) socket.close();
	for (const child of children.splice(0))
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	await Promise.all(running.splice(0).map(async (server) => server.stop('SIGKILL')));
});

async function start(args: string[]) {
	const server = await startCliServer(args);
	running.push(server);
	return server;
}

const sleep = async (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A /proc/PID/status field in KiB (VmRSS, VmHWM). */
function memoryKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
	const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return Number(match![1]);
}

/** CPU ticks a process has used (utime + stime). */
function cpuTicks(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
	return Number(fields[11]) + Number(fields[12]);
}

/** Sends `count` datagrams in batches of 200 (bounded), from one socket, `pauseMs` apart. */
async function flood(port: number, count: number, payload: Buffer, pauseMs = 2): Promise<void> {
	const socket = dgram.createSocket('udp4');
	sockets.push(socket);
	for (let sent = 0; sent < count; sent += 200) {
		for (let index = 0; index < 200; index++) socket.send(payload, port, '127.0.0.1');
		await sleep(pauseMs);
	}
}

/** `socktui server --udp --port 0` with stdout a pipe this test stops reading after the ready line. */
async function startStalled(): Promise<{child: ChildProcessWithoutNullStreams; port: number; stdout: () => string}> {
	const child = spawn(process.execPath, [cliPath, 'server', '--udp', '--port', '0'], {stdio: 'pipe'});
	children.push(child);
	let stdout = '';
	const onData = (chunk: Buffer) => (stdout += chunk.toString('latin1'));
	child.stdout.on('data', onData);
	child.stderr.resume();
	await waitFor(() => /^listening udp \S+:(\d+)$/m.test(stdout), 'the ready line', 15_000);
	child.stdout.off('data', onData);
	child.stdout.pause();
	return {child, port: Number(/^listening udp \S+:(\d+)$/m.exec(stdout)![1]), stdout: () => stdout};
}

/** Waits until a process has used no CPU for 300 ms (it has worked through what it was sent). */
async function settled(pid: number): Promise<void> {
	let ticks = cpuTicks(pid);
	let since = performance.now();
	await waitFor(
		() => {
			const now = cpuTicks(pid);
			if (now !== ticks) {
				ticks = now;
				since = performance.now();
			}

			return performance.now() - since > 300;
		},
		'the server to go idle',
		30_000,
	);
}

describe.skipIf(noProc)('socktui server: a stdout nobody reads', () => {
	it('keeps memory bounded under a flood, and SIGTERM ends it at once', async () => {
		const {child, port} = await startStalled();
		const pid = child.pid!;
		// A first flood fills the pipe and warms the server up; the second must not grow it much further.
		// Each datagram makes two log lines of about 250 bytes: 120,000 datagrams are about 60 MB of log.
		await flood(port, 20_000, Buffer.alloc(200, 0x61));
		await settled(pid);
		const before = memoryKiB(pid, 'VmHWM');
		await flood(port, 100_000, Buffer.alloc(200, 0x61));
		await settled(pid);
		const peak = memoryKiB(pid, 'VmHWM');
		console.log(
			`stalled stdout: peak RSS ${(before / 1024).toFixed(1)} MB after 20,000 datagrams, ${(peak / 1024).toFixed(1)} MB after 100,000 more`,
		);
		expect(peak - before).toBeLessThan(30 * 1024);
		const exited = new Promise<{code: number | null; signal: string | null}>((resolve) =>
			child.once('exit', (code, signal) => resolve({code, signal})),
		);
		const stopAt = performance.now();
		child.kill('SIGTERM');
		let exit: {code: number | null; signal: string | null} | undefined;
		void exited.then((value) => (exit = value));
		await waitFor(() => exit !== undefined, 'exit after SIGTERM with stdout blocked', 10_000);
		console.log(`stalled stdout: exited ${(performance.now() - stopAt).toFixed(0)} ms after SIGTERM`);
		expect(exit).toEqual({code: 0, signal: null});
	}, 90_000);

	it('says how many log lines it dropped once the reader catches up', async () => {
		const {child, port, stdout} = await startStalled();
		// Paced, so that a server short of CPU (a busy CI machine) still reads them all rather than the kernel
		// dropping them: 10,000 log lines, far more than the pipe and the 1,000-line queue hold.
		await flood(port, 5000, Buffer.from('lost lines'), 20);
		await settled(child.pid!);
		let text = stdout();
		child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
		child.stdout.resume();
		await waitFor(
			() => /\.\.\. \d+ log lines dropped while the output was blocked/.test(text),
			'the dropped-lines notice',
			45_000,
		);
		const dropped = Number(/\.\.\. (\d+) log lines dropped/.exec(text)![1]);
		console.log(`stalled stdout: ${dropped} log lines dropped and said so`);
		expect(dropped).toBeGreaterThan(0);
		child.kill('SIGTERM');
	}, 60_000);
});

describe.skipIf(noProc)('socktui server: kernel drops', () => {
	it('a flood while the server is stopped shows up as kernel drops on stderr', async () => {
		const server = await start(['--udp', '--quiet']);
		const pid = server.child.pid!;
		process.kill(pid, 'SIGSTOP');
		try {
			// 3,000 datagrams of 1 KiB: far more than a default receive buffer holds.
			await flood(server.port, 3000, Buffer.alloc(1024, 0x61));
		} finally {
			process.kill(pid, 'SIGCONT');
		}

		// The summary comes every few seconds while drops happen, and once more on exit.
		expect(await server.stop('SIGTERM')).toEqual({code: 0, signal: null});
		const pattern = /^socktui: udp 127\.0\.0\.1:\d+: ([\d,]+) kernel drops \(receive buffer full\)$/m;
		expect(server.stderr).toMatch(pattern);
		console.log(`kernel drops line: ${pattern.exec(server.stderr)![0]}`);
		expect(Number(pattern.exec(server.stderr)![1]!.replaceAll(',', ''))).toBeGreaterThan(0);
	}, 60_000);
});

describe.skipIf(forgeSkip !== undefined)('socktui server: forged datagrams', () => {
	it('survives a datagram from source port 0, logs the drop and keeps serving', async () => {
		const server = await start(['--udp']);
		await forgeUdp({address: '127.0.0.1', port: 0}, {address: '127.0.0.1', port: server.port}, 'port zero');
		await server.waitForOutput(
			(stdout) => stdout.includes('[127.0.0.1:0] dropped 9 bytes (its source cannot be replied to)'),
			'the drop line',
		);
		expect((await udpRoundTrip(server.port, Buffer.from('ok'))).toString()).toBe('OK');
		expect(server.child.exitCode).toBeNull();
		expect(server.stderr).not.toContain('internal error');
	});

	it('two servers forged into a loop: a warning in words, and both keep serving', async () => {
		const a = await start(['--udp', '--quiet']);
		const b = await start(['--udp', '--quiet']);
		await forgeUdp({address: '127.0.0.1', port: b.port}, {address: '127.0.0.1', port: a.port}, 'LOOP');
		const warning = /socktui: warning: udp 127\.0\.0\.1:\d+: echo loop with 127\.0\.0\.1:(\d+) suspected: muted 10 s/;
		await waitFor(() => warning.test(a.stderr + b.stderr), 'the loop warning', 15_000);
		const mutedPort = Number(warning.exec(a.stderr + b.stderr)![1]);
		expect([a.port, b.port]).toContain(mutedPort);
		expect((await udpRoundTrip(a.port, Buffer.from('a'))).toString()).toBe('A');
		expect((await udpRoundTrip(b.port, Buffer.from('b'))).toString()).toBe('B');
	});
});
