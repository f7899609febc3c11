// Idle cost of the dashboard: CPU % of one core (utime + stime from /proc) of the dashboard process, its
// server child (when the server runs in its own process) and its session children, and bytes/s written to
// the terminal, at 100x30 with the two default sessions; then the same under a bounded 10,000 msg/s UDP
// flood from loopback. An idle `node -e "setInterval(...)"` measured over the same window is the baseline.
// Window: SOCKTUI_BENCH_SECONDS or `npm run bench idle -- <seconds>` (default 20). Linux only (/proc).
import {spawn} from 'node:child_process';
import {createSocket} from 'node:dgram';
import {readFileSync} from 'node:fs';
import {loadavg} from 'node:os';
import {performance} from 'node:perf_hooks';
import {childPids, TestTerminal} from '../test/e2e/helpers/terminal.js';

const columns = 100;
const rows = 30;
const sleep = async (ms: number) =>
	new Promise((resolve) => {
		setTimeout(resolve, ms);
	});

export interface IdleBenchOptions {
	/** Length of each measuring window. */
	seconds: number;
	/** Settling time after the first frame (and after the flood starts). */
	settleSeconds: number;
	/** Messages per second of the flood. */
	floodRate: number;
	log?: (line: string) => void;
}

/** utime + stime of a process so far, in clock ticks (100/s on every Linux we run); undefined once gone. */
function cpuTicks(pid: number): number | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return Number(fields[11]) + Number(fields[12]);
	} catch {
		return undefined;
	}
}

function commandLine(pid: number): string {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
	} catch {
		return '';
	}
}

interface Children {
	server?: number;
	sessions: number[];
}

function childrenOf(pid: number): Children {
	const children: Children = {sessions: []};
	for (const child of childPids(pid)) {
		const command = commandLine(child);
		if (command.includes('server-child')) children.server = child;
		else children.sessions.push(child);
	}

	return children;
}

interface Window {
	seconds: number;
	dashboard: number;
	server?: number;
	sessions: number;
	baseline: number;
	bytesPerSecond: number;
	/** Writes reaching the terminal per second: about one per changed frame. */
	writesPerSecond: number;
}

/** CPU % of one core of each process, and terminal bytes/s, over `seconds`. */
async function measureWindow(terminal: TestTerminal, baselinePid: number, seconds: number): Promise<Window> {
	const children = childrenOf(terminal.pid);
	const pids = [terminal.pid, baselinePid, ...(children.server ? [children.server] : []), ...children.sessions];
	const before = new Map(pids.map((pid) => [pid, cpuTicks(pid) ?? 0]));
	const firstChunk = terminal.chunks.length;
	const began = performance.now();
	await sleep(seconds * 1000);
	const elapsed = (performance.now() - began) / 1000;
	const percent = (pid: number) =>
		((((cpuTicks(pid) ?? before.get(pid)!) - before.get(pid)!) * 10) / (elapsed * 1000)) * 100;
	const bytes = terminal.chunks.slice(firstChunk).reduce((sum, chunk) => sum + Buffer.byteLength(chunk), 0);
	return {
		seconds: elapsed,
		dashboard: percent(terminal.pid),
		...(children.server ? {server: percent(children.server)} : {}),
		sessions: children.sessions.reduce((sum, pid) => sum + percent(pid), 0),
		baseline: percent(baselinePid),
		bytesPerSecond: bytes / elapsed,
		writesPerSecond: (terminal.chunks.length - firstChunk) / elapsed,
	};
}

