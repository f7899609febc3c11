import {execFile, execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {availableParallelism, tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';

const run = promisify(execFile);
const source = fileURLToPath(new URL('loadgen.c', import.meta.url));

/** One run of bench/echo/loadgen.c: its key=value line, typed. */
export interface LoadgenResult {
	messages: number;
	seconds: number;
	lost: number;
	p50Us: number;
	p99Us: number;
	/** The load generator's CPU over the measured window, as a fraction of one core. */
	loadgenCpu: number;
	/** The server's CPU seconds over the same window (from /proc), undefined when it could not be read. */
	serverCpuSeconds: number | undefined;
}

export interface LoadgenOptions {
	protocol: 'tcp' | 'udp';
	port: number;
	connections: number;
	warmupSeconds: number;
	measureSeconds: number;
	serverPid: number;
}

/** Where each side runs: the load generator on CPU 0 and the servers on CPU 1, when there are two. */
export interface Pinning {
	loadgen: string[];
	server: string[];
	/** Said above the table when the two could not be pinned apart. */
	note: string | undefined;
}

function hasCommand(command: string, args: string[]): boolean {
	try {
		execFileSync(command, args, {stdio: 'ignore', timeout: 10_000});
		return true;
	} catch {
		return false;
	}
}

export function pinning(): Pinning {
	if (availableParallelism() < 2)
		return {loadgen: [], server: [], note: 'one CPU only: load generator and server share it (not pinned)'};
	if (!hasCommand('taskset', ['--version']))
		return {loadgen: [], server: [], note: 'taskset not found: load generator and server are not pinned'};
	return {loadgen: ['taskset', '-c', '0'], server: ['taskset', '-c', '1'], note: undefined};
}

/** Compiles loadgen.c into a fresh temporary directory; a reason instead when no C compiler works. */
export async function compileLoadgen(): Promise<{binary: string; dispose(): void} | {skipped: string}> {
	const compiler = ['cc', 'gcc'].find((candidate) => hasCommand(candidate, ['--version']));
	if (compiler === undefined) return {skipped: 'no C compiler (cc or gcc) on PATH to build the load generator'};
	const directory = mkdtempSync(path.join(tmpdir(), 'socktui-loadgen-'));
	const binary = path.join(directory, 'loadgen');
	const dispose = () => rmSync(directory, {recursive: true, force: true});
	try {
		await run(compiler, ['-O2', '-o', binary, source], {timeout: 60_000});
	} catch (error: unknown) {
		dispose();
		const message = error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error);
		return {skipped: `${compiler} could not build the load generator: ${message}`};
	}

	return {binary, dispose};
}

/** Parses loadgen's one line of key=value; throws with the line when it reports an error. */
export function parseLoadgenLine(line: string): LoadgenResult {
	const fields = new Map(
		line
			.trim()
			.split(' ')
			.map((pair) => {
				const equals = pair.indexOf('=');
				return [pair.slice(0, equals), pair.slice(equals + 1)] as const;
			}),
	);
	const error = fields.get('error');
	if (error !== undefined) throw new Error(`load generator: ${error} (${line.trim()})`);
	const number = (key: string) => {
		const value = Number(fields.get(key));
		if (!Number.isFinite(value)) throw new Error(`load generator printed no ${key}: ${line.trim()}`);
		return value;
	};

	const serverCpu = fields.has('server_cpu_s') ? number('server_cpu_s') : -1;
	return {
		messages: number('messages'),
		seconds: number('seconds'),
		lost: number('lost'),
		p50Us: number('p50_us'),
		p99Us: number('p99_us'),
		loadgenCpu: number('loadgen_cpu'),
		serverCpuSeconds: serverCpu < 0 ? undefined : serverCpu,
	};
}

export async function runLoadgen(binary: string, pin: string[], options: LoadgenOptions): Promise<LoadgenResult> {
	const args = [
		`--${options.protocol}`,
		'--port',
		String(options.port),
		'--conns',
		String(options.connections),
		'--size',
		'64',
		'--warmup',
		String(options.warmupSeconds),
		'--duration',
		String(options.measureSeconds),
		'--server-pid',
		String(options.serverPid),
	];
	const [command, ...prefix] = [...pin, binary];
	const timeout = (options.warmupSeconds + options.measureSeconds) * 1000 + 15_000;
	try {
		const {stdout} = await run(command, [...prefix, ...args], {timeout});
		return parseLoadgenLine(stdout);
	} catch (error: unknown) {
		const stdout = (error as {stdout?: string}).stdout;
		if (stdout !== undefined && stdout.includes('error=')) return parseLoadgenLine(stdout);
		throw error;
	}
}
