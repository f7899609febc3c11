// Soak: the built dashboard in a pseudo-terminal (100x30) with three sessions in auto mode at 10 msg/s
// each and the one-CPU demo on (when taskset is there), for `--minutes N` (SOCKTUI_SOAK_MINUTES; default
// 60). Every sample (a minute by default; `--sample-seconds N`) it prints the dashboard's RSS (/proc) and
// its V8 heap (the dashboard's own SOCKTUI_MEMORY_LOG, run with --expose-gc so that each line, every 15 s,
// follows a full collection): the latest, and the lowest since the last sample. At the end: the least-
// squares slope of each in MB/min over the samples after the first minute (start-up caches filling), that
// slope over 60 minutes, and a verdict against +/- 5 MB. Linux only (/proc). Not a test.
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {loadavg, tmpdir} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import type {MemoryLogLine} from '../source/core/procs/memory-log.js';
import {TestTerminal} from '../test/e2e/helpers/terminal.js';
import {numberOption} from './bench-options.js';
import {isFullFrame, rssMb} from './startup.bench.js';

const columns = 100;
const rows = 30;
const sessions = 3;
const mb = 1024 * 1024;
const sleep = async (ms: number) =>
	new Promise((resolve) => {
		setTimeout(resolve, ms);
	});

export interface SoakOptions {
	minutes: number;
	sampleSeconds: number;
	/** How often the dashboard writes its memory line. */
	logMs: number;
	log?: (line: string) => void;
}

export interface SoakSample {
	minute: number;
	rssMb: number;
	heapMb: number;
	heapFloorMb: number;
	messages: number;
}

/** Least-squares slope of y over x; 0 with fewer than two points. */
export function slope(points: ReadonlyArray<readonly [number, number]>): number {
	if (points.length < 2) return 0;
	const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
	const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
	let covariance = 0;
	let variance = 0;
	for (const [x, y] of points) {
		covariance += (x - meanX) * (y - meanY);
		variance += (x - meanX) ** 2;
	}

	return variance === 0 ? 0 : covariance / variance;
}

/** Flat when the fitted change over 60 minutes stays within +/- 5 MB. */
export function verdict(slopeMbPerMinute: number): string {
	const hour = slopeMbPerMinute * 60;
	return Math.abs(hour) <= 5 ? 'flat' : hour > 0 ? 'growing' : 'shrinking';
}

function readLog(file: string): MemoryLogLine[] {
	if (!existsSync(file)) return [];
	return readFileSync(file, 'utf8')
		.split('\n')
		.filter((line) => line.startsWith('{') && line.endsWith('}'))
		.map((line) => JSON.parse(line) as MemoryLogLine);
}

const scale: Record<string, number> = {'': 1, k: 1e3, M: 1e6, G: 1e9};

/** Messages the server pane counts (TCP in + UDP in; 1.4k means about 1400). */
export function messagesOnScreen(screen: string): number {
	return [...screen.matchAll(/\bin (\d+(?:\.\d+)?)([kMG]?) msg\b/g)].reduce(
		(sum, [, count, unit]) => sum + Math.round(Number(count) * scale[unit ?? '']!),
		0,
	);
}

async function waitFor(terminal: TestTerminal, test: (screen: string) => boolean, what: string): Promise<string> {
	const deadline = Date.now() + 20_000;
	for (;;) {
		const screen = await terminal.screen();
		if (test(screen)) return screen;
		if (Date.now() > deadline || terminal.exited)
			throw new Error(`the dashboard never showed ${what}; screen:\n${screen}`);
		await sleep(50);
	}
}

/** Focus each session, turn auto mode on, and step its interval from 1000 ms down to 100 ms (10 msg/s). */
async function startAutoMode(terminal: TestTerminal): Promise<void> {
	for (let session = 1; session <= sessions; session++) {
		await terminal.type(String(session), 'a', '[', '[', '[', '[');
		await waitFor(
			terminal,
			(screen) => (screen.match(/auto: every 100 ms/g) ?? []).length >= session,
			`session ${session} in auto mode every 100 ms`,
		);
	}
}

