import type {Instruction, ProcState, SimConfig, Workload} from './types.js';

/**
 * The reference's state machine as a pure step function: `step(state)` returns a new state and never
 * mutates its argument, so a player can keep old states to step back. Comments number the reference's
 * per-tick phases (SIMULATOR.md, "Running").
 */
export interface ProcSnapshot {
	readonly code: readonly Instruction[];
	/** Index of the next instruction to execute. */
	readonly pc: number;
	readonly state: ProcState;
	/** Completion ticks of this process's outstanding IOs (the reference keeps past ones too; they never count). */
	readonly ioDue: readonly number[];
}

/** What one process lane shows at one tick. */
export interface TraceCell {
	readonly state: ProcState;
	/** Set for the process that executed an instruction this tick (printed `RUN:<instruction>`). */
	readonly instruction?: Instruction;
	/** Extension (--switch-cost): this tick the CPU was switching to this process. */
	readonly switching?: true;
	/** This process's IO completed at this tick (the row's `*`). */
	readonly ioCompleted?: true;
}

export type CpuUse = 'busy' | 'idle' | 'switch';

export interface TraceRow {
	readonly t: number;
	/** Some IO completed at this tick (`*` after the time). */
	readonly ioDone: boolean;
	readonly cells: readonly TraceCell[];
	/** pid that executed an instruction this tick, or -1. */
	readonly ran: number;
	readonly cpu: CpuUse;
	/** IOs outstanding after this tick (the IOs column; an IO issued this tick is not counted yet). */
	readonly ios: number;
	/** Extension (--quantum): pid preempted at the end of this tick because its time slice ran out. */
	readonly preempted?: number;
}

export interface SimState {
	readonly config: SimConfig;
	readonly t: number;
	readonly procs: readonly ProcSnapshot[];
	readonly current: number;
	readonly cpuBusy: number;
	readonly ioBusy: number;
	/** Extension counters (0 without --switch-cost / --quantum). */
	readonly switchTicks: number;
	readonly preemptions: number;
	/** Last pid that executed an instruction (-1 before any): a switch costs when another one runs next. */
	readonly lastRan: number;
	/** The pid the CPU is switching to, and the switch ticks already spent on it. */
	readonly switchTarget: number;
	readonly switchSpent: number;
	/** Instructions the current pid executed in its present time slice. */
	readonly sliceUsed: number;
	/** The row produced by the step that made this state (undefined for the initial state). */
	readonly row?: TraceRow;
}

export function initialState(workload: Workload, config: SimConfig): SimState {
	const procs: ProcSnapshot[] = workload.processes.map((code, pid) => ({
		code,
		pc: 0,
		state: pid === 0 ? 'RUNNING' : 'READY',
		ioDue: [],
	}));
	return {
		config,
		t: 0,
		procs,
		current: 0,
		cpuBusy: 0,
		ioBusy: 0,
		switchTicks: 0,
		preemptions: 0,
		lastRan: -1,
		switchTarget: -1,
		switchSpent: 0,
		sliceUsed: 0,
	};
}

export function isFinished(state: SimState): boolean {
	return state.procs.every((proc) => proc.state === 'DONE');
}

/** Mutable scratch copy used inside one step; procs are replaced, never mutated. */
class Tick {
	procs: ProcSnapshot[];
	current: number;

	constructor(state: SimState) {
		this.procs = [...state.procs];
		this.current = state.current;
	}

	set(pid: number, patch: Partial<ProcSnapshot>): void {
		this.procs[pid] = {...this.procs[pid]!, ...patch};
	}

	stateOf(pid: number): ProcState {
		return this.procs[pid]!.state;
	}

	runnable(): number {
		let count = 0;
		for (const proc of this.procs) if (proc.state === 'READY' || proc.state === 'RUNNING') count++;
		return count;
	}

	/** `next_proc(pid)`: make pid current and RUNNING. */
	runPid(pid: number): void {
		this.current = pid;
		this.set(pid, {state: 'RUNNING'});
	}

	/** `next_proc()`: first READY after current, wrapping; none READY -> current stays. */
	pickNext(): void {
		const count = this.procs.length;
		for (let offset = 1; offset <= count; offset++) {
			const pid = (this.current + offset) % count;
			if (this.stateOf(pid) === 'READY') {
				this.runPid(pid);
				return;
			}
		}
	}

