import {defaults} from '../defaults.js';
import {safeText} from '../text/safe-text.js';
import type {ProcessLaneSnapshot, ProcessTasks} from './types.js';

/** What a lane stands for: a watched process, or one of its threads or child processes. */
export type LaneKind = ProcessLaneSnapshot['kind'];

/** One lane of the live timeline: who it is for and where it sits on screen. `data` is its owner's (history, readings). */
export interface Lane<T> {
	readonly pid: number;
	readonly label: string;
	/** Its letter's index, kept while the lane is (see ProcessLaneSnapshot.slot). */
	readonly slot: number;
	readonly kind: LaneKind;
	/** The process a thread or child lane belongs to. */
	readonly parentPid?: number;
	/** The process ended; the lane stays (showing exited) until it has scrolled off. */
	readonly exited: boolean;
	readonly data: T;
}

interface KeptLane<T> extends Lane<T> {
	label: string;
	exited: boolean;
	/** Ticks written since the process exited: at `keptExitedTicks` the lane has scrolled off and is dropped. */
	exitedTicks: number;
}

/** A process watched with its threads and children (`watchTree`). */
interface Tree {
	/** Threads and children seen but not given a lane (over the caps). */
	hiddenThreads: number;
	hiddenChildren: number;
}

/** Where a tree's threads and children are listed, and what they are called (the process source). */
export interface TaskLister {
	tasks?(pid: number): ProcessTasks | undefined;
	commandName?(pid: number): string | undefined;
}

export interface LaneRegistryOptions<T> {
	/** Lanes at most; `add` refuses more once no exited lane is left to drop. */
	maxLanes: number;
	/** Ticks an exited lane stays (the history's columns: after that it has scrolled off). */
	keptExitedTicks: number;
	/** The owner's data for a new lane. */
	create(pid: number): T;
	/** Called for every lane dropped (unwatched, scrolled off, replaced, pushed out by the cap). */
	dropped?(pid: number): void;
}

/**
 * Which processes, threads and children have a lane in the live timeline. Pure bookkeeping, no /proc and no
 * clock: lanes in watch order, each with a stable slot (its letter) for as long as it is kept; the processes
 * watched with their threads and children, whose new tasks get lanes up to the caps in `defaults` (the rest
 * are counted as hidden); exited lanes kept until they have scrolled off; a cap on lanes that drops the
 * oldest exited lane first.
 */
export class LaneRegistry<T> {
	readonly #lanes = new Map<number, KeptLane<T>>();
	readonly #trees = new Map<number, Tree>();
	readonly #options: LaneRegistryOptions<T>;

	constructor(options: LaneRegistryOptions<T>) {
		this.#options = options;
	}

	get size(): number {
		return this.#lanes.size;
	}

	get(pid: number): Lane<T> | undefined {
		return this.#lanes.get(pid);
	}

	has(pid: number): boolean {
		return this.#lanes.has(pid);
	}

	/** Every lane kept, in the order they were added. */
	all(): Array<Lane<T>> {
		return [...this.#lanes.values()];
	}

	/**
	 * Adds a lane, or renames the live lane this PID already has. A PID whose lane shows exited is a new
	 * process (PIDs are reused): its old lane is dropped and it gets a fresh one. False when the cap is
	 * reached and no exited lane can make room.
	 */
	add(pid: number, label: string, kind: LaneKind = 'process', parentPid?: number): boolean {
		const existing = this.#lanes.get(pid);
		if (existing && !existing.exited) {
			existing.label = label;
			return true;
		}

		if (existing) this.drop(pid);
		if (this.#lanes.size >= this.#options.maxLanes && !this.#dropOldestExited()) return false;
		this.#lanes.set(pid, {
			pid,
			label,
			slot: this.#freeSlot(),
			kind,
			...(parentPid === undefined ? {} : {parentPid}),
			exited: false,
			exitedTicks: 0,
			data: this.#options.create(pid),
		});
		return true;
	}

	/**
	 * Watches a process together with its threads and children: `discover` gives each new one a lane.
	 * Labelled with `label`, else its command name. False when the cap refuses its lane.
	 */
	addTree(pid: number, lister: TaskLister, label?: string): boolean {
		const name = label ?? printableName(lister.commandName?.(pid)) ?? 'process';
		if (!this.add(pid, name)) return false;
		this.#trees.set(pid, {hiddenThreads: 0, hiddenChildren: 0});
		this.discover(lister);
		return true;
	}

