import {SocktuiError} from '../../errors.js';
import {initialState, isFinished, step, type SimState, type TraceRow} from './simulator.js';
import type {RunStats} from './trace-format.js';
import type {SimConfig, Workload} from './types.js';

/**
 * Steps a workload to the end, handing each row to `onRow` as it is made (so text output streams).
 * `maxCells` bounds ticks x processes: the loop always ends, and a runaway input fails with a message.
 */
export function runToEnd(
	workload: Workload,
	config: SimConfig,
	options: {maxCells: number; onRow?: (row: TraceRow) => void},
): SimState {
	let final = initialState(workload, config);
	for (const state of iterateRun(workload, config, options.maxCells)) {
		options.onRow?.(state.row!);
		final = state;
	}
	return final;
}

function maxTicksFor(workload: Workload, maxCells: number): number {
	return Math.floor(maxCells / Math.max(1, workload.processes.length));
}

function tooLong(workload: Workload, maxTicks: number): SocktuiError {
	const count = workload.processes.length;
	return new SocktuiError(
		'BadUsage',
		`sim: the run is longer than ${maxTicks} ticks for ${count} ${count === 1 ? 'process' : 'processes'}; use fewer instructions or a shorter -L`,
	);
}

/**
 * Bounds on a run's length from the workload alone. At least: a process runs its instructions one per
 * tick, and waits at least `ioLength` ticks between each `io` and its `io_done`. At most: every tick
 * runs an instruction, spends a switch tick, or idles while some IO is outstanding (each IO is
 * outstanding for `ioLength + 1` ticks); one spare tick per process for good measure.
 */
export function runTickBounds(workload: Workload, config: SimConfig): {least: number; most: number} {
	let least = 0;
	let instructions = 0;
	let ios = 0;
	for (const code of workload.processes) {
		let own = 0;
		for (const instruction of code) if (instruction === 'io') own++;
		least = Math.max(least, code.length + own * config.ioLength);
		instructions += code.length;
		ios += own;
	}

	return {
		least,
		most: instructions * (1 + config.switchCost) + ios * (config.ioLength + 2) + workload.processes.length + 1,
	};
}

/**
 * Throws the "run is longer than" error of `iterateRun` up front, so a trace that would hit it prints
 * nothing. Decided from the bounds when they suffice, else by running the simulation without output.
 */
export function checkRunLength(workload: Workload, config: SimConfig, maxCells: number): void {
	const maxTicks = maxTicksFor(workload, maxCells);
	const {least, most} = runTickBounds(workload, config);
	if (most <= maxTicks) return;
	if (least > maxTicks) throw tooLong(workload, maxTicks);
	for (const _state of iterateRun(workload, config, maxCells));
}

/** Every state after the initial one, in order; throws once the run passes the cell budget. */
export function* iterateRun(
	workload: Workload,
	config: SimConfig,
	maxCells: number,
): Generator<SimState, void, undefined> {
	let state = initialState(workload, config);
	const maxTicks = maxTicksFor(workload, maxCells);
	while (!isFinished(state)) {
		if (state.t >= maxTicks) throw tooLong(workload, maxTicks);
		state = step(state);
		yield state;
	}
}

export function statsOf(state: SimState): RunStats {
	return {
		totalTime: state.t,
		cpuBusy: state.cpuBusy,
		ioBusy: state.ioBusy,
		switchTicks: state.switchTicks,
		preemptions: state.preemptions,
	};
}

/** The serial and multiprogrammed configurations `--compare` runs side by side. */
export function compareConfigs(config: SimConfig): {serial: SimConfig; multiprogrammed: SimConfig} {
	return {
		// Serial means run to completion: no round robin, but switching between jobs still costs.
		serial: {...config, switchPolicy: 'SWITCH_ON_END', quantum: 0},
		multiprogrammed: {...config, switchPolicy: 'SWITCH_ON_IO'},
	};
}
