import type {LoadgenResult} from './native-loadgen.js';

/** A side is saturated when it used at least this fraction of its core over the measured window. */
export const defaultSaturation = 0.9;

/** One server's figures for one column, summed over the rounds. */
export interface SideTotals {
	messages: number;
	seconds: number;
	/** undefined once any round could not read the server's CPU. */
	serverCpuSeconds: number | undefined;
	loadgenCpuSeconds: number;
	lost: number;
	/** Server CPU microseconds per message in each round (undefined: not measured, or no replies). */
	rounds: Array<number | undefined>;
}

export const emptyTotals = (): SideTotals => ({
	messages: 0,
	seconds: 0,
	serverCpuSeconds: 0,
	loadgenCpuSeconds: 0,
	lost: 0,
	rounds: [],
});

export function addRound(totals: SideTotals, result: LoadgenResult): void {
	totals.messages += result.messages;
	totals.seconds += result.seconds;
	totals.loadgenCpuSeconds += result.loadgenCpu * result.seconds;
	totals.lost += result.lost;
	totals.rounds.push(
		result.serverCpuSeconds === undefined || result.messages === 0
			? undefined
			: (result.serverCpuSeconds / result.messages) * 1e6,
	);
	totals.serverCpuSeconds =
		totals.serverCpuSeconds === undefined || result.serverCpuSeconds === undefined
			? undefined
			: totals.serverCpuSeconds + result.serverCpuSeconds;
}

export const rate = (totals: SideTotals) => (totals.seconds > 0 ? totals.messages / totals.seconds : 0);

/** Server CPU microseconds per message, undefined when not measured. */
export function cpuPerMessageUs(totals: SideTotals): number | undefined {
	if (totals.serverCpuSeconds === undefined || totals.messages === 0) return undefined;
	return (totals.serverCpuSeconds / totals.messages) * 1e6;
}

/** Fractions of one core used by each side over the measured windows. */
export function load(totals: SideTotals): {server: number | undefined; loadgen: number} {
	if (totals.seconds === 0) return {server: undefined, loadgen: 0};
	return {
		server: totals.serverCpuSeconds === undefined ? undefined : totals.serverCpuSeconds / totals.seconds,
		loadgen: totals.loadgenCpuSeconds / totals.seconds,
	};
}

/** Which side ran out of CPU first: what limited the throughput of this measurement. */
export function boundBy(totals: SideTotals, saturation = defaultSaturation): string {
	const {server, loadgen} = load(totals);
	const serverFull = server !== undefined && server >= saturation;
	const loadgenFull = loadgen >= saturation;
	if (serverFull && loadgenFull) return 'both';
	if (loadgenFull) return 'loadgen';
	if (serverFull) return 'server';
	return 'neither';
}

const percent = (fraction: number) => `${Math.round(fraction * 100)}%`;

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = sorted.length >> 1;
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * socktui's server CPU per message over bare Node's, or why there is none: a load generator that ran out
 * of CPU (on either side) says nothing about the servers, so no ratio is printed then. The ratio is the
 * median over rounds of the two servers' figures in the same round (measured back to back): a burst of
 * load from elsewhere on a shared machine skews one round, not the figure. `low`/`high`: the range.
 */
export function cpuRatio(
	bare: SideTotals,
	socktui: SideTotals,
	saturation = defaultSaturation,
	names: readonly [string, string] = ['bare', 'socktui'],
): {ratio: number; low: number; high: number} | {refused: string} {
	for (const [name, totals] of [
		[names[0], bare],
		[names[1], socktui],
	] as const) {
		const {loadgen} = load(totals);
		if (loadgen >= saturation)
			return {refused: `no ratio: the load generator saturated (${percent(loadgen)} of its core against ${name})`};
	}

	const ratios: number[] = [];
	bare.rounds.forEach((bareCost, round) => {
		const socktuiCost = socktui.rounds[round];
		if (bareCost !== undefined && bareCost > 0 && socktuiCost !== undefined) ratios.push(socktuiCost / bareCost);
	});
	if (ratios.length === 0) return {refused: 'no ratio: server CPU was not measured (no /proc, or no replies)'};
	return {ratio: median(ratios), low: Math.min(...ratios), high: Math.max(...ratios)};
}

/** The cell for `boundBy` with both loads, e.g. `server (99% / gen 41%)`. */
export function boundCell(totals: SideTotals, saturation = defaultSaturation): string {
	const {server, loadgen} = load(totals);
	return `${boundBy(totals, saturation)} (${server === undefined ? '?' : percent(server)} / gen ${percent(loadgen)})`;
}
