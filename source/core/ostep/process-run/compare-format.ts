import {formatFixed} from '../python-compat/format-fixed.js';
import {percent, type RunStats} from './trace-format.js';
import type {SimConfig} from './types.js';

/**
 * What the two runs of `--compare` simulate, by name: serial is SWITCH_ON_END; the other is SWITCH_ON_IO,
 * and round robin as well when `--quantum` slices it (then "multiprogrammed" would hide what ran).
 */
export function compareLabels(config: Pick<SimConfig, 'quantum'>): {
	serial: {name: string; policy: string; title: string};
	multiprogrammed: {name: string; policy: string; title: string; verdictName: string};
} {
	const rr = config.quantum > 0;
	return {
		serial: {name: 'Serial', policy: 'SWITCH_ON_END', title: 'Serial (SWITCH_ON_END)'},
		multiprogrammed: rr
			? {
					name: 'Round robin',
					policy: `RR, quantum ${config.quantum}`,
					title: `Round robin (SWITCH_ON_IO, quantum ${config.quantum})`,
					verdictName: 'Round robin',
				}
			: {
					name: 'Multiprogrammed',
					policy: 'SWITCH_ON_IO',
					title: 'Multiprogrammed (SWITCH_ON_IO)',
					verdictName: 'Multiprogramming',
				},
	};
}

/** `--compare`: the two runs' stats side by side, then one sentence on who wins. */
export function formatCompare(
	serial: RunStats,
	multiprogrammed: RunStats,
	options: {withSwitch: boolean; quantum?: number},
): string[] {
	const labels = compareLabels({quantum: options.quantum ?? 0});
	const cell = (count: number, stats: RunStats) => `${count} (${formatFixed(percent(count, stats.totalTime), 2)}%)`;
	const line = (label: string, left: string, right: string) =>
		`${label.padEnd(12)}${left.padStart(18)}${right.padStart(18)}`;
	const lines = [
		line('', labels.serial.name, labels.multiprogrammed.name),
		line('', labels.serial.policy, labels.multiprogrammed.policy),
		line('Total Time', String(serial.totalTime), String(multiprogrammed.totalTime)),
		line('CPU Busy', cell(serial.cpuBusy, serial), cell(multiprogrammed.cpuBusy, multiprogrammed)),
		line('IO Busy', cell(serial.ioBusy, serial), cell(multiprogrammed.ioBusy, multiprogrammed)),
	];
	if (options.withSwitch)
		lines.push(line('Switching', cell(serial.switchTicks, serial), cell(multiprogrammed.switchTicks, multiprogrammed)));
	lines.push(
		'',
		verdict(serial.totalTime, multiprogrammed.totalTime, {
			name: labels.multiprogrammed.verdictName,
			hasIo: serial.ioBusy > 0 || multiprogrammed.ioBusy > 0,
		}),
		'',
	);
	return lines;
}

export function verdict(
	serialTotal: number,
	multiprogrammedTotal: number,
	options: {name: string; hasIo: boolean} = {name: 'Multiprogramming', hasIo: false},
): string {
	const difference = serialTotal - multiprogrammedTotal;
	const ratio = formatFixed(serialTotal / multiprogrammedTotal, 2);
	if (difference > 0) return `${options.name} finishes ${difference} ticks sooner (speedup ${ratio}x).`;
	if (difference < 0)
		return `${options.name} finishes ${-difference} ticks later (speedup ${ratio}x): switching costs more than it gains.`;
	return options.hasIo ? 'Both finish at the same tick.' : 'Both finish at the same tick (no IO to overlap).';
}
