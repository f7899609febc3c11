import {availableParallelism} from 'node:os';
import {defaults} from '../defaults.js';
import type {SessionPhase} from '../sessions/types.js';
import {safeText} from '../text/safe-text.js';
import {classifyTick, runDeltaNs} from './classify.js';
import {coreOwners, type CoreUse} from './core-owners.js';
import {createProcessSource} from './create-source.js';
import {
	cellCode,
	coreUnknown,
	phaseCode,
	type Capabilities,
	type CoreLaneSnapshot,
	type ProcessLaneSnapshot,
	type ProcessLatest,
	type ProcessSource,
	type RawCoreSample,
	type RawProcessSample,
	type SamplerNote,
	type TimelineSnapshot,
} from './types.js';

/**
 * A column is marked "ran part of it" when the process ran at least this share of the column: enough to
 * show two processes taking turns on one CPU, while an idle process's wake-ups (a timer, a stats read:
 * well under a millisecond) leave its lane plain, so an idle timeline does not change from column to column.
 */
export const ranPartMinShare = 0.1;

function ranPart(runNs: number | undefined, elapsedNs: number): boolean {
	if (runNs === undefined || runNs <= 0) return false;
	return elapsedNs <= 0 || runNs >= elapsedNs * ranPartMinShare;
}

