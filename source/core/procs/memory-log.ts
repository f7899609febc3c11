import {closeSync, writeSync} from 'node:fs';
import {SocktuiError} from '../errors.js';
import {describeFileProblem} from '../file-error.js';
import {openForWriting} from '../files/safe-open.js';

/** One line of the memory log: this process's memory (process.memoryUsage(), bytes) at `at` (ms since the epoch). */
export interface MemoryLogLine {
	at: number;
	rss: number;
	heapUsed: number;
	heapTotal: number;
	external: number;
	arrayBuffers: number;
}

export interface MemoryLogOptions {
	path: string;
	intervalMs: number;
	usage?: () => NodeJS.MemoryUsage;
	now?: () => number;
	/**
	 * Called before each line; by default the full collection Node exposes with `--expose-gc` (the soak bench
	 * sets it), so that heapUsed is the live data rather than a point on the GC sawtooth. Nothing without it.
	 */
	collect?: (() => void) | undefined;
}

const defaultIntervalMs = 1000;

/**
 * `SOCKTUI_MEMORY_LOG=FILE` (and `SOCKTUI_MEMORY_LOG_MS`, default 1000): the options of the memory log,
 * which the soak bench reads to follow the dashboard's V8 heap. Undefined when the variable is not set.
 */
export function memoryLogOptions(env: NodeJS.ProcessEnv): MemoryLogOptions | undefined {
	const path = env['SOCKTUI_MEMORY_LOG'];
	if (path === undefined || path === '') return undefined;
	const text = env['SOCKTUI_MEMORY_LOG_MS'] ?? String(defaultIntervalMs);
	const intervalMs = Number(text);
	if (!/^\d+$/.test(text) || intervalMs < 10 || intervalMs > 3_600_000)
		throw new SocktuiError('BadUsage', `SOCKTUI_MEMORY_LOG_MS must be from 10 to 3600000 (ms), got '${text}'`);
	return {path, intervalMs};
}

/**
 * Appends one JSON line (MemoryLogLine) to the file at once and then every `intervalMs`, until `stop`. The
 * timer never keeps the process alive. Throws a SocktuiError when the file cannot be opened.
 */
export function startMemoryLog(options: MemoryLogOptions): {stop(): void} {
	const usage = options.usage ?? (() => process.memoryUsage());
	const now = options.now ?? Date.now;
	const collect = 'collect' in options ? options.collect : (globalThis as {gc?: () => void}).gc;
	// A new file, as every file socktui writes (core/files/safe-open.ts).
	const opened = openForWriting(options.path);
	if (!opened.ok)
		throw new SocktuiError(
			'FileRefused',
			// No --overwrite here: the bench gives a fresh path each run.
			`SOCKTUI_MEMORY_LOG: cannot open ${options.path}: ${opened.problem.kind === 'exists' ? 'it already exists' : describeFileProblem(opened.problem)}`,
		);
	let fd: number | undefined = opened.fd;

	const write = () => {
		if (fd === undefined) return;
		collect?.();
		const {rss, heapUsed, heapTotal, external, arrayBuffers} = usage();
		const line: MemoryLogLine = {at: now(), rss, heapUsed, heapTotal, external, arrayBuffers};
		try {
			writeSync(fd, `${JSON.stringify(line)}\n`);
		} catch {
			// A full disk or a removed file: the log just ends; the dashboard goes on.
			stop();
		}
	};

	const stop = () => {
		clearInterval(timer);
		if (fd !== undefined) closeSync(fd);
		fd = undefined;
	};

	const timer = setInterval(write, options.intervalMs);
	timer.unref();
	write();
	return {stop};
}
