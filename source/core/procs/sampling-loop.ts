import {defaults} from '../defaults.js';
import type {SessionPhase} from '../sessions/types.js';
import {classifyTick, runDeltaNs} from './classify.js';
import {
	exitedColumn,
	type ColumnHistory,
	type CoreColumn,
	type LaneColumns,
	type ProcessColumn,
} from './column-history.js';
import {coreOwners, type CoreUse} from './core-owners.js';
import type {Lane, LaneRegistry} from './lane-registry.js';
import {
	phaseCode,
	type Capabilities,
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

export const realTimers: SamplerTimers = {
	now: () => performance.now(),
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export const minSampleIntervalMs = 20;
export const maxSampleIntervalMs = 5000;
const maxRuntimeNotes = 4;

export function clampInterval(ms: number): number {
	if (!Number.isFinite(ms)) return defaults.sampleIntervalMs;
	return Math.min(maxSampleIntervalMs, Math.max(minSampleIntervalMs, Math.round(ms)));
}

/**
 * The phases a process reports about itself during a tick, tallied so the tick's column holds the one that
 * filled most of it.
 */
export class PhaseTally {
	/** The phase last reported. */
	phase?: SessionPhase;
	#since: number;
	/** Milliseconds spent in each phase (by phaseCode) since the tick began. */
	readonly #spent = new Float64Array(4);

	constructor(now: number) {
		this.#since = now;
	}

	report(phase: SessionPhase, now: number, tickStart: number): void {
		if (this.phase !== undefined) this.#spent[phaseCode[this.phase]]! += now - Math.max(this.#since, tickStart);
		this.phase = phase;
		this.#since = now;
	}

	/** Ends the tick: the phase that filled most of it (phaseCode.none when none was ever reported). */
	close(now: number, tickStart: number): number {
		if (this.phase === undefined) return phaseCode.none;
		this.#spent[phaseCode[this.phase]]! += now - Math.max(this.#since, tickStart);
		let best = phaseCode[this.phase];
		for (let code = 1; code < this.#spent.length; code++) if (this.#spent[code]! > this.#spent[best]!) best = code;
		this.#spent.fill(0);
		this.#since = now;
		return best;
	}
}

/** What the loop keeps per lane: its history and what it read last. */
export interface SampledLane {
	readonly columns: LaneColumns;
	/** The last reading and when, to measure the next tick against (undefined after a pause). */
	previous?: RawProcessSample;
	previousAt?: number;
	latest: ProcessLatest;
	readonly phases: PhaseTally;
}

/**
 * Pure: what the cores did during a tick, from the per-core busy times (`cores` against `before`, when
 * /proc/stat is read) and the watched processes' run time on each (`uses`). Undefined when nothing can be
 * said: without /proc/stat, "idle" can only mean "no watched process ran there", which needs one delta first.
 */
export function coreColumn(input: {
	coreCount: number;
	uses: readonly CoreUse[];
	cores: readonly RawCoreSample[] | undefined;
	before: readonly RawCoreSample[] | undefined;
	elapsedNs: number;
	/** The source measures the cores' busy time (capabilities.coreBusy). */
	coreBusy: boolean;
	/** A tick was sampled before this one. */
	sampledBefore: boolean;
}): CoreColumn | undefined {
	const {coreCount, uses, cores, before, elapsedNs} = input;
	let busy: Array<number | undefined> | undefined;
	if (cores && before) {
		busy = new Array<number | undefined>(coreCount);
		for (const core of cores) {
			const old = before.find((candidate) => candidate.cpu === core.cpu);
			if (old && core.cpu < coreCount) busy[core.cpu] = Math.max(0, core.busyNs - old.busyNs);
		}
	}

	const known = elapsedNs > 0 && (busy !== undefined || uses.length > 0 || (!input.coreBusy && input.sampledBefore));
	if (!known) return undefined;
	// The same accounting as the owners, kept as time: what the disturbance figure sums (live-disturbance.ts).
	const watchedNs = new Array<number>(coreCount).fill(0);
	for (const use of uses) if (use.cpu >= 0 && use.cpu < coreCount) watchedNs[use.cpu]! += use.runNs;
	return {
		owners: coreOwners(coreCount, uses, elapsedNs, busy),
		otherMs: watchedNs.map((watched, cpu) => {
			const coreBusy = busy?.[cpu];
			return coreBusy === undefined ? Number.NaN : Math.max(0, coreBusy - watched) / 1e6;
		}),
		demoMs: watchedNs.map((watched) => watched / 1e6),
		elapsedMs: elapsedNs / 1e6,
	};
}

export interface SamplingLoopOptions {
	source: ProcessSource;
	timers: SamplerTimers;
	intervalMs: number;
	lanes: LaneRegistry<SampledLane>;
	history: ColumnHistory;
	/** Called after every tick: publishes the new snapshot and returns it. */
	sampled: () => TimelineSnapshot;
}

/**
 * The live timeline's sampling loop: a timer that fires every interval (never overlapping a slow read,
 * paused and resumed without smearing the gap into one tick), and the tick itself: find the watched trees'
 * new threads and children, read the live lanes from the source (/proc or ps), turn each reading into the
 * lane's column (classify.ts) and the cores' column (core-owners.ts), and write them to the history.
 */
export class SamplingLoop {
	readonly #source: ProcessSource;
	readonly #timers: SamplerTimers;
	readonly #lanes: LaneRegistry<SampledLane>;
	readonly #history: ColumnHistory;
	readonly #sampled: () => TimelineSnapshot;
	/** Notes found while sampling, by their code and detail (each once). */
	readonly #runtimeNotes = new Map<string, SamplerNote>();
	#intervalMs: number;
	#lastTickAt: number;
	#previousCores?: RawCoreSample[];
	#running = false;
	#paused = false;
	#closed = false;
	#inFlight?: Promise<TimelineSnapshot>;
	#timer: unknown;
	#nextDue = 0;

	constructor(options: SamplingLoopOptions) {
		this.#source = options.source;
		this.#timers = options.timers;
		this.#lanes = options.lanes;
		this.#history = options.history;
		this.#sampled = options.sampled;
		this.#intervalMs = clampInterval(options.intervalMs);
		this.#lastTickAt = this.#timers.now();
	}

	/** The source's capabilities, with what sampling found out since (a read that failed). */
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

	/** A new lane's data: empty history, nothing read yet. */
	newLane(): SampledLane {
		return {columns: this.#history.lane(), latest: {cell: 'none'}, phases: new PhaseTally(this.#timers.now())};
	}

	/** Records what a process says it is doing (kept in its own lane, never in the measured one). */
	reportPhase(pid: number, phase: SessionPhase): void {
		const lane = this.#lanes.get(pid);
		if (!lane || lane.exited) return;
		lane.data.phases.report(phase, this.#timers.now(), this.#lastTickAt);
	}

	/** Changes the sampling period (clamped to 20-5000 ms); returns the period in effect. */
	setIntervalMs(ms: number): number {
		this.#intervalMs = clampInterval(ms);
		if (this.#running && !this.#paused) this.#schedule(true);
		return this.#intervalMs;
	}

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

	/** Freezes sampling until resume(); false when already paused. */
	pause(): boolean {
		if (this.#paused) return false;
		this.#paused = true;
		this.#cancel();
		return true;
	}

	/** False when not paused. */
	resume(): boolean {
		if (!this.#paused) return false;
		this.#paused = false;
		// Deltas across the pause would smear a long gap into one tick: start the comparisons afresh.
		for (const lane of this.#lanes.all()) lane.data.previous = undefined;
		this.#previousCores = undefined;
		this.#lastTickAt = this.#timers.now();
		if (this.#running) {
			this.#nextDue = this.#timers.now() + this.#intervalMs;
			this.#schedule(false);
		}

		return true;
	}

	/** Samples once now; concurrent calls share one reading. */
	async sampleNow(): Promise<TimelineSnapshot> {
		this.#inFlight ??= this.#tick().finally(() => {
			this.#inFlight = undefined;
		});
		return this.#inFlight;
	}

	close(): void {
		this.#closed = true;
		this.stop();
	}

	async #tick(): Promise<TimelineSnapshot> {
		this.#lanes.discover(this.#source);
		const lanes = this.#lanes.all();
		const live = lanes.filter((lane) => !lane.exited);
		let readings: RawProcessSample[] = [];
		try {
			readings = live.length === 0 ? [] : await this.#source.read(live.map((lane) => lane.pid));
		} catch (error) {
			this.#note({code: 'readFailed', detail: (error as Error).message});
		}

		const cores = this.#history.coreCount > 0 ? this.#source.readCores?.() : undefined;
		const now = this.#timers.now();
		const uses: CoreUse[] = [];
		for (const [index, lane] of live.entries()) {
			if (!this.#kept(lane)) continue; // unwatched while the read was under way
			const reading = readings[index];
			const measured = reading
				? this.#measure(lane, reading, now, uses)
				: {cell: 'none' as const, ran: false, voluntary: 0, involuntary: 0};
			const phase = lane.exited ? phaseCode.none : lane.data.phases.close(now, this.#lastTickAt);
			this.#history.write(lane.data.columns, {...measured, phase});
			if (reading) this.#sumRecentSwitches(lane.data);
		}

		const read = new Set(live);
		for (const lane of lanes) {
			if (read.has(lane) || !this.#kept(lane)) continue;
			this.#history.write(lane.data.columns, exitedColumn);
			this.#lanes.exitedTick(lane.pid); // dropped once it has scrolled off every column kept
		}

		this.#history.writeCores(
			coreColumn({
				coreCount: this.#history.coreCount,
				uses,
				cores,
				before: this.#previousCores,
				elapsedNs: (now - this.#lastTickAt) * 1e6,
				coreBusy: this.#source.capabilities.coreBusy,
				sampledBefore: this.#history.tick > 0,
			}),
		);
		this.#previousCores = cores;
		this.#lastTickAt = now;
		this.#history.advance();
		return this.#sampled();
	}

	#kept(lane: Lane<SampledLane>): boolean {
		return this.#lanes.get(lane.pid) === lane;
	}

	/** One reading against the lane's previous one: its latest numbers, and the tick's column but the phase. */
	#measure(
		lane: Lane<SampledLane>,
		reading: RawProcessSample,
		now: number,
		uses: CoreUse[],
	): Omit<ProcessColumn, 'phase'> {
		const data = lane.data;
		if (reading.error) this.#note({code: 'readError', detail: reading.error});
		const elapsedNs = data.previousAt === undefined ? 0 : (now - data.previousAt) * 1e6;
		const latest = classifyTick(data.previous, reading, elapsedNs);
		const runNs = runDeltaNs(data.previous, reading);
		const ran = data.previous !== undefined && ranPart(runNs, elapsedNs);
		if (reading.rssBytes !== undefined && latest.cell !== 'exited') {
			latest.rssBytes = reading.rssBytes;
			if (reading.pssBytes !== undefined) latest.pssBytes = reading.pssBytes;
			if (reading.pssUnreadable) latest.pssUnreadable = true;
		}

		if (runNs !== undefined && reading.lastCpu !== undefined && data.previous !== undefined)
			uses.push({pid: lane.pid, cpu: reading.lastCpu, runNs});
		if (latest.cell === 'exited') {
			this.#lanes.markExited(lane.pid);
			this.#source.forget?.(lane.pid);
		}

		data.latest = latest;
		data.previous = reading;
		data.previousAt = now;
		return {
			cell: latest.cell,
			ran,
			voluntary: latest.voluntaryDelta ?? 0,
			involuntary: latest.involuntaryDelta ?? 0,
		};
	}

	/** Sums the last second's switches into `latest` (so the words stay on screen long enough to read). */
	#sumRecentSwitches(data: SampledLane): void {
		const latest = data.latest;
		if (latest.voluntary === undefined || latest.involuntary === undefined) return;
		const recent = this.#history.recentSwitches(data.columns, Math.max(1, Math.round(1000 / this.#intervalMs)));
		latest.voluntaryRecent = recent.voluntary;
		latest.involuntaryRecent = recent.involuntary;
		latest.recentMs = recent.columns * this.#intervalMs;
	}

	#note(note: SamplerNote): void {
		const key = JSON.stringify(note);
		if (this.#runtimeNotes.has(key) || this.#runtimeNotes.size >= maxRuntimeNotes) return;
		this.#runtimeNotes.set(key, note);
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
