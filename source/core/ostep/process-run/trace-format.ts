import {formatFixed} from '../python-compat/format-fixed.js';
import type {TraceCell, TraceRow} from './simulator.js';
import type {IoDonePolicy, SwitchPolicy, Workload} from './types.js';

/** Text in the reference's exact layout (`%14s` columns, `%3d` time). Lines carry no newline. */
const column = (text: string): string => text.padStart(14);

export function formatHeader(processCount: number): string {
	let line = 'Time';
	for (let pid = 0; pid < processCount; pid++) line += column(`PID:${String(pid).padStart(2)}`);
	return line + column('CPU') + column('IOs');
}

/** A process cell: `RUN:cpu` for the one that executed, else its state; extension: `SWITCH`. */
export function formatCell(cell: TraceCell): string {
	if (cell.instruction !== undefined) return `RUN:${cell.instruction}`;
	if (cell.switching) return 'SWITCH';
	return cell.state;
}

export function formatRow(row: TraceRow): string {
	let line = `${String(row.t).padStart(3)}${row.ioDone ? '*' : ' '}`;
	for (const cell of row.cells) line += column(formatCell(cell));
	line += column(row.cpu === 'busy' ? '1' : row.cpu === 'switch' ? 'cs' : ' ');
	// The reference pads an empty IOs cell to 10, not 14; identical after right-stripping.
	line += row.ios > 0 ? column(String(row.ios)) : ' '.repeat(10);
	return line;
}

export interface RunStats {
	totalTime: number;
	cpuBusy: number;
	ioBusy: number;
	switchTicks: number;
	preemptions: number;
}

export function percent(count: number, total: number): number {
	return (100 * count) / total;
}

/** The `-p` block, blank lines included; `withSwitch` adds the extension's line (only with --switch-cost). */
export function formatStats(stats: RunStats, withSwitch = false): string[] {
	const lines = [
		'',
		`Stats: Total Time ${stats.totalTime}`,
		`Stats: CPU Busy ${stats.cpuBusy} (${formatFixed(percent(stats.cpuBusy, stats.totalTime), 2)}%)`,
		`Stats: IO Busy  ${stats.ioBusy} (${formatFixed(percent(stats.ioBusy, stats.totalTime), 2)}%)`,
	];
	if (withSwitch) {
		lines.push(
			`Stats: Switch   ${stats.switchTicks} (${formatFixed(percent(stats.switchTicks, stats.totalTime), 2)}%)`,
		);
	}
	lines.push('');
	return lines;
}

/** The listing printed without `-c`. */
export function formatListing(workload: Workload, switchPolicy: SwitchPolicy, ioDonePolicy: IoDonePolicy): string[] {
	const lines = ['Produce a trace of what would happen when you run these processes:'];
	workload.processes.forEach((code, pid) => {
		lines.push(`Process ${pid}`);
		for (const instruction of code) lines.push(`  ${instruction}`);
		lines.push('');
	});
	lines.push(
		'Important behaviors:',
		switchPolicy === 'SWITCH_ON_IO'
			? '  System will switch when the current process is FINISHED or ISSUES AN IO'
			: '  System will switch when the current process is FINISHED',
		ioDonePolicy === 'IO_RUN_IMMEDIATE'
			? '  After IOs, the process issuing the IO will run IMMEDIATELY'
			: '  After IOs, the process issuing the IO will run LATER (when it is its turn)',
		'',
	);
	return lines;
}
