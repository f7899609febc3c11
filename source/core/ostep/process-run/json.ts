import {formatCell} from './trace-format.js';
import type {SimState, TraceRow} from './simulator.js';
import type {SimConfig, Workload} from './types.js';

/** The `--json` shape: stable field names for other tools; cells are the reference's text. */
export interface JsonRow {
	t: number;
	ioDone: boolean;
	cells: string[];
	states: string[];
	ran: number | null;
	instruction: string | null;
	cpu: string;
	ios: number;
	ioCompleted: number[];
	preempted?: number;
}

export function rowToJson(row: TraceRow): JsonRow {
	const ran = row.ran === -1 ? undefined : row.cells[row.ran];
	const json: JsonRow = {
		t: row.t,
		ioDone: row.ioDone,
		cells: row.cells.map((cell) => formatCell(cell)),
		states: row.cells.map((cell) => cell.state),
		ran: row.ran === -1 ? null : row.ran,
		instruction: ran?.instruction ?? null,
		cpu: row.cpu,
		ios: row.ios,
		ioCompleted: row.cells.flatMap((cell, pid) => (cell.ioCompleted ? [pid] : [])),
	};
	if (row.preempted !== undefined) json.preempted = row.preempted;
	return json;
}

export function statsToJson(state: SimState) {
	return {
		totalTime: state.t,
		cpuBusy: state.cpuBusy,
		cpuBusyPercent: (100 * state.cpuBusy) / state.t,
		ioBusy: state.ioBusy,
		ioBusyPercent: (100 * state.ioBusy) / state.t,
		switchTicks: state.switchTicks,
		preemptions: state.preemptions,
	};
}

export function runToJson(config: SimConfig, rows: readonly TraceRow[], final: SimState) {
	return {config, rows: rows.map((row) => rowToJson(row)), stats: statsToJson(final)};
}

export function workloadToJson(workload: Workload) {
	return workload.processes.map((code, pid) => ({pid, instructions: [...code]}));
}
