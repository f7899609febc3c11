import {formatFixed} from './format-fixed.js';
import {percent, type RunStats} from './trace-format.js';

/** `--compare`: the two runs' stats side by side, then one sentence on who wins. */
export function formatCompare(serial: RunStats, multiprogrammed: RunStats, options: {withSwitch: boolean}): string[] {
	const cell = (count: number, stats: RunStats) => `${count} (${formatFixed(percent(count, stats.totalTime), 2)}%)`;
	const line = (label: string, left: string, right: string) =>
		`${label.padEnd(12)}${left.padStart(18)}${right.padStart(18)}`;
	const lines = [
		line('', 'Serial', 'Multiprogrammed'),
		line('', 'SWITCH_ON_END', 'SWITCH_ON_IO'),
		line('Total Time', String(serial.totalTime), String(multiprogrammed.totalTime)),
		line('CPU Busy', cell(serial.cpuBusy, serial), cell(multiprogrammed.cpuBusy, multiprogrammed)),
		line('IO Busy', cell(serial.ioBusy, serial), cell(multiprogrammed.ioBusy, multiprogrammed)),
	];
	if (options.withSwitch)
		lines.push(line('Switching', cell(serial.switchTicks, serial), cell(multiprogrammed.switchTicks, multiprogrammed)));
	lines.push('', verdict(serial.totalTime, multiprogrammed.totalTime), '');
	return lines;
}

export function verdict(serialTotal: number, multiprogrammedTotal: number): string {
	const difference = serialTotal - multiprogrammedTotal;
	const ratio = formatFixed(serialTotal / multiprogrammedTotal, 2);
	if (difference > 0) return `Multiprogramming finishes ${difference} ticks sooner (speedup ${ratio}x).`;
	if (difference < 0)
		return `Multiprogramming finishes ${-difference} ticks later (speedup ${ratio}x): switching costs more than it gains.`;
	return 'Both finish at the same tick (no IO to overlap).';
}
