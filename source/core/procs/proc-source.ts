import {closeSync, openSync, readdirSync, readFileSync, readSync} from 'node:fs';
import {clockTicksPerSecond} from './clock-ticks.js';
import {parseCpuStat} from './cpu-stat.js';
import {decodeComm, parseProcStat} from './proc-stat.js';
import {parseContextSwitches, parseResidentBytes, parseSmapsRollup} from './proc-status.js';
import {parseSchedstat} from './schedstat.js';
import type {Capabilities, ProcessSource, ProcessTasks, RawCoreSample, RawProcessSample, SamplerNote} from './types.js';

/**
 * Reads process state from Linux /proc. Cheap by design: each watched process keeps its three files open
 * and every tick re-reads them with one pread at offset 0 into a shared buffer (a /proc file regenerates
 * its text on each read from offset 0), which costs about a third of open+read+close.
 *
 * Everything is read for the main thread (`/proc/<pid>/task/<pid>/...`): that is where a Node process runs
 * its JavaScript, schedstat and the switch counts are per thread anyway, and the thread's stat is 2-3x
 * cheaper for the kernel to produce than the process's, which sums over every thread.
 */
type FileName = 'stat' | 'schedstat' | 'status';

interface Watched {
	fds: Partial<Record<FileName, number>>;
	/** The last PSS read, and when (smaps_rollup walks every mapping: read about once a second, not per tick). */
	pss?: {bytes: number | undefined; at: number};
	startTimeTicks?: number;
	gone: boolean;
}

const goneCodes = new Set(['ENOENT', 'ESRCH']);
const pssIntervalMs = 1000;

export interface ProcSourceOptions {
	/** Root of the proc filesystem (tests point it elsewhere). */
	procRoot?: string;
}

export class ProcSource implements ProcessSource {
	readonly capabilities: Capabilities;
	readonly coreCount: number;
	readonly #root: string;
	readonly #buffer = Buffer.allocUnsafe(16 * 1024);
	readonly #watched = new Map<number, Watched>();
	readonly #nsPerTick: number;
	#cpuStatFd: number | undefined;

	/** Throws when /proc/self/stat cannot be read (not Linux): use createProcessSource() to fall back. */
	constructor(options: ProcSourceOptions = {}) {
		this.#root = options.procRoot ?? '/proc';
		this.#nsPerTick = 1e9 / clockTicksPerSecond();
		const self = this.#readOnce(`${this.#root}/thread-self/stat`);
		if (self === undefined || parseProcStat(self) === undefined)
			throw new Error(`${this.#root}/thread-self/stat is not readable`);
		const schedText = this.#readOnce(`${this.#root}/thread-self/schedstat`);
		const hasSchedstat = schedText !== undefined && parseSchedstat(schedText) !== undefined;
		const statusText = this.#readOnce(`${this.#root}/thread-self/status`);
		const hasSwitches = statusText !== undefined && parseContextSwitches(statusText) !== undefined;
		try {
			this.#cpuStatFd = openSync(`${this.#root}/stat`, 'r');
		} catch {
			this.#cpuStatFd = undefined;
		}

		const cores = this.readCores() ?? [];
		this.coreCount = cores.length;
		const notes: SamplerNote[] = [];
		if (!hasSchedstat) notes.push({code: 'noSchedstat'});
		if (!hasSwitches) notes.push({code: 'noSwitchCounts'});
		if (cores.length === 0) notes.push({code: 'noCoreTimes'});
		this.capabilities = {
			source: 'proc',
			cpuPercent: true,
			cpuPercentIsAverage: false,
			stateLetter: true,
			runQueueWait: hasSchedstat,
			lastCpu: true,
			contextSwitches: hasSwitches,
			coreBusy: cores.length > 0,
			notes,
		};
	}

