// Start-up and memory of the built CLI, each against a baseline measured in the same run:
// - `socktui --version` vs `node -e 0` (wall time of the whole process, median of N interleaved runs);
// - the RSS of a session process (`socktui session`, as the dashboard spawns it: its command line, an IPC
//   channel and one TCP connection) vs a bare Node process holding one TCP connection the same way, both as a
//   `node -e` script and as an ES module file (socktui is one); then the session again after auto mode,
//   and after as long again of auto mode with a 10 ms CPU burst before each message;
// - the dashboard's first full frame in a pseudo-terminal (spawn to the status bar on screen), idle and
//   while a bounded busy loop keeps one core busy (pinned to the last CPU when taskset is there).
// Runs: `npm run bench startup -- --runs N` or SOCKTUI_BENCH_RUNS (default 21 for --version, and a third
// of that, at least 1, for the RSS samples and the first frames). Linux only (/proc). Not a test.
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {existsSync, readFileSync, writeFileSync, mkdtempSync, rmSync} from 'node:fs';
import net from 'node:net';
import {cpus, loadavg, tmpdir} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {sessionArgv} from '../source/core/sessions/session-argv.js';
import {TestTerminal} from '../test/e2e/helpers/terminal.js';
import {numberOption} from './bench-options.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const columns = 100;
const rows = 30;
const sleep = async (ms: number) =>
	new Promise((resolve) => {
		setTimeout(resolve, ms);
	});

export interface StartupBenchOptions {
	/** `--version` and `node -e 0` runs each. */
	versionRuns: number;
	/** RSS samples of each process kind, and first frames of each kind. */
	samples: number;
	/** How long a process settles after it connected before its RSS is read. */
	settleMs: number;
	/** How long the session runs in auto mode before its RSS is read again. */
	autoMs: number;
}

export function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 0 ? (sorted[middle - 1]! + sorted[middle]!) / 2 : sorted[middle]!;
}

/** VmRSS of a process in MB (from /proc/PID/status). */
export function rssMb(pid: number): number {
	const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	if (!match) throw new Error(`no VmRSS for process ${pid}`);
	return Number(match[1]) / 1024;
}

function spread(values: readonly number[], digits = 0): string {
	return `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}-${Math.max(...values).toFixed(digits)})`;
}

