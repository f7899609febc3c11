// Terminal output of the dashboard: bytes written per second at 100x30 (idle, two sessions exchanging one
// message a second, 10,000 messages/s from an outside load generator), key latency under that load, and
// the bundled CLI's first-frame time. Runs dist/cli.js in a real pseudo-terminal; loopback only; every
// loop bounded in time and count.
import {createSocket} from 'node:dgram';
import {readFileSync} from 'node:fs';
import {loadavg} from 'node:os';
import {performance} from 'node:perf_hooks';
import {TestTerminal} from '../test/e2e/helpers/terminal.js';

const columns = 100;
const rows = 30;
const sleep = async (ms: number) =>
	new Promise((resolve) => {
		setTimeout(resolve, ms);
	});

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 0 ? (sorted[middle - 1]! + sorted[middle]!) / 2 : sorted[middle]!;
}

/** utime + stime of a process so far, in ms (Linux; clock ticks assumed 100/s as on every Linux we run). */
function cpuMs(pid: number): number | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) * 10;
	} catch {
		return undefined;
	}
}

function bytesSince(terminal: TestTerminal, chunkIndex: number): number {
	return terminal.chunks.slice(chunkIndex).reduce((sum, chunk) => sum + Buffer.byteLength(chunk), 0);
}

async function measureBytes(terminal: TestTerminal, seconds: number): Promise<number> {
	const start = terminal.chunks.length;
	const began = performance.now();
	await sleep(seconds * 1000);
	return bytesSince(terminal, start) / ((performance.now() - began) / 1000);
}

async function startDashboard(args: string[] = []): Promise<{terminal: TestTerminal; port: number}> {
	const terminal = new TestTerminal(['--port', '0', ...args], {columns, rows});
	const screen = await terminal.waitForText(/UDP listening 127\.0\.0\.1:(\d+)/, 15_000);
	const port = Number(/UDP listening 127\.0\.0\.1:(\d+)/.exec(screen)![1]);
	return {terminal, port};
}

/** Time from writing a key to the screen showing its effect (polled every 2 ms). */
async function keyLatency(
	terminal: TestTerminal,
	key: string,
	visible: (screen: string) => boolean,
	timeoutMs = 3000,
): Promise<number> {
	const began = performance.now();
	terminal.pty.write(key);
	for (;;) {
		if (visible(await terminal.screen())) return performance.now() - began;
		if (performance.now() - began > timeoutMs) return Number.POSITIVE_INFINITY;

		await sleep(2);
	}
}

async function helpToggleLatencies(terminal: TestTerminal, count: number): Promise<number[]> {
	const latencies: number[] = [];
	for (let index = 0; index < count; index++) {
		latencies.push(await keyLatency(terminal, '?', (screen) => screen.includes('Keys (? or Esc closes)')));

		latencies.push(await keyLatency(terminal, '?', (screen) => !screen.includes('Keys (? or Esc closes)')));

		await sleep(100);
	}

	return latencies;
}

/** Sends `ratePerSecond` UDP datagrams to the dashboard for `seconds` (paced in 10 ms slices). */
async function udpLoad(
	port: number,
	ratePerSecond: number,
	seconds: number,
	during: () => Promise<void>,
): Promise<{sent: number; replies: number}> {
	const socket = createSocket('udp4');
	let replies = 0;
	socket.on('message', () => replies++);
	await new Promise<void>((resolve) => {
		socket.bind(0, '127.0.0.1', resolve);
	});
	const payload = Buffer.from('load generator says hello');
	let sent = 0;
	const perSlice = Math.round(ratePerSecond / 100);
	const stopAt = performance.now() + seconds * 1000;
	let running = true;
	const sender = (async () => {
		let next = performance.now();
		while (running && performance.now() < stopAt && sent < ratePerSecond * seconds) {
			for (let index = 0; index < perSlice; index++) socket.send(payload, port, '127.0.0.1');
			sent += perSlice;
			next += 10;

			await sleep(Math.max(0, next - performance.now()));
		}
	})();
	await during();
	running = false;
	await sender;
	await sleep(200);
	socket.close();
	return {sent, replies};
}

export async function run(): Promise<void> {
	const results: Array<[string, string, string]> = [];

	// (a) idle, with the two default sessions.
	{
		const {terminal} = await startDashboard();
		await terminal.waitForText(/^.connected\b.*\bconnected\b/m, 15_000).catch(() => undefined);
		await sleep(1500);
		const idle = await measureBytes(terminal, 5);
		results.push(['idle (2 sessions, no traffic)', `${(idle / 1000).toFixed(2)} KB/s`, '< 8 KB/s']);

		// (b) both sessions in auto mode: one message a second each.
		await terminal.type('1', 'a', '2', 'a');
		await sleep(2500);
		const oneASecond = await measureBytes(terminal, 10);
		results.push(['2 sessions, 1 msg/s each', `${(oneASecond / 1000).toFixed(2)} KB/s`, '< 8 KB/s']);
		await terminal.type('2', 'a', '1', 'a');
		await terminal.dispose();
	}

	// (c) 10,000 messages/s from an outside UDP load generator, and key latency meanwhile.
	{
		const {terminal, port} = await startDashboard();
		await sleep(1000);
		let loaded = 0;
		let latencies: number[] = [];
		const load = await udpLoad(port, 10_000, 8, async () => {
			await sleep(1500);
			loaded = await measureBytes(terminal, 4);
			latencies = await helpToggleLatencies(terminal, 5);
		});
		results.push([
			`10,000 msg/s from outside (${load.sent} sent, ${load.replies} replies)`,
			`${(loaded / 1000).toFixed(2)} KB/s`,
			'< 40 KB/s',
		]);
		results.push([
			'key latency under load (? toggle, median / max of 10)',
			`${median(latencies).toFixed(0)} / ${Math.max(...latencies).toFixed(0)} ms`,
			'< 100 ms',
		]);
		await terminal.dispose();
	}

	// First frame: spawn to the server pane on screen, median of 10 starts.
	{
		const times: number[] = [];
		const cpuTimes: number[] = [];
		for (let index = 0; index < 10; index++) {
			const began = performance.now();
			const terminal = new TestTerminal(['--port', '0', '--sessions', '0'], {columns, rows});

			await terminal.waitForText(/UDP listening/, 10_000);
			times.push(performance.now() - began);
			const cpu = cpuMs(terminal.pid);
			if (cpu !== undefined) cpuTimes.push(cpu);

			await terminal.dispose();
		}

		results.push([
			'first frame of dist/cli.js (median of 10; min-max)',
			`${median(times).toFixed(0)} ms (${Math.min(...times).toFixed(0)}-${Math.max(...times).toFixed(0)})`,
			'< 400 ms',
		]);
		if (cpuTimes.length > 0)
			results.push(['  CPU time used by then (median; load-independent)', `${median(cpuTimes).toFixed(0)} ms`, '']);
		results.push(['  machine load average (1 min) during the run', loadavg()[0]!.toFixed(2), '']);
	}

	const width = Math.max(...results.map(([name]) => name.length));
	console.log(`| ${'scenario (100x30)'.padEnd(width)} | measured        | target    |`);
	console.log(`| ${'-'.repeat(width)} | --------------- | --------- |`);
	for (const [name, value, target] of results)
		console.log(`| ${name.padEnd(width)} | ${value.padEnd(15)} | ${target.padEnd(9)} |`);
}