export async function soakBench(options: SoakOptions): Promise<string> {
	const log = options.log ?? ((line: string) => console.log(line));
	const dir = mkdtempSync(path.join(tmpdir(), 'socktui-soak-'));
	const logFile = path.join(dir, 'memory.jsonl');
	const oneCpu = existsSync('/usr/bin/taskset') || existsSync('/bin/taskset');
	const terminal = new TestTerminal(['--port', '0', '--sessions', String(sessions), ...(oneCpu ? ['--one-cpu'] : [])], {
		columns,
		rows,
		// --expose-gc: the memory log collects before each line, so its heap is the live data (see memory-log.ts).
		env: {SOCKTUI_MEMORY_LOG: logFile, SOCKTUI_MEMORY_LOG_MS: String(options.logMs), NODE_OPTIONS: '--expose-gc'},
	});
	const samples: SoakSample[] = [];
	try {
		await waitFor(terminal, isFullFrame, 'its first frame');
		// Sessions alternate TCP and UDP: TCP ones say connected, UDP ones ready.
		await waitFor(
			terminal,
			(screen) => (screen.match(/[║│|](?:connected|ready)\b/g) ?? []).length >= sessions,
			`${sessions} sessions connected`,
		);
		await startAutoMode(terminal);
		const loadBefore = loadavg()[0]!;
		const began = performance.now();
		const totalMs = options.minutes * 60_000;
		let lastLine = 0;
		for (let index = 0; ; index++) {
			const dueMs = index * options.sampleSeconds * 1000;
			if (dueMs > totalMs + 1) break;
			await sleep(Math.max(0, began + dueMs - performance.now()));
			if (terminal.exited) throw new Error('the dashboard exited during the soak');
			const lines = readLog(logFile);
			const recent = lines.slice(lastLine);
			lastLine = lines.length;
			const last = lines.at(-1);
			if (!last || recent.length === 0) throw new Error(`the dashboard wrote no memory line to ${logFile}`);
			const sample: SoakSample = {
				minute: (performance.now() - began) / 60_000,
				rssMb: rssMb(terminal.pid),
				heapMb: last.heapUsed / mb,
				heapFloorMb: Math.min(...recent.map((line) => line.heapUsed)) / mb,
				messages: messagesOnScreen(await terminal.screen()),
			};
			samples.push(sample);
			log(
				`minute ${sample.minute.toFixed(2).padStart(6)}: RSS ${sample.rssMb.toFixed(1)} MB, heap ${sample.heapMb.toFixed(1)} MB (floor ${sample.heapFloorMb.toFixed(1)} MB), ${sample.messages} messages so far`,
			);
		}

		const first = samples[0]!;
		const final = samples.at(-1)!;
		const elapsedMinutes = final.minute - first.minute;
		const rate = elapsedMinutes > 0 ? (final.messages - first.messages) / (elapsedMinutes * 60) : 0;
		// After a one-minute warm-up (the render caches and the JIT fill up), when the run is long enough. By
		// when each sample was due: a timer may fire a fraction of a millisecond early, and the sample due at
		// minute 1 then measured 0.9999 and was left out.
		const afterWarmUp = samples.filter((_, index) => index * options.sampleSeconds >= 60);
		const fitted = afterWarmUp.length >= 3 ? afterWarmUp : samples;
		const rssSlope = slope(fitted.map((sample) => [sample.minute, sample.rssMb]));
		const heapSlope = slope(fitted.map((sample) => [sample.minute, sample.heapFloorMb]));
		const row = (name: string, value: number, change: number) =>
			`| ${name.padEnd(15)} | ${value.toFixed(3).padStart(11)} | ${(value * 60).toFixed(1).padStart(14)} | ${change.toFixed(1).padStart(17)} | ${verdict(value).padEnd(9)} |`;
		return [
			`${sessions} sessions in auto mode, ${rate.toFixed(1)} msg/s measured at the server (target 30), one-CPU demo ${oneCpu ? 'on' : 'off (no taskset)'}; ${samples.length} samples over ${elapsedMinutes.toFixed(1)} min, slope over ${fitted.length} samples from minute ${fitted[0]!.minute.toFixed(1)}; load average (1 min) ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after.`,
			'',
			'| dashboard       | MB/min      | MB over 60 min | change in the fit | verdict   |',
			'| --------------- | ----------- | -------------- | ----------------- | --------- |',
			row('RSS', rssSlope, final.rssMb - fitted[0]!.rssMb),
			row('heap floor', heapSlope, final.heapFloorMb - fitted[0]!.heapFloorMb),
			'',
			'Verdict: flat when the fitted change over 60 minutes stays within +/- 5 MB.',
		].join('\n');
	} finally {
		await terminal.dispose();
		rmSync(dir, {recursive: true, force: true});
	}
}

export async function run(): Promise<void> {
	const minutes = numberOption('--minutes', 'SOCKTUI_SOAK_MINUTES', 60);
	const sampleSeconds = numberOption('--sample-seconds', 'SOCKTUI_SOAK_SAMPLE_SECONDS', 60);
	// A full collection every 15 s (at most): a fraction of a percent of one core.
	console.log(await soakBench({minutes, sampleSeconds, logMs: Math.min(15_000, sampleSeconds * 250)}));
}
