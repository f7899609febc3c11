import {execFile} from 'node:child_process';
import {isGoneState} from './state-letters.js';
import type {Capabilities, ProcessSource, RawProcessSample} from './types.js';

/** Runs `ps` and resolves to its stdout (rejects when it fails to start). Injectable for tests. */
export type RunPs = (args: readonly string[]) => Promise<string>;

const runPsForReal: RunPs = async (args) =>
	new Promise((resolve, reject) => {
		execFile('ps', args, {encoding: 'utf8', timeout: 5000, maxBuffer: 1024 * 1024}, (error, stdout) => {
			// ps exits 1 when some PIDs no longer exist but still prints the others: only a failure to start
			// (a string code such as ENOENT) or a timeout is an error.
			if (error && (typeof error.code === 'string' || error.killed)) reject(new Error(error.message));
			else resolve(stdout);
		});
	});

/** Parses `ps -o pid=,pcpu=,stat=` output into PID -> {percent, state letter}. */
export function parsePsOutput(text: string): Map<number, {percentCpu: number; state: string}> {
	const rows = new Map<number, {percentCpu: number; state: string}>();
	for (const line of text.split('\n')) {
		const [pidText, cpuText, stat] = line.trim().split(/\s+/);
		const pid = Number(pidText);
		const percentCpu = Number(cpuText?.replace(',', '.'));
		if (!Number.isInteger(pid) || !Number.isFinite(percentCpu) || !stat) continue;
		rows.set(pid, {percentCpu, state: stat[0]!});
	}

	return rows;
}

/**
 * The portable fallback (macOS, BSDs): one `ps` call per tick for all watched PIDs. ps's %cpu is an
 * average (lifetime on Linux, decaying on macOS), and it cannot tell running from runnable: the
 * capabilities say so and the screen repeats it.
 */
export class PsSource implements ProcessSource {
	readonly capabilities: Capabilities = {
		source: 'ps',
		cpuPercent: true,
		cpuPercentIsAverage: true,
		stateLetter: true,
		runQueueWait: false,
		lastCpu: false,
		contextSwitches: false,
		coreBusy: false,
		notes: [{code: 'psOnly'}],
	};

	readonly coreCount = 0;
	readonly #runPs: RunPs;

	constructor(runPs: RunPs = runPsForReal) {
		this.#runPs = runPs;
	}

	async read(pids: readonly number[]): Promise<RawProcessSample[]> {
		if (pids.length === 0) return [];
		let rows: Map<number, {percentCpu: number; state: string}>;
		try {
			rows = parsePsOutput(await this.#runPs(['-o', 'pid=,pcpu=,stat=', '-p', pids.join(',')]));
		} catch (error) {
			const message = `ps failed: ${(error as Error).message.split('\n')[0]}`;
			return pids.map((pid) => ({pid, present: true, error: message}));
		}

		return pids.map((pid) => {
			const row = rows.get(pid);
			if (!row || isGoneState(row.state)) return {pid, present: false};
			return {pid, present: true, state: row.state, percentCpu: row.percentCpu};
		});
	}

	close(): void {
		// nothing held between calls
	}
}