	/**
	 * Lanes for the threads and children a process reports about itself (the echo server's model workers,
	 * labelled with what each serves): new ones get a lane under `parentPid`, up to the watch caps; live ones
	 * are renamed. True when a lane was added or renamed.
	 */
	addWorkers(
		parentPid: number,
		workers: ReadonlyArray<{pid: number; kind: 'thread' | 'child'; label: string}>,
	): boolean {
		const root = this.#lanes.get(parentPid);
		if (!root || root.exited) return false;
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
			if (this.#liveUnder(parentPid, worker.kind) >= cap) continue;
			changed = this.add(worker.pid, worker.label, worker.kind, parentPid) || changed;
		}

		return changed;
	}

	/** New threads and children of the processes watched with `addTree` get lanes (up to the caps). */
	discover(lister: TaskLister): void {
		if (this.#trees.size === 0 || !lister.tasks) return;
		for (const [pid, tree] of this.#trees) {
			const root = this.#lanes.get(pid);
			if (!root || root.exited) {
				this.#trees.delete(pid);
				continue;
			}

			const tasks = lister.tasks(pid);
			if (!tasks) continue;
			let threads = this.#liveUnder(pid, 'thread');
			tree.hiddenThreads = 0;
			// A thread or child with a lane keeps it, exited ones too: /proc lists a dying thread for a while
			// after its lane turned exited, and a fresh lane for it would throw away what it did (the README:
			// exited lanes stay until they scroll away).
			for (const tid of tasks.threads) {
				if (tid === pid || this.#lanes.has(tid)) continue;
				if (threads >= defaults.watchMaxThreadLanes || !this.add(tid, 'thread', 'thread', pid)) {
					tree.hiddenThreads += 1;
					continue;
				}

				threads += 1;
			}

			let children = this.#liveUnder(pid, 'child');
			tree.hiddenChildren = 0;
			for (const child of tasks.children) {
				if (this.#lanes.has(child)) continue;
				const name = printableName(lister.commandName?.(child));
				if (
					children >= defaults.watchMaxChildLanes ||
					!this.add(child, name === undefined ? 'child' : `child ${name}`, 'child', pid)
				) {
					tree.hiddenChildren += 1;
					continue;
				}

				children += 1;
			}
		}
	}

	/** `addTree`: the threads and children that exist but got no lane; undefined when none is hidden. */
	hidden(pid: number): {threads: number; children: number} | undefined {
		const tree = this.#trees.get(pid);
		if (!tree || tree.hiddenThreads + tree.hiddenChildren === 0) return undefined;
		return {threads: tree.hiddenThreads, children: tree.hiddenChildren};
	}

	/** The process ended: its lane shows exited from now on. */
	markExited(pid: number): void {
		const lane = this.#lanes.get(pid);
		if (lane) lane.exited = true;
	}

	/**
	 * One more tick shown as exited (for a lane that was exited before the tick); once it has scrolled off
	 * every column kept, the lane is dropped. True when dropped.
	 */
	exitedTick(pid: number): boolean {
		const lane = this.#lanes.get(pid);
		if (!lane?.exited) return false;
		lane.exitedTicks += 1;
		if (lane.exitedTicks < this.#options.keptExitedTicks) return false;
		this.drop(pid);
		return true;
	}

	/** Drops a lane at once (its slot is free again). False when there was none. */
	drop(pid: number): boolean {
		if (!this.#lanes.delete(pid)) return false;
		this.#trees.delete(pid);
		this.#options.dropped?.(pid);
		return true;
	}

	/** Lanes in watch order, each thread and child lane right after the process it belongs to. */
	ordered(): Array<Lane<T>> {
		const all = [...this.#lanes.values()];
		const out: Array<Lane<T>> = [];
		for (const lane of all) {
			if (lane.parentPid !== undefined && this.#lanes.has(lane.parentPid)) continue;
			out.push(lane, ...all.filter((candidate) => candidate.parentPid === lane.pid));
		}

		return out;
	}

	#liveUnder(parentPid: number, kind: LaneKind): number {
		let count = 0;
		for (const lane of this.#lanes.values())
			if (lane.parentPid === parentPid && lane.kind === kind && !lane.exited) count += 1;
		return count;
	}

	/** The lowest slot no kept lane holds. */
	#freeSlot(): number {
		const taken = new Set([...this.#lanes.values()].map((lane) => lane.slot));
		let slot = 0;
		while (taken.has(slot)) slot += 1;
		return slot;
	}

	#dropOldestExited(): boolean {
		for (const lane of this.#lanes.values()) if (lane.exited) return this.drop(lane.pid);
		return false;
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