/** Sends `rate` UDP datagrams a second to `port` (paced in 10 ms slices) while `during` runs; bounded. */
async function udpFlood<T>(
	port: number,
	rate: number,
	maxSeconds: number,
	during: () => Promise<T>,
): Promise<{result: T; sent: number; replies: number}> {
	const socket = createSocket('udp4');
	let replies = 0;
	socket.on('message', () => replies++);
	await new Promise<void>((resolve) => {
		socket.bind(0, '127.0.0.1', resolve);
	});
	const payload = Buffer.from('idle bench flood');
	const perSlice = Math.max(1, Math.round(rate / 100));
	const stopAt = performance.now() + maxSeconds * 1000;
	let sent = 0;
	let running = true;
	const sender = (async () => {
		let next = performance.now();
		while (running && performance.now() < stopAt && sent < rate * maxSeconds) {
			for (let index = 0; index < perSlice; index++) socket.send(payload, port, '127.0.0.1');
			sent += perSlice;
			next += 10;

			await sleep(Math.max(0, next - performance.now()));
		}
	})();
	const result = await during();
	running = false;
	await sender;
	await sleep(200);
	socket.close();
	return {result, sent, replies};
}

function row(name: string, window: Window): string[] {
	return [
		name,
		window.dashboard.toFixed(2),
		window.server === undefined ? 'in-process (part of the dashboard figure)' : window.server.toFixed(2),
		window.sessions.toFixed(2),
		window.baseline.toFixed(2),
		(window.bytesPerSecond / 1000).toFixed(2),
		window.writesPerSecond.toFixed(1),
	];
}

/** Runs both scenarios and returns the table (markdown). */
export async function idleBench(options: IdleBenchOptions): Promise<string> {
	const log = options.log ?? (() => undefined);
	const baseline = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {stdio: 'ignore'});
	const terminal = new TestTerminal(['--port', '0'], {columns, rows});
	const rowsOut: string[][] = [];
	const loadBefore = loadavg()[0]!;
	try {
		const screen = await terminal.waitForText(/UDP listening 127\.0\.0\.1:(\d+)/, 15_000);
		const port = Number(/UDP listening 127\.0\.0\.1:(\d+)/.exec(screen)![1]);
		await terminal.waitForText(/^.connected\b.*\bconnected\b/m, 15_000).catch(() => undefined);
		await sleep(options.settleSeconds * 1000);
		log(`idle window: ${options.seconds} s`);
		rowsOut.push(row('idle, 2 sessions', await measureWindow(terminal, baseline.pid!, options.seconds)));
		log(`flood window: ${options.seconds} s at ${options.floodRate} msg/s`);
		const flood = await udpFlood(port, options.floodRate, options.settleSeconds + options.seconds + 1, async () => {
			await sleep(options.settleSeconds * 1000);
			return measureWindow(terminal, baseline.pid!, options.seconds);
		});
		rowsOut.push(
			row(`UDP flood ${options.floodRate} msg/s (${flood.sent} sent, ${flood.replies} replies)`, flood.result),
		);
	} finally {
		baseline.kill();
		await terminal.dispose();
	}

	const header = [
		'scenario (100x30)',
		'dashboard %',
		'server %',
		'sessions %',
		'idle node baseline %',
		'terminal KB/s',
		'writes/s',
	];
	const widths = header.map((title, column) =>
		Math.max(title.length, ...rowsOut.map((cells) => cells[column]!.length)),
	);
	const format = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
	return [
		format(header),
		format(widths.map((width) => '-'.repeat(width))),
		...rowsOut.map((cells) => format(cells)),
		'',
		`CPU as % of one core; load average (1 min) ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after.`,
	].join('\n');
}

export async function run(): Promise<void> {
	const seconds = Number(process.argv[3] ?? process.env['SOCKTUI_BENCH_SECONDS'] ?? 20);
	if (!Number.isFinite(seconds) || seconds <= 0) {
		console.error(
			`The window must be a number of seconds above 0, got '${process.argv[3] ?? process.env['SOCKTUI_BENCH_SECONDS']}'.`,
		);
		process.exitCode = 1;
		return;
	}

	console.log(
		await idleBench({
			seconds,
			settleSeconds: Math.min(3, seconds),
			floodRate: 10_000,
			log: (line) => console.log(line),
		}),
	);
}