	/** `check_if_done()`. */
	finishCheck(): void {
		const proc = this.procs[this.current]!;
		if (proc.pc >= proc.code.length && proc.state === 'RUNNING') {
			this.set(this.current, {state: 'DONE'});
			this.pickNext();
		}
	}
}

export function step(state: SimState): SimState {
	if (isFinished(state)) return state;
	const {config} = state;
	const tick = new Tick(state);
	const t = state.t + 1;

	// 2. IO completions, in pid order.
	const completed = new Set<number>();
	for (let pid = 0; pid < tick.procs.length; pid++) {
		const due = tick.procs[pid]!.ioDue;
		if (!due.includes(t)) continue;
		completed.add(pid);
		tick.set(pid, {state: 'READY', ioDue: due.filter((time) => time > t)});
		if (config.ioDonePolicy === 'IO_RUN_IMMEDIATE') {
			if (tick.current !== pid && tick.stateOf(tick.current) === 'RUNNING') tick.set(tick.current, {state: 'READY'});
			tick.runPid(pid);
		} else {
			if (config.switchPolicy === 'SWITCH_ON_END' && tick.runnable() > 1) tick.runPid(pid);
			if (tick.runnable() === 1) tick.runPid(pid);
		}
		tick.finishCheck();
	}

	// 3. The current process executes one instruction, unless the CPU is (extension) switching to it.
	let {cpuBusy, lastRan, switchTarget, switchSpent, sliceUsed, switchTicks} = state;
	let instruction: Instruction | undefined;
	let switching = false;
	const running = tick.procs[tick.current]!;
	if (running.state === 'RUNNING' && running.pc < running.code.length) {
		const switchDone = switchTarget === tick.current && switchSpent >= config.switchCost;
		if (config.switchCost > 0 && lastRan !== -1 && lastRan !== tick.current && !switchDone) {
			if (switchTarget !== tick.current) {
				switchTarget = tick.current;
				switchSpent = 0;
			}
			switchSpent++;
			switchTicks++;
			switching = true;
		} else {
			instruction = running.code[running.pc]!;
			tick.set(tick.current, {pc: running.pc + 1});
			cpuBusy++;
			sliceUsed = lastRan === tick.current ? sliceUsed + 1 : 1;
			lastRan = tick.current;
			switchTarget = -1;
			switchSpent = 0;
		}
	}

	// 4. The row, as printed before this tick's IO is issued.
	let ios = 0;
	for (const proc of tick.procs) for (const time of proc.ioDue) if (time > t) ios++;
	const cells: TraceCell[] = tick.procs.map((proc, pid) => {
		const cell: {-readonly [K in keyof TraceCell]: TraceCell[K]} = {state: proc.state};
		if (pid === tick.current && instruction !== undefined) cell.instruction = instruction;
		if (pid === tick.current && switching) cell.switching = true;
		if (completed.has(pid)) cell.ioCompleted = true;
		return cell;
	});
	const row: {-readonly [K in keyof TraceRow]: TraceRow[K]} = {
		t,
		ioDone: completed.size > 0,
		cells,
		ran: instruction === undefined ? -1 : tick.current,
		cpu: instruction !== undefined ? 'busy' : switching ? 'switch' : 'idle',
		ios,
	};

	// 5. An io blocks its process; SWITCH_ON_IO moves on. Extension: an expired time slice preempts.
	let {preemptions} = state;
	if (instruction === 'io') {
		const pid = tick.current;
		tick.set(pid, {state: 'BLOCKED', ioDue: [...tick.procs[pid]!.ioDue, t + config.ioLength + 1]});
		sliceUsed = 0;
		if (config.switchPolicy === 'SWITCH_ON_IO') tick.pickNext();
	} else if (instruction !== undefined && config.quantum > 0 && sliceUsed >= config.quantum) {
		const pid = tick.current;
		const proc = tick.procs[pid]!;
		const otherReady = tick.procs.some((other, otherPid) => otherPid !== pid && other.state === 'READY');
		if (proc.pc < proc.code.length && otherReady) {
			tick.set(pid, {state: 'READY'});
			tick.pickNext();
			row.preempted = pid;
			preemptions++;
		}
		sliceUsed = 0;
	}

	// 6. The finish check.
	tick.finishCheck();

	return {
		config,
		t,
		procs: tick.procs,
		current: tick.current,
		cpuBusy,
		ioBusy: state.ioBusy + (ios > 0 ? 1 : 0),
		switchTicks,
		preemptions,
		lastRan,
		switchTarget,
		switchSpent,
		sliceUsed,
		row,
	};
}