	read(pids: readonly number[]): RawProcessSample[] {
		return pids.map((pid) => this.#readProcess(pid));
	}

	readCores(): RawCoreSample[] | undefined {
		if (this.#cpuStatFd === undefined) return undefined;
		let text: string;
		try {
			const length = readSync(this.#cpuStatFd, this.#buffer, 0, this.#buffer.length, 0);
			text = this.#buffer.toString('latin1', 0, length);
		} catch {
			return undefined;
		}

		const cores = parseCpuStat(text);
		if (cores.length === 0) return undefined;
		return cores.map((core) => ({
			cpu: core.cpu,
			busyNs: core.busyTicks * this.#nsPerTick,
			totalNs: core.totalTicks * this.#nsPerTick,
		}));
	}

	forget(pid: number): void {
		const watched = this.#watched.get(pid);
		if (watched) this.#close(watched);
		this.#watched.delete(pid);
	}

	close(): void {
		for (const pid of [...this.#watched.keys()]) this.forget(pid);
		if (this.#cpuStatFd !== undefined) closeSync(this.#cpuStatFd);
		this.#cpuStatFd = undefined;
	}

	#readProcess(pid: number): RawProcessSample {
		let watched = this.#watched.get(pid);
		if (!watched) {
			watched = {fds: {}, gone: false};
			this.#watched.set(pid, watched);
		}

		if (watched.gone) return {pid, present: false};
		const statText = this.#read(pid, watched, 'stat');
		if (statText.gone) return this.#markGone(pid, watched);
		const stat = statText.text === undefined ? undefined : parseProcStat(statText.text);
		if (!stat) return {pid, present: true, error: statText.error ?? 'unreadable /proc/<pid>/stat'};
		watched.startTimeTicks ??= stat.startTimeTicks;
		if (watched.startTimeTicks !== stat.startTimeTicks) return this.#markGone(pid, watched); // PID reused
		const sample: RawProcessSample = {
			pid,
			present: true,
			state: stat.state,
			cpuTimeNs: (stat.utimeTicks + stat.stimeTicks) * this.#nsPerTick,
			lastCpu: stat.processor >= 0 ? stat.processor : undefined,
		};
		if (this.capabilities.runQueueWait) {
			const text = this.#read(pid, watched, 'schedstat').text;
			const sched = text === undefined ? undefined : parseSchedstat(text);
			if (sched) {
				sample.runNs = sched.runNs;
				sample.waitNs = sched.waitNs;
			}
		}

		// The thread's status also holds the process's resident memory (VmRSS): the threads share it.
		const text = this.#read(pid, watched, 'status').text;
		if (text !== undefined) {
			const switches = this.capabilities.contextSwitches ? parseContextSwitches(text) : undefined;
			if (switches) {
				sample.voluntary = switches.voluntary;
				sample.involuntary = switches.involuntary;
			}

			const rss = parseResidentBytes(text);
			if (rss !== undefined) sample.rssBytes = rss;
		}

		if (sample.rssBytes !== undefined) {
			const pss = this.#pss(pid, watched);
			if (pss === undefined) sample.pssUnreadable = true;
			else sample.pssBytes = pss;
		}

		return sample;
	}

	#pss(pid: number, watched: Watched): number | undefined {
		const now = performance.now();
		if (watched.pss && now - watched.pss.at < pssIntervalMs) return watched.pss.bytes;
		const text = this.#readOnce(`${this.#root}/${pid}/smaps_rollup`);
		const bytes = text === undefined ? undefined : parseSmapsRollup(text)?.pssBytes;
		watched.pss = {bytes, at: now};
		return bytes;
	}

	tasks(pid: number): ProcessTasks | undefined {
		let threads: number[];
		try {
			threads = readdirSync(`${this.#root}/${pid}/task`)
				.map(Number)
				.filter((tid) => Number.isSafeInteger(tid) && tid > 0);
		} catch {
			return undefined;
		}

		// Each thread lists the children it forked (Linux 3.5+ with CONFIG_PROC_CHILDREN).
		const children = new Set<number>();
		for (const tid of threads) {
			try {
				for (const word of readFileSync(`${this.#root}/${pid}/task/${tid}/children`, 'latin1').split(' ')) {
					const child = Number(word);
					if (word !== '' && Number.isSafeInteger(child) && child > 0) children.add(child);
				}
			} catch {
				// the thread ended meanwhile, or the kernel has no children file
			}
		}

		return {threads: threads.sort((a, b) => a - b), children: [...children].sort((a, b) => a - b)};
	}

	commandName(pid: number): string | undefined {
		const text = this.#readOnce(`${this.#root}/${pid}/stat`);
		const comm = text === undefined ? undefined : parseProcStat(text)?.comm;
		return comm === undefined ? undefined : decodeComm(comm);
	}

	#markGone(pid: number, watched: Watched): RawProcessSample {
		watched.gone = true;
		this.#close(watched);
		return {pid, present: false};
	}

	#read(pid: number, watched: Watched, name: FileName): {text?: string; gone?: boolean; error?: string} {
		try {
			let fd = watched.fds[name];
			if (fd === undefined) {
				fd = openSync(`${this.#root}/${pid}/task/${pid}/${name}`, 'r');
				watched.fds[name] = fd;
			}

			const length = readSync(fd, this.#buffer, 0, this.#buffer.length, 0);
			// An exited-and-reaped process reads as ESRCH on an fd opened earlier, or as empty on some kernels.
			if (length === 0) return {gone: true};
			return {text: this.#buffer.toString('latin1', 0, length)};
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
			if (goneCodes.has(code)) return {gone: true};
			return {error: `${name}: ${code}`};
		}
	}

	#readOnce(path: string): string | undefined {
		try {
			const fd = openSync(path, 'r');
			try {
				const length = readSync(fd, this.#buffer, 0, this.#buffer.length, 0);
				return this.#buffer.toString('latin1', 0, length);
			} finally {
				closeSync(fd);
			}
		} catch {
			return undefined;
		}
	}

	#close(watched: Watched): void {
		for (const fd of Object.values(watched.fds)) {
			try {
				closeSync(fd);
			} catch {
				// already closed
			}
		}

		watched.fds = {};
	}
}
