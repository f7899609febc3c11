import {cellCode, coreUnknown, type CellKind, type CoreLaneSnapshot} from './types.js';

/** One lane's rings, one entry per tick (see ProcessLaneSnapshot for what each holds). */
export interface LaneColumns {
	readonly cells: Uint8Array;
	readonly ran: Uint8Array;
	/** Switch counts per tick, summed over the last second for the lane's latest numbers. */
	readonly voluntary: Uint32Array;
	readonly involuntary: Uint32Array;
	/** Self-reported phases (codes of phaseCode). */
	readonly phases: Uint8Array;
}

/** What one lane did during one tick. */
export interface ProcessColumn {
	cell: CellKind;
	/** It got a marked share of the CPU during the tick (sampling-loop.ts: ranPartMinShare). */
	ran: boolean;
	voluntary: number;
	involuntary: number;
	/** The phase that filled most of the tick (a phaseCode). */
	phase: number;
}

/** The column of a lane whose process ended before the tick. */
export const exitedColumn: Readonly<ProcessColumn> = {
	cell: 'exited',
	ran: false,
	voluntary: 0,
	involuntary: 0,
	phase: 0,
};

/** What the cores did during one tick, one entry per core; undefined when nothing is known about them. */
export interface CoreColumn {
	/** The PID that used most of each core, or coreIdle / coreOther / coreUnknown. */
	owners: readonly number[];
	/** ms each core was busy with processes not watched (NaN: unknown). */
	otherMs: readonly number[];
	/** ms the watched processes ran on each core. */
	demoMs: readonly number[];
	/** The tick's length in ms. */
	elapsedMs: number;
}

/**
 * The live timeline's storage: a bounded history of columns, `columns` ticks per lane and per core, in
 * fixed-size typed-array rings, so memory is flat however long it runs. Each tick writes one column for
 * every lane and the cores at the same position, then `advance` moves on; read-outs copy the kept columns
 * oldest first. Knows nothing of /proc or of which lanes exist.
 */
export class ColumnHistory {
	readonly columns: number;
	readonly coreCount: number;
	readonly #coreOwners: Int32Array[];
	readonly #coreOtherMs: Float32Array[];
	readonly #coreDemoMs: Float32Array[];
	/** Per tick: the tick's length in ms (NaN: nothing known about the cores). */
	readonly #coreElapsedMs: Float32Array;
	#tick = 0;

	constructor(columns: number, coreCount: number) {
		if (!Number.isInteger(columns) || columns < 1)
			throw new RangeError(`columns must be a positive integer, got ${columns}`);
		this.columns = columns;
		this.coreCount = coreCount;
		this.#coreOwners = Array.from({length: coreCount}, () => new Int32Array(columns).fill(coreUnknown));
		this.#coreOtherMs = Array.from({length: coreCount}, () => new Float32Array(columns).fill(Number.NaN));
		this.#coreDemoMs = Array.from({length: coreCount}, () => new Float32Array(columns));
		this.#coreElapsedMs = new Float32Array(columns).fill(Number.NaN);
	}

	/** Ticks completed since the start. */
	get tick(): number {
		return this.#tick;
	}

	/** Columns a read-out holds: the ticks completed, at most `columns`. */
	get kept(): number {
		return Math.min(this.#tick, this.columns);
	}

	/** Empty rings for a new lane. */
	lane(): LaneColumns {
		return {
			cells: new Uint8Array(this.columns),
			ran: new Uint8Array(this.columns),
			voluntary: new Uint32Array(this.columns),
			involuntary: new Uint32Array(this.columns),
			phases: new Uint8Array(this.columns),
		};
	}

	/** Writes a lane's column for the tick under way. */
	write(lane: LaneColumns, column: Readonly<ProcessColumn>): void {
		const at = this.#at();
		lane.cells[at] = cellCode[column.cell];
		lane.ran[at] = column.ran ? 1 : 0;
		lane.voluntary[at] = column.voluntary;
		lane.involuntary[at] = column.involuntary;
		lane.phases[at] = column.phase;
	}

	/** Writes the cores' column for the tick under way (undefined: nothing known). */
	writeCores(column: CoreColumn | undefined): void {
		const at = this.#at();
		this.#coreElapsedMs[at] = column ? column.elapsedMs : Number.NaN;
		for (let cpu = 0; cpu < this.coreCount; cpu++) {
			this.#coreOwners[cpu]![at] = column?.owners[cpu] ?? coreUnknown;
			this.#coreOtherMs[cpu]![at] = column?.otherMs[cpu] ?? Number.NaN;
			this.#coreDemoMs[cpu]![at] = column?.demoMs[cpu] ?? 0;
		}
	}

	/**
	 * A lane's switches over its last `count` columns, the one under way included (fewer while the history
	 * is young), and how many columns that was.
	 */
	recentSwitches(lane: LaneColumns, count: number): {voluntary: number; involuntary: number; columns: number} {
		const columns = Math.max(1, Math.min(count, this.columns, this.#tick + 1));
		const at = this.#at();
		let voluntary = 0;
		let involuntary = 0;
		for (let back = 0; back < columns; back++) {
			const index = (at - back + this.columns) % this.columns;
			voluntary += lane.voluntary[index]!;
			involuntary += lane.involuntary[index]!;
		}

		return {voluntary, involuntary, columns};
	}

	/** The tick under way is complete: the next writes go to the next column (overwriting the oldest). */
	advance(): void {
		this.#tick += 1;
	}

	/** A lane's kept columns, oldest first, as new arrays (a snapshot must not change later). */
	read(lane: LaneColumns): {cells: Uint8Array; ran: Uint8Array; phases: Uint8Array} {
		return {cells: this.#linear(lane.cells), ran: this.#linear(lane.ran), phases: this.#linear(lane.phases)};
	}

	/** The cores' kept columns, oldest first, as new arrays. */
	readCores(): CoreLaneSnapshot[] {
		const elapsedMs = this.#linear(this.#coreElapsedMs);
		return this.#coreOwners.map((owners, cpu) => ({
			cpu,
			owners: this.#linear(owners),
			otherMs: this.#linear(this.#coreOtherMs[cpu]!),
			demoMs: this.#linear(this.#coreDemoMs[cpu]!),
			elapsedMs,
		}));
	}

	#at(): number {
		return this.#tick % this.columns;
	}

	/** The last `kept` entries of a ring, oldest first, as a new array. */
	#linear<R extends Uint8Array | Int32Array | Float32Array>(ring: R): R {
		const columns = this.kept;
		const out = new (ring.constructor as new (length: number) => R)(columns);
		if (columns === 0) return out;
		const end = this.#tick % this.columns;
		const start = (this.#tick - columns) % this.columns;
		if (start < end) {
			out.set(ring.subarray(start, end));
		} else {
			const head = ring.subarray(start);
			out.set(head);
			out.set(ring.subarray(0, end), head.length);
		}

		return out;
	}
}