function wallMs(args: string[]): number {
	const began = performance.now();
	const result = spawnSync(process.execPath, args, {stdio: ['ignore', 'pipe', 'pipe']});
	const elapsed = performance.now() - began;
	if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${String(result.stderr)}`);
	return elapsed;
}

function versionTimes(runs: number): {node: number[]; socktui: number[]} {
	const version = spawnSync(process.execPath, [cli, '--version'], {encoding: 'utf8'}).stdout.trim();
	if (!/^\d+\.\d+\.\d+/.test(version)) throw new Error(`socktui --version printed '${version}'`);
	const node: number[] = [];
	const socktui: number[] = [];
	// One warm-up of each (page cache), then interleaved so that a noisy neighbour hits both alike.
	wallMs(['-e', '0']);
	wallMs([cli, '--version']);
	for (let index = 0; index < runs; index++) {
		node.push(wallMs(['-e', '0']));
		socktui.push(wallMs([cli, '--version']));
	}

	return {node, socktui};
}

interface Holder {
	child: ChildProcess;
	pid: number;
}

/** Spawns `node ARGS` with an IPC channel (as the dashboard spawns a session) and waits for `ready(message)`. */
async function spawnWithIpc(args: string[], ready: (message: unknown) => boolean): Promise<Holder> {
	const child = spawn(process.execPath, args, {stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'json'});
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`node ${args.join(' ')} was not ready within 10 s: ${stderr}`));
		}, 10_000);
		child.on('message', (message) => {
			if (!ready(message)) return;
			clearTimeout(timer);
			resolve();
		});
		child.on('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`node ${args.join(' ')} exited with ${code}: ${stderr}`));
		});
	});
	return {child, pid: child.pid!};
}

async function end(holder: Holder): Promise<void> {
	if (holder.child.exitCode !== null || holder.child.signalCode !== null) return;
	const gone = new Promise((resolve) => holder.child.once('exit', resolve));
	holder.child.kill('SIGKILL');
	await gone;
}

interface RssResult {
	bareScript: number[];
	bareModule: number[];
	session: number[];
	sessionAuto: number[];
	sessionBursts: number[];
}

async function sessionRss(options: StartupBenchOptions): Promise<RssResult> {
	const server = net.createServer((socket) => {
		// The holders end by SIGKILL, some with echoes unread: their kernel answers with a reset.
		socket.on('error', () => {});
		socket.pipe(socket);
	});
	await new Promise<void>((resolve) => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as net.AddressInfo;
	const dir = mkdtempSync(path.join(tmpdir(), 'socktui-startup-'));
	const holderSource = `net.connect(${port}, '127.0.0.1', () => process.send('connected')); process.on('message', () => {});`;
	const moduleFile = path.join(dir, 'holder.mjs');
	writeFileSync(moduleFile, `import net from 'node:net';\n${holderSource}\n`);
	const result: RssResult = {bareScript: [], bareModule: [], session: [], sessionAuto: [], sessionBursts: []};
	const connected = (message: unknown) => message === 'connected';
	const sessionConnected = (message: unknown) =>
		(message as {type?: string; state?: string}).type === 'state' &&
		(message as {state?: string}).state === 'connected';
	try {
		for (let index = 0; index < options.samples; index++) {
			const holders = [
				await spawnWithIpc(['-e', `const net = require('node:net'); ${holderSource}`], connected),
				await spawnWithIpc([moduleFile], connected),
				await spawnWithIpc(
					sessionArgv({
						execPath: process.execPath,
						execArgv: [],
						cliPath: cli,
						protocol: 'tcp',
						target: {host: '127.0.0.1', port},
						replyTimeoutMs: 2000,
					}).slice(1),
					sessionConnected,
				),
			];
			try {
				await sleep(options.settleMs);
				result.bareScript.push(rssMb(holders[0]!.pid));
				result.bareModule.push(rssMb(holders[1]!.pid));
				result.session.push(rssMb(holders[2]!.pid));
				// Auto mode: ten messages a second; then each after a 10 ms CPU burst.
				holders[2]!.child.send({type: 'set-auto', auto: {enabled: true, intervalMs: 100, burstMs: 0}});
				await sleep(options.autoMs);
				result.sessionAuto.push(rssMb(holders[2]!.pid));
				holders[2]!.child.send({type: 'set-auto', auto: {enabled: true, intervalMs: 100, burstMs: 10}});
				await sleep(options.autoMs);
				result.sessionBursts.push(rssMb(holders[2]!.pid));
			} finally {
				for (const holder of holders) await end(holder);
			}
		}
	} finally {
		server.close();
		rmSync(dir, {recursive: true, force: true});
	}

	return result;
}

/** The dashboard's first full frame: the server pane says it listens and the status bar (last row) is drawn. */
export function isFullFrame(screen: string): boolean {
	const lastRow = screen.trimEnd().split('\n').at(-1) ?? '';
	return /listening/.test(screen) && /\bquit\b/.test(lastRow);
}

/** utime + stime of a process so far, in ms (clock ticks of 10 ms, as on every Linux we run). */
function cpuMs(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Spawn to first full frame in ms (screen checked after every chunk of output), and the dashboard's CPU time by then. */
async function firstFrame(): Promise<{ms: number; cpuMs: number}> {
	const began = performance.now();
	const terminal = new TestTerminal(['--port', '0'], {columns, rows});
	try {
		return await new Promise<{ms: number; cpuMs: number}>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error('no full frame within 15 s')), 15_000);
			terminal.pty.onData(() => {
				const at = performance.now();
				const cpu = cpuMs(terminal.pid);
				void terminal.screen().then((screen) => {
					if (!isFullFrame(screen)) return;
					clearTimeout(timer);
					resolve({ms: at - began, cpuMs: cpu});
				});
			});
		});
	} finally {
		await terminal.dispose();
	}
}

async function firstFrames(count: number): Promise<{times: number[]; cpu: number[]}> {
	const times: number[] = [];
	const cpu: number[] = [];
	for (let index = 0; index < count; index++) {
		const frame = await firstFrame();
		times.push(frame.ms);
		cpu.push(frame.cpuMs);
		await sleep(200);
	}

	return {times, cpu};
}

/** A bounded busy loop in its own process (pinned to the last CPU when taskset exists); stopped by PID. */
function busyCore(maxMs: number): {cpu: string; stop: () => Promise<void>} {
	const loop = `const end = Date.now() + ${Math.round(maxMs)}; while (Date.now() < end);`;
	const last = cpus().length - 1;
	const pinned = existsSync('/usr/bin/taskset') || existsSync('/bin/taskset');
	const child = pinned
		? spawn('taskset', ['-c', String(last), process.execPath, '-e', loop], {stdio: 'ignore'})
		: spawn(process.execPath, ['-e', loop], {stdio: 'ignore'});
	return {
		cpu: pinned ? `CPU ${last}` : 'unpinned',
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const gone = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGKILL');
			await gone;
		},
	};
}

export async function startupBench(options: StartupBenchOptions): Promise<string> {
	const loadBefore = loadavg()[0]!;
	const {node, socktui} = versionTimes(options.versionRuns);
	const rss = await sessionRss(options);
	const idle = await firstFrames(options.samples);
	const busy = busyCore(options.samples * 20_000 + 30_000);
	let loaded: {times: number[]; cpu: number[]};
	try {
		await sleep(300);
		loaded = await firstFrames(options.samples);
	} finally {
		await busy.stop();
	}

	const ratio = (value: number[], baseline: number[]) => `${(median(value) / median(baseline)).toFixed(2)}x`;
	const rows: Array<[string, string, string, string, string]> = [
		[
			`socktui --version (median of ${options.versionRuns}, min-max)`,
			`${spread(socktui)} ms`,
			`node -e 0: ${spread(node)} ms`,
			ratio(socktui, node),
			'<= 1.3x',
		],
		[
			`session process RSS (median of ${options.samples})`,
			`${median(rss.session).toFixed(1)} MB`,
			`node -e, 1 socket: ${median(rss.bareScript).toFixed(1)} MB`,
			ratio(rss.session, rss.bareScript),
			'<= 1.1x',
		],
		[
			'  the same session',
			`${median(rss.session).toFixed(1)} MB`,
			`ES module, 1 socket: ${median(rss.bareModule).toFixed(1)} MB`,
			ratio(rss.session, rss.bareModule),
			'<= 1.1x',
		],
		[
			`  after ${(options.autoMs / 1000).toFixed(1)} s of auto mode, 10 msg/s`,
			`${median(rss.sessionAuto).toFixed(1)} MB`,
			`node -e, 1 socket: ${median(rss.bareScript).toFixed(1)} MB`,
			ratio(rss.sessionAuto, rss.bareScript),
			'',
		],
		[
			`  then ${(options.autoMs / 1000).toFixed(1)} s more with a 10 ms CPU burst each`,
			`${median(rss.sessionBursts).toFixed(1)} MB`,
			`node -e, 1 socket: ${median(rss.bareScript).toFixed(1)} MB`,
			ratio(rss.sessionBursts, rss.bareScript),
			'',
		],
		[`first full frame, idle (median of ${options.samples}, min-max)`, `${spread(idle.times)} ms`, '', '', '< 400 ms'],
		[
			`first full frame, one core busy (${busy.cpu})`,
			`${spread(loaded.times)} ms`,
			'',
			`${(median(loaded.times) / median(idle.times)).toFixed(2)}x idle`,
			'< 400 ms',
		],
		[
			'  CPU time of the dashboard by then (idle; busy)',
			`${median(idle.cpu).toFixed(0)} ms; ${median(loaded.cpu).toFixed(0)} ms`,
			'',
			'',
			'',
		],
	];
	const headers = ['measure', 'socktui', 'baseline (same run)', 'ratio', 'target'] as const;
	const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column]!.length)));
	const line = (cells: readonly string[]) =>
		`| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
	return [
		line(headers),
		line(widths.map((width) => '-'.repeat(width))),
		...rows.map((row) => line(row)),
		'',
		`Node ${process.version}, ${cpus().length} CPUs; load average (1 min) ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after.`,
	].join('\n');
}

export async function run(): Promise<void> {
	const runs = numberOption('--runs', 'SOCKTUI_BENCH_RUNS', 21);
	console.log(
		await startupBench({
			versionRuns: runs,
			samples: Math.max(1, Math.round(runs / 3)),
			settleMs: 1000,
			autoMs: 3000,
		}),
	);
}