export interface SamplerTimers {
	/** Milliseconds from a monotonic clock. */
	now(): number;
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

const realTimers: SamplerTimers = {
	now: () => performance.now(),
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface SamplerOptions {
	/** Where readings come from; default: /proc on Linux, ps elsewhere. */
	source?: ProcessSource;
	intervalMs?: number;
	/** Ticks kept per lane (ring capacity). */
	columns?: number;
	/** Watched processes at most; watch() refuses more (exited ones are dropped first). */
	maxProcesses?: number;
	timers?: SamplerTimers;
}

export const minSampleIntervalMs = 20;
export const maxSampleIntervalMs = 5000;
const maxRuntimeNotes = 4;

interface Lane {
	pid: number;
	label: string;
	/** Its letter's index, kept while the lane is (see ProcessLaneSnapshot.slot). */
	slot: number;
	kind: ProcessLaneSnapshot['kind'];
	parentPid?: number;
	cells: Uint8Array;
	ran: Uint8Array;
	/** Switch counts per tick (rings like `cells`), summed over the last second for `latest`. */
	voluntaryTicks: Uint32Array;
	involuntaryTicks: Uint32Array;
	phases: Uint8Array;
	previous?: RawProcessSample;
	previousAt?: number;
	latest: ProcessLatest;
	exited: boolean;
	/** Ticks written since the process exited: at `columns` the lane has scrolled off and is dropped. */
	exitedTicks: number;
	phase?: SessionPhase;
	phaseSince: number;
	/** Milliseconds spent in each phase (by phaseCode) since the last tick. */
	phaseSpent: Float64Array;
}

/** A process watched with its threads and children (`watchTree`). */
interface Tree {
	/** Threads and children seen but not given a lane (over the caps). */
	hiddenThreads: number;
	hiddenChildren: number;
}

type Listener = (snapshot: TimelineSnapshot) => void;

/**
 * Samples the watched processes every interval and keeps a scrolling timeline of what each one did:
 * measured cells (running / runnable / sleeping / exited), a parallel lane of the phases processes report
 * about themselves (never mixed with the measured data), and one lane per core. All history lives in
 * fixed-size typed-array rings, so memory is flat however long it runs. Emits a snapshot per tick.
 */
export class ProcessSampler {
	readonly columns: number;
	readonly #source: ProcessSource;
	readonly #timers: SamplerTimers;
	readonly #maxProcesses: number;
	readonly #lanes = new Map<number, Lane>();
	readonly #trees = new Map<number, Tree>();
	readonly #coreLanes: Int32Array[];
	/** Per core and tick: ms of busy time not the watched processes' (NaN: unknown), and theirs. */
	readonly #coreOtherMs: Float32Array[];
	readonly #coreDemoMs: Float32Array[];
	/** Per tick: the tick's length in ms (NaN: nothing known about the cores). */
	readonly #coreElapsedMs: Float32Array;
	readonly #listeners = new Set<Listener>();
	/** Notes found while sampling, by their code and detail (each once). */
	readonly #runtimeNotes = new Map<string, SamplerNote>();
	#intervalMs: number;
	#tick = 0;
	#lastTickAt: number;
	#previousCores?: RawCoreSample[];
	#running = false;
	#paused = false;
	#closed = false;
	#inFlight?: Promise<TimelineSnapshot>;
	#timer: unknown;
	#nextDue = 0;
	#snapshot?: TimelineSnapshot;

	constructor(options: SamplerOptions = {}) {
		this.#source = options.source ?? createProcessSource();
		this.#timers = options.timers ?? realTimers;
		this.columns = options.columns ?? defaults.timelineColumns;
		if (!Number.isInteger(this.columns) || this.columns < 1)
			throw new RangeError(`columns must be a positive integer, got ${this.columns}`);
		this.#maxProcesses = options.maxProcesses ?? defaults.sampleMaxProcesses;
		this.#intervalMs = clampInterval(options.intervalMs ?? defaults.sampleIntervalMs);
		this.#lastTickAt = this.#timers.now();
		const caps = this.#source.capabilities;
		const cores = this.#source.coreCount > 0 ? this.#source.coreCount : caps.lastCpu ? availableParallelism() : 0;
		this.#coreLanes = Array.from({length: cores}, () => new Int32Array(this.columns).fill(coreUnknown));
		this.#coreOtherMs = Array.from({length: cores}, () => new Float32Array(this.columns).fill(Number.NaN));
		this.#coreDemoMs = Array.from({length: cores}, () => new Float32Array(this.columns));
		this.#coreElapsedMs = new Float32Array(this.columns).fill(Number.NaN);
	}

	get capabilities(): Capabilities {
		const caps = this.#source.capabilities;
		return this.#runtimeNotes.size === 0 ? caps : {...caps, notes: [...caps.notes, ...this.#runtimeNotes.values()]};
	}

	get intervalMs(): number {
		return this.#intervalMs;
	}

	get paused(): boolean {
		return this.#paused;
	}

	/** Watches a process (or renames its lane). Returns false when the cap of watched processes is reached. */
	watch(pid: number, label: string): boolean {
		return this.#addLane(pid, label, 'process');
	}

	/**
	 * Watches an outside process together with its threads and child processes: every tick the source lists
	 * them, and each new one gets its own lane (labelled with its TID or PID) until the caps in `defaults`;
	 * the rest are counted. A thread or child that ends turns its lane to exited, like any process.
	 */
	watchTree(pid: number, label?: string): boolean {
		const name = label ?? printableName(this.#source.commandName?.(pid)) ?? 'process';
		if (!this.#addLane(pid, name, 'process')) return false;
		this.#trees.set(pid, {hiddenThreads: 0, hiddenChildren: 0});
		this.#discover();
		this.#changed();
		return true;
	}

	/**
	 * Lanes for the threads and children a process reports about itself (the echo server's model workers,
	 * labelled with what each serves): new ones get a lane under `parentPid`, up to the watch caps; one that
	 * ends turns its lane to exited by itself, like any process.
	 */
	watchWorkers(
		parentPid: number,
		workers: ReadonlyArray<{pid: number; kind: 'thread' | 'child'; label: string}>,
	): void {
		const root = this.#lanes.get(parentPid);
		if (!root || root.exited) return;
		let changed = false;
		for (const worker of workers) {
			const existing = this.#lanes.get(worker.pid);
			if (existing && !existing.exited) {
				if (existing.label !== worker.label) {
					existing.label = worker.label;
					changed = true;
				}

				continue;
			}

			const cap = worker.kind === 'thread' ? defaults.watchMaxThreadLanes : defaults.watchMaxChildLanes;
			const live = [...this.#lanes.values()].filter(
				(lane) => lane.parentPid === parentPid && lane.kind === worker.kind && !lane.exited,
			).length;
			if (live >= cap) continue;
			changed = this.#addLane(worker.pid, worker.label, worker.kind, parentPid) || changed;
		}

		if (changed) this.#changed();
	}

	/** Adds (or renames) a lane; publishes at once unless `parentPid` is set (threads and children are found during a tick, which publishes). */
	#addLane(pid: number, label: string, kind: Lane['kind'], parentPid?: number): boolean {
		const existing = this.#lanes.get(pid);
		if (existing && !existing.exited) {
			existing.label = label;
			this.#changed();
			return true;
		}

		if (existing) this.#drop(pid); // a new process with a reused PID gets a fresh lane
		if (this.#lanes.size >= this.#maxProcesses && !this.#dropOldestExited()) return false;
		this.#lanes.set(pid, {
			pid,
			label,
			slot: this.#freeSlot(),
			kind,
			...(parentPid === undefined ? {} : {parentPid}),
			cells: new Uint8Array(this.columns),
			ran: new Uint8Array(this.columns),
			voluntaryTicks: new Uint32Array(this.columns),
			involuntaryTicks: new Uint32Array(this.columns),
			phases: new Uint8Array(this.columns),
			latest: {cell: 'none'},
			exited: false,
			exitedTicks: 0,
			phaseSince: this.#timers.now(),
			phaseSpent: new Float64Array(4),
		});
		if (parentPid === undefined) this.#changed();
		return true;
	}

	/** Stops watching at once and drops the lane (an exited process scrolls off by itself; no need). */
	unwatch(pid: number): void {
		if (this.#lanes.has(pid)) {
			this.#drop(pid);
			this.#changed();
		}
	}

	/** Records what a process says it is doing. Self-reported: kept in its own lane, never in the measured one. */
	reportPhase(pid: number, phase: SessionPhase): void {
		const lane = this.#lanes.get(pid);
		if (!lane || lane.exited) return;
		const now = this.#timers.now();
		if (lane.phase !== undefined)
			lane.phaseSpent[phaseCode[lane.phase]]! += now - Math.max(lane.phaseSince, this.#lastTickAt);
		lane.phase = phase;
		lane.phaseSince = now;
	}

	/** Changes the sampling period (clamped to 20-5000 ms); returns the period in effect. */
	setIntervalMs(ms: number): number {
		this.#intervalMs = clampInterval(ms);
		if (this.#running && !this.#paused) this.#schedule(true);
		this.#changed();
		return this.#intervalMs;
	}

	/** Starts sampling on a timer. */
	start(): void {
		if (this.#running || this.#closed) return;
		this.#running = true;
		this.#nextDue = this.#timers.now() + this.#intervalMs;
		this.#schedule(false);
	}

	stop(): void {
		this.#running = false;
		this.#cancel();
	}

	/** Freezes the timeline (no sampling) until resume(); lanes keep their history. */
	pause(): void {
		if (this.#paused) return;
		this.#paused = true;
		this.#cancel();
		this.#changed();
	}

	resume(): void {
		if (!this.#paused) return;
		this.#paused = false;
		// Deltas across the pause would smear a long gap into one tick: start the comparisons afresh.
		for (const lane of this.#lanes.values()) lane.previous = undefined;
		this.#previousCores = undefined;
		this.#lastTickAt = this.#timers.now();
		if (this.#running) {
			this.#nextDue = this.#timers.now() + this.#intervalMs;
			this.#schedule(false);
		}

		this.#changed();
	}

	/** Samples once now (also used by tests and the bench); concurrent calls share one reading. */
	async sampleNow(): Promise<TimelineSnapshot> {
		if (this.#closed) return this.snapshot();
		this.#inFlight ??= this.#sample().finally(() => {
			this.#inFlight = undefined;
		});
		return this.#inFlight;
	}

	/** The latest snapshot (rebuilt only after something changed). */
	snapshot(): TimelineSnapshot {
		this.#snapshot ??= this.#buildSnapshot();
		return this.#snapshot;
	}

	subscribe(listener: Listener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	close(): void {
		this.#closed = true;
		this.stop();
		this.#listeners.clear();
		this.#source.close();
	}

	/** New threads and children of the processes watched with `watchTree` get lanes. */
	#discover(): void {
		if (this.#trees.size === 0 || !this.#source.tasks) return;
		for (const [pid, tree] of this.#trees) {
			const root = this.#lanes.get(pid);
			if (!root || root.exited) {
				this.#trees.delete(pid);
				continue;
			}

			const tasks = this.#source.tasks(pid);
			if (!tasks) continue;
			const live = (kind: Lane['kind']) =>
				[...this.#lanes.values()].filter((lane) => lane.parentPid === pid && lane.kind === kind && !lane.exited).length;
			let threads = live('thread');
			tree.hiddenThreads = 0;
			// A thread or child with a lane keeps it, exited ones too: /proc lists a dying thread for a while
			// after its lane turned exited, and a fresh lane for it would throw away what it did (the README:
			// exited lanes stay until they scroll away).
			for (const tid of tasks.threads) {
				if (tid === pid || this.#lanes.has(tid)) continue;
				if (threads >= defaults.watchMaxThreadLanes || !this.#addLane(tid, 'thread', 'thread', pid)) {
					tree.hiddenThreads += 1;
					continue;
				}

				threads += 1;
			}

			let children = live('child');
			tree.hiddenChildren = 0;
			for (const child of tasks.children) {
				if (this.#lanes.has(child)) continue;
				const name = printableName(this.#source.commandName?.(child));
				if (
					children >= defaults.watchMaxChildLanes ||
					!this.#addLane(child, name === undefined ? 'child' : `child ${name}`, 'child', pid)
				) {
					tree.hiddenChildren += 1;
					continue;
				}

				children += 1;
			}
		}
	}

	async #sample(): Promise<TimelineSnapshot> {
		this.#discover();
		const lanes = [...this.#lanes.values()];
		const live = lanes.filter((lane) => !lane.exited);
		let readings: RawProcessSample[] = [];
		try {
			readings = live.length === 0 ? [] : await this.#source.read(live.map((lane) => lane.pid));
		} catch (error) {
			this.#note({code: 'readFailed', detail: (error as Error).message});
		}

		const cores = this.#coreLanes.length > 0 ? this.#source.readCores?.() : undefined;
		const now = this.#timers.now();
		const at = this.#tick % this.columns;
		const uses: CoreUse[] = [];
		for (const [index, lane] of live.entries()) {
			const reading = readings[index];
			if (!reading) {
				lane.cells[at] = cellCode.none;
				continue;
			}

			if (reading.error) this.#note({code: 'readError', detail: reading.error});
			const elapsedNs = lane.previousAt === undefined ? 0 : (now - lane.previousAt) * 1e6;
			lane.latest = classifyTick(lane.previous, reading, elapsedNs);
			lane.cells[at] = cellCode[lane.latest.cell];
			const runNs = runDeltaNs(lane.previous, reading);
			lane.ran[at] = lane.previous !== undefined && ranPart(runNs, elapsedNs) ? 1 : 0;
			this.#recordSwitches(lane, at);
			if (reading.rssBytes !== undefined && lane.latest.cell !== 'exited') {
				lane.latest.rssBytes = reading.rssBytes;
				if (reading.pssBytes !== undefined) lane.latest.pssBytes = reading.pssBytes;
				if (reading.pssUnreadable) lane.latest.pssUnreadable = true;
			}
			if (runNs !== undefined && reading.lastCpu !== undefined && lane.previous !== undefined)
				uses.push({pid: lane.pid, cpu: reading.lastCpu, runNs});
			if (lane.latest.cell === 'exited') {
				lane.exited = true;
				this.#source.forget?.(lane.pid);
			}

			lane.previous = reading;
			lane.previousAt = now;
		}

		for (const lane of lanes) {
			lane.phases[at] = this.#closePhaseTick(lane, now);
			if (lane.exited && !live.includes(lane)) {
				lane.cells[at] = cellCode.exited;
				lane.ran[at] = 0;
				lane.voluntaryTicks[at] = 0;
				lane.involuntaryTicks[at] = 0;
				lane.exitedTicks += 1;
				if (lane.exitedTicks >= this.columns) this.#drop(lane.pid); // scrolled off every column kept
			}
		}

		this.#writeCores(at, uses, cores, (now - this.#lastTickAt) * 1e6);
		this.#lastTickAt = now;
		this.#tick += 1;
		this.#snapshot = undefined;
		const snapshot = this.snapshot();
		for (const listener of this.#listeners) listener(snapshot);
		return snapshot;
	}

	/** Keeps this tick's switch counts and sums the last second's into `latest` (so the words stay readable). */
	#recordSwitches(lane: Lane, at: number): void {
		const latest = lane.latest;
		lane.voluntaryTicks[at] = latest.voluntaryDelta ?? 0;
		lane.involuntaryTicks[at] = latest.involuntaryDelta ?? 0;
		if (latest.voluntary === undefined || latest.involuntary === undefined) return;
		const ticks = Math.min(this.columns, this.#tick + 1, Math.max(1, Math.round(1000 / this.#intervalMs)));
		let voluntary = 0;
		let involuntary = 0;
		for (let back = 0; back < ticks; back++) {
			const index = (at - back + this.columns) % this.columns;
			voluntary += lane.voluntaryTicks[index]!;
			involuntary += lane.involuntaryTicks[index]!;
		}

		latest.voluntaryRecent = voluntary;
		latest.involuntaryRecent = involuntary;
		latest.recentMs = ticks * this.#intervalMs;
	}

	/** The phase that filled most of the tick just ended (0 when the process never reported one). */
	#closePhaseTick(lane: Lane, now: number): number {
		if (lane.phase === undefined || lane.exited) return phaseCode.none;
		lane.phaseSpent[phaseCode[lane.phase]]! += now - Math.max(lane.phaseSince, this.#lastTickAt);
		let best = phaseCode[lane.phase];
		for (let code = 1; code < lane.phaseSpent.length; code++) {
			if (lane.phaseSpent[code]! > lane.phaseSpent[best]!) best = code;
		}

		lane.phaseSpent.fill(0);
		lane.phaseSince = now;
		return best;
	}

	#writeCores(at: number, uses: CoreUse[], cores: RawCoreSample[] | undefined, elapsedNs: number): void {
		if (this.#coreLanes.length === 0) return;
		let busy: Array<number | undefined> | undefined;
		const before = this.#previousCores;
		if (cores && before) {
			busy = new Array<number | undefined>(this.#coreLanes.length);
			for (const core of cores) {
				const old = before.find((candidate) => candidate.cpu === core.cpu);
				if (old && core.cpu < busy.length) busy[core.cpu] = Math.max(0, core.busyNs - old.busyNs);
			}
		}

		this.#previousCores = cores;
		// Without /proc/stat, "idle" can only mean "no watched process ran there", which needs one delta first.
		const known =
			elapsedNs > 0 &&
			(busy !== undefined || uses.length > 0 || (!this.#source.capabilities.coreBusy && this.#tick > 0));
		const owners = known ? coreOwners(this.#coreLanes.length, uses, elapsedNs, busy) : undefined;
		for (const [cpu, lane] of this.#coreLanes.entries()) lane[at] = owners?.[cpu] ?? coreUnknown;
		// The same accounting as the owners, kept as time: what the disturbance figure sums (live-disturbance.ts).
		const watchedNs = new Array<number>(this.#coreLanes.length).fill(0);
		for (const use of uses) if (use.cpu >= 0 && use.cpu < watchedNs.length) watchedNs[use.cpu]! += use.runNs;
		this.#coreElapsedMs[at] = known ? elapsedNs / 1e6 : Number.NaN;
		for (let cpu = 0; cpu < this.#coreLanes.length; cpu++) {
			const coreBusy = known ? busy?.[cpu] : undefined;
			this.#coreOtherMs[cpu]![at] = coreBusy === undefined ? Number.NaN : Math.max(0, coreBusy - watchedNs[cpu]!) / 1e6;
			this.#coreDemoMs[cpu]![at] = known ? watchedNs[cpu]! / 1e6 : 0;
		}
	}

	#buildSnapshot(): TimelineSnapshot {
		const columns = Math.min(this.#tick, this.columns);
		const processes: ProcessLaneSnapshot[] = [];
		for (const lane of this.#ordered()) {
			const tree = this.#trees.get(lane.pid);
			processes.push({
				pid: lane.pid,
				label: lane.label,
				slot: lane.slot,
				kind: lane.kind,
				...(lane.parentPid === undefined ? {} : {parentPid: lane.parentPid}),
				cells: this.#linear(lane.cells, columns),
				ran: this.#linear(lane.ran, columns),
				phases: this.#linear(lane.phases, columns),
				phase: lane.exited ? undefined : lane.phase,
				exited: lane.exited,
				latest: lane.latest,
				...(tree && tree.hiddenThreads + tree.hiddenChildren > 0
					? {hidden: {threads: tree.hiddenThreads, children: tree.hiddenChildren}}
					: {}),
			});
		}

		const elapsedMs = this.#linear(this.#coreElapsedMs, columns);
		const cores: CoreLaneSnapshot[] = this.#coreLanes.map((owners, cpu) => ({
			cpu,
			owners: this.#linear(owners, columns),
			otherMs: this.#linear(this.#coreOtherMs[cpu]!, columns),
			demoMs: this.#linear(this.#coreDemoMs[cpu]!, columns),
			elapsedMs,
		}));
		return {
			tick: this.#tick,
			columns,
			intervalMs: this.#intervalMs,
			paused: this.#paused,
			capabilities: this.capabilities,
			processes,
			cores,
		};
	}

	/** Lanes in watch order, each thread and child lane right after the process it belongs to. */
	#ordered(): Lane[] {
		const all = [...this.#lanes.values()];
		const out: Lane[] = [];
		for (const lane of all) {
			if (lane.parentPid !== undefined && this.#lanes.has(lane.parentPid)) continue;
			out.push(lane, ...all.filter((candidate) => candidate.parentPid === lane.pid));
		}

		return out;
	}

	/** The last `columns` entries of a ring, oldest first, as a new array (the snapshot must not change later). */
	#linear<T extends Uint8Array | Int32Array | Float32Array>(ring: T, columns: number): T {
		const out = new (ring.constructor as new (length: number) => T)(columns);
		const end = this.#tick % this.columns;
		const start = (this.#tick - columns) % this.columns;
		if (columns === 0) return out;
		if (start < end) {
			out.set(ring.subarray(start, end));
		} else {
			const head = ring.subarray(start);
			out.set(head);
			out.set(ring.subarray(0, end), head.length);
		}

		return out;
	}

	#drop(pid: number): void {
		this.#lanes.delete(pid);
		this.#trees.delete(pid);
		this.#source.forget?.(pid);
	}

	/** The lowest slot no kept lane holds. */
	#freeSlot(): number {
		const taken = new Set([...this.#lanes.values()].map((lane) => lane.slot));
		let slot = 0;
		while (taken.has(slot)) slot += 1;
		return slot;
	}

	#dropOldestExited(): boolean {
		for (const lane of this.#lanes.values()) {
			if (lane.exited) {
				this.#drop(lane.pid);
				return true;
			}
		}

		return false;
	}

	#note(note: SamplerNote): void {
		const key = JSON.stringify(note);
		if (this.#runtimeNotes.has(key) || this.#runtimeNotes.size >= maxRuntimeNotes) return;
		this.#runtimeNotes.set(key, note);
	}

	/** Something changed outside a tick: publish a fresh snapshot so the screen follows at once. */
	#changed(): void {
		this.#snapshot = undefined;
		if (this.#listeners.size === 0) return;
		const snapshot = this.snapshot();
		for (const listener of this.#listeners) listener(snapshot);
	}

	#schedule(reset: boolean): void {
		this.#cancel();
		if (!this.#running || this.#paused || this.#closed) return;
		const now = this.#timers.now();
		if (reset || this.#nextDue < now - this.#intervalMs) this.#nextDue = now + this.#intervalMs;
		this.#timer = this.#timers.setTimeout(
			() => {
				this.#timer = undefined;
				this.#nextDue += this.#intervalMs;
				void this.sampleNow().finally(() => this.#schedule(false));
			},
			Math.max(0, this.#nextDue - now),
		);
	}

	#cancel(): void {
		if (this.#timer !== undefined) this.#timers.clearTimeout(this.#timer);
		this.#timer = undefined;
	}
}

/**
 * A command name as lane text: any process may name itself anything, so it passes the same safe-text rule as
 * network bytes (Chinese stays Chinese; controls and bidi overrides are escaped).
 */
function printableName(name: string | undefined): string | undefined {
	if (name === undefined || name === '') return undefined;
	return safeText(name);
}

function clampInterval(ms: number): number {
	if (!Number.isFinite(ms)) return defaults.sampleIntervalMs;
	return Math.min(maxSampleIntervalMs, Math.max(minSampleIntervalMs, Math.round(ms)));
}
