import {SocktuiError} from '../errors.js';
import {initialState, isFinished, step, type SimState, type TraceRow} from './simulator.js';
import type {RunStats} from './trace-format.js';
import type {SimConfig, Workload} from './types.js';

/**
 * Steps a workload to the end, handing each row to `onRow` as it is made (so text output streams).
 * `maxCells` bounds ticks x processes: the loop always ends, and a runaway input fails with a message.
 */
export function runToEnd(workload: Workload, config: SimConfig, options: {maxCells: number; onRow?: (row: TraceRow) => void}): SimState {
	let final = initialState(workload, config);
	for (const state of iterateRun(workload, config, options.maxCells)) {
		options.onRow?.(state.row!);
		final = state;
	}
	return final;
}

/** Every state after the initial one, in order; throws once the run passes the cell budget. */
export function* iterateRun(workload: Workload, config: SimConfig, maxCells: number): Generator<SimState, void, undefined> {
	let state = initialState(workload, config);
	const maxTicks = Math.floor(maxCells / Math.max(1, workload.processes.length));
	while (!isFinished(state)) {
		if (state.t >= maxTicks) {
			throw new SocktuiError('BadUsage', `sim: the run is longer than ${maxTicks} ticks for ${workload.processes.length} processes; use fewer instructions or a shorter -L`);
		}
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
