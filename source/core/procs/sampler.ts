import {availableParallelism} from 'node:os';
import {defaults} from '../defaults.js';
import type {SessionPhase} from '../sessions/types.js';
import {ColumnHistory} from './column-history.js';
import {createProcessSource} from './create-source.js';
import {LaneRegistry} from './lane-registry.js';
import {realTimers, SamplingLoop, type SampledLane, type SamplerTimers} from './sampling-loop.js';
import type {Capabilities, ProcessLaneSnapshot, ProcessSource, TimelineSnapshot} from './types.js';

export {maxSampleIntervalMs, minSampleIntervalMs, type SamplerTimers} from './sampling-loop.js';

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

type Listener = (snapshot: TimelineSnapshot) => void;

/**
 * Samples the watched processes every interval and keeps a scrolling timeline of what each one did:
 * measured cells (running / runnable / sleeping / exited), a parallel lane of the phases processes report
 * about themselves (never mixed with the measured data), and one lane per core. Emits a snapshot per tick.
 *
 * The composition of three parts: which processes have lanes (`lane-registry.ts`), the timer and the tick
 * that reads them and turns the readings into columns (`sampling-loop.ts`), and the bounded history of
 * columns (`column-history.ts`, fixed-size rings, so memory is flat however long it runs).
 */
export class ProcessSampler {
	readonly columns: number;
	readonly #source: ProcessSource;
	readonly #history: ColumnHistory;
	readonly #lanes: LaneRegistry<SampledLane>;
	readonly #loop: SamplingLoop;
	readonly #listeners = new Set<Listener>();
	#closed = false;
	#snapshot?: TimelineSnapshot;

	constructor(options: SamplerOptions = {}) {
		this.#source = options.source ?? createProcessSource();
		const columns = options.columns ?? defaults.timelineColumns;
		const source = this.#source;
		const cores = source.coreCount > 0 ? source.coreCount : source.capabilities.lastCpu ? availableParallelism() : 0;
		this.#history = new ColumnHistory(columns, cores);
		this.columns = this.#history.columns;
		this.#lanes = new LaneRegistry<SampledLane>({
			maxLanes: options.maxProcesses ?? defaults.sampleMaxProcesses,
			keptExitedTicks: columns,
			create: () => this.#loop.newLane(),
			dropped: (pid) => source.forget?.(pid),
		});
		this.#loop = new SamplingLoop({
			source,
			timers: options.timers ?? realTimers,
			intervalMs: options.intervalMs ?? defaults.sampleIntervalMs,
			lanes: this.#lanes,
			history: this.#history,
			sampled: () => this.#publish(),
		});
	}

	get capabilities(): Capabilities {
		return this.#loop.capabilities;
	}

	get intervalMs(): number {
		return this.#loop.intervalMs;
	}

	get paused(): boolean {
		return this.#loop.paused;
	}

	/** Watches a process (or renames its lane). Returns false when the cap of watched processes is reached. */
	watch(pid: number, label: string): boolean {
		if (!this.#lanes.add(pid, label)) return false;
		this.#changed();
		return true;
	}

	/**
	 * Watches an outside process together with its threads and child processes: every tick the source lists
	 * them, and each new one gets its own lane (labelled with its TID or PID) until the caps in `defaults`;
	 * the rest are counted. A thread or child that ends turns its lane to exited, like any process.
	 */
	watchTree(pid: number, label?: string): boolean {
		if (!this.#lanes.addTree(pid, this.#source, label)) return false;
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
		if (this.#lanes.addWorkers(parentPid, workers)) this.#changed();
	}

	/** Stops watching at once and drops the lane (an exited process scrolls off by itself; no need). */
	unwatch(pid: number): void {
		if (this.#lanes.drop(pid)) this.#changed();
	}

	/** Records what a process says it is doing. Self-reported: kept in its own lane, never in the measured one. */
	reportPhase(pid: number, phase: SessionPhase): void {
		this.#loop.reportPhase(pid, phase);
	}

	/** Changes the sampling period (clamped to 20-5000 ms); returns the period in effect. */
	setIntervalMs(ms: number): number {
		const interval = this.#loop.setIntervalMs(ms);
		this.#changed();
		return interval;
	}

	/** Starts sampling on a timer. */
	start(): void {
		if (!this.#closed) this.#loop.start();
	}

	stop(): void {
		this.#loop.stop();
	}

	/** Freezes the timeline (no sampling) until resume(); lanes keep their history. */
	pause(): void {
		if (this.#loop.pause()) this.#changed();
	}

	resume(): void {
		if (this.#loop.resume()) this.#changed();
	}

	/** Samples once now (also used by tests and the bench); concurrent calls share one reading. */
	async sampleNow(): Promise<TimelineSnapshot> {
		if (this.#closed) return this.snapshot();
		return this.#loop.sampleNow();
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
		this.#loop.close();
		this.#listeners.clear();
		this.#source.close();
	}

	/** After a tick: a fresh snapshot to every listener. */
	#publish(): TimelineSnapshot {
		this.#snapshot = undefined;
		const snapshot = this.snapshot();
		for (const listener of this.#listeners) listener(snapshot);
		return snapshot;
	}

	/** Something changed outside a tick: publish a fresh snapshot so the screen follows at once. */
	#changed(): void {
		this.#snapshot = undefined;
		if (this.#listeners.size > 0) this.#publish();
	}

	#buildSnapshot(): TimelineSnapshot {
		const processes: ProcessLaneSnapshot[] = this.#lanes.ordered().map((lane) => {
			const hidden = this.#lanes.hidden(lane.pid);
			return {
				pid: lane.pid,
				label: lane.label,
				slot: lane.slot,
				kind: lane.kind,
				...(lane.parentPid === undefined ? {} : {parentPid: lane.parentPid}),
				...this.#history.read(lane.data.columns),
				phase: lane.exited ? undefined : lane.data.phases.phase,
				exited: lane.exited,
				latest: lane.data.latest,
				...(hidden ? {hidden} : {}),
			};
		});
		return {
			tick: this.#history.tick,
			columns: this.#history.kept,
			intervalMs: this.#loop.intervalMs,
			paused: this.#loop.paused,
			capabilities: this.capabilities,
			processes,
			cores: this.#history.readCores(),
		};
	}
}
