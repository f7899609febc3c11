import {ProcessSampler} from '../../../source/core/procs/sampler.js';
import {
	cellKinds,
	type TimelineSnapshot,
	type Capabilities,
	type ProcessSource,
	type ProcessTasks,
	type RawCoreSample,
	type RawProcessSample,
} from '../../../source/core/procs/types.js';

export const fullCapabilities: Capabilities = {
	source: 'proc',
	cpuPercent: true,
	cpuPercentIsAverage: false,
	stateLetter: true,
	runQueueWait: true,
	lastCpu: true,
	contextSwitches: true,
	coreBusy: true,
	notes: [],
};

/** A scripted source: each PID's counters advance by what the test says happened during the next tick. */
export class FakeSource implements ProcessSource {
	readonly capabilities: Capabilities;
	readonly coreCount: number;
	readonly samples = new Map<number, RawProcessSample>();
	cores?: RawCoreSample[];
	reads = 0;
	forgotten: number[] = [];
	fail?: Error;

	constructor(options: {capabilities?: Partial<Capabilities>; coreCount?: number} = {}) {
		this.capabilities = {...fullCapabilities, ...options.capabilities};
		this.coreCount = options.coreCount ?? 2;
	}

	/** Adds run / wait ns and switches to a PID's counters (creating it at zero). */
	advance(
		pid: number,
		change: {
			runNs?: number;
			waitNs?: number;
			cpu?: number;
			state?: string;
			voluntary?: number;
			involuntary?: number;
			rssBytes?: number;
		},
	): void {
		const sample = this.samples.get(pid) ?? {
			pid,
			present: true,
			state: 'S',
			runNs: 0,
			waitNs: 0,
			cpuTimeNs: 0,
			lastCpu: 0,
			voluntary: 0,
			involuntary: 0,
		};
		if (sample.runNs !== undefined) sample.runNs += change.runNs ?? 0;
		sample.cpuTimeNs! += change.runNs ?? 0;
		if (sample.waitNs !== undefined) sample.waitNs += change.waitNs ?? 0;
		sample.voluntary! += change.voluntary ?? 0;
		sample.involuntary! += change.involuntary ?? 0;
		if (change.cpu !== undefined) sample.lastCpu = change.cpu;
		if (change.state !== undefined) sample.state = change.state;
		if (change.rssBytes !== undefined) sample.rssBytes = change.rssBytes;
		this.samples.set(pid, sample);
	}

	kill(pid: number): void {
		this.samples.set(pid, {pid, present: false});
	}

	read(pids: readonly number[]): RawProcessSample[] {
		this.reads += 1;
		if (this.fail) throw this.fail;
		return pids.map((pid) => ({...(this.samples.get(pid) ?? {pid, present: false})}));
	}

	readCores(): RawCoreSample[] | undefined {
		return this.cores?.map((core) => ({...core}));
	}

	forget(pid: number): void {
		this.forgotten.push(pid);
	}

	/** Threads and children per PID, for `watchTree`. */
	readonly taskLists = new Map<number, ProcessTasks>();

	tasks(pid: number): ProcessTasks | undefined {
		const tasks = this.taskLists.get(pid);
		return tasks ? {threads: [...tasks.threads], children: [...tasks.children]} : undefined;
	}

	commandName(pid: number): string | undefined {
		return this.samples.has(pid) ? `cmd${pid}` : undefined;
	}

	close(): void {
		// nothing held
	}
}

/** A manual clock and timer queue. */
export class FakeTimers {
	time = 0;
	readonly pending = new Map<number, {at: number; callback: () => void}>();
	#next = 1;

	now = (): number => this.time;

	setTimeout = (callback: () => void, ms: number): unknown => {
		const id = this.#next++;
		this.pending.set(id, {at: this.time + ms, callback});
		return id;
	};

	clearTimeout = (handle: unknown): void => {
		this.pending.delete(handle as number);
	};

	/** Moves the clock on and fires the timers that came due, in order. */
	advance(ms: number): void {
		const end = this.time + ms;
		for (;;) {
			const due = [...this.pending.entries()]
				.filter(([, timer]) => timer.at <= end)
				.sort((a, b) => a[1].at - b[1].at)[0];
			if (!due) break;
			this.pending.delete(due[0]);
			this.time = Math.max(this.time, due[1].at);
			due[1].callback();
		}

		this.time = end;
	}
}

export const tickMs = 100;
export const tickNs = tickMs * 1e6;

/** A sampler on a FakeSource and FakeTimers, ticking every 100 ms of fake time (`tick`). */
export function fakeSampler(options: {columns?: number; source?: FakeSource} = {}) {
	const source = options.source ?? new FakeSource();
	const timers = new FakeTimers();
	const sampler = new ProcessSampler({source, timers, columns: options.columns ?? 20, intervalMs: tickMs});
	/** Lets `ms` pass on the fake clock, then samples once. */
	const tick = async (ms = tickMs): Promise<TimelineSnapshot> => {
		timers.time += ms;
		return sampler.sampleNow();
	};

	return {source, timers, sampler, tick};
}

/** A process's lane in a snapshot (throws when it has none). */
export const laneOf = (snapshot: TimelineSnapshot, pid: number) => {
	const found = snapshot.processes.find((process) => process.pid === pid);
	if (!found) throw new Error(`no lane for ${pid}`);
	return found;
};

/** A lane's cells, by name, oldest first. */
export const cellsOf = (snapshot: TimelineSnapshot, pid: number) =>
	[...laneOf(snapshot, pid).cells].map((code) => cellKinds[code]);
