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
	/** Replies per second in each round (what the throughput figures were). */
	rates: number[];
}

export const emptyTotals = (): SideTotals => ({
	messages: 0,
	seconds: 0,
	serverCpuSeconds: 0,
	loadgenCpuSeconds: 0,
	lost: 0,
	rounds: [],
	rates: [],
});

export function addRound(totals: SideTotals, result: LoadgenResult): void {
	totals.messages += result.messages;
	totals.seconds += result.seconds;
	totals.loadgenCpuSeconds += result.loadgenCpu * result.seconds;
	totals.lost += result.lost;
	totals.rates.push(result.seconds > 0 ? result.messages / result.seconds : 0);
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

/** The value below which `fraction` of `sorted` lies, interpolated between neighbours (0.5: the median). */
function quantile(sorted: number[], fraction: number): number {
	const position = (sorted.length - 1) * fraction;
	const below = Math.floor(position);
	const above = Math.min(below + 1, sorted.length - 1);
	return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

/** The median of paired ratios with their quartiles (`q1`-`q3`) and range (`low`-`high`). */
export interface PairedRatio {
	ratio: number;
	q1: number;
	q3: number;
	low: number;
	high: number;
	/** How many paired rounds it rests on. */
	rounds: number;
}

function summarise(ratios: number[]): PairedRatio {
	const sorted = [...ratios].sort((a, b) => a - b);
	return {
		ratio: quantile(sorted, 0.5),
		q1: quantile(sorted, 0.25),
		q3: quantile(sorted, 0.75),
		low: sorted[0]!,
		high: sorted.at(-1)!,
		rounds: sorted.length,
	};
}

function loadgenSaturated(
	bare: SideTotals,
	other: SideTotals,
	saturation: number,
	names: readonly [string, string],
): {refused: string} | undefined {
	for (const [name, totals] of [
		[names[0], bare],
		[names[1], other],
	] as const) {
		const {loadgen} = load(totals);
		if (loadgen >= saturation)
			return {refused: `no ratio: the load generator saturated (${percent(loadgen)} of its core against ${name})`};
	}

	return undefined;
}

/**
 * socktui's server CPU per message over bare Node's, or why there is none: a load generator that ran out
 * of CPU (on either side) says nothing about the servers, so no ratio is printed then. The ratio is the
 * median over rounds of the two servers' figures in the same round (measured back to back): a burst of
 * load from elsewhere on a shared machine skews one round, not the figure. `q1`/`q3`: the quartiles,
 * `low`/`high`: the range.
 */
export function cpuRatio(
	bare: SideTotals,
	socktui: SideTotals,
	saturation = defaultSaturation,
	names: readonly [string, string] = ['bare', 'socktui'],
): PairedRatio | {refused: string} {
	return (
		loadgenSaturated(bare, socktui, saturation, names) ??
		pairedRatio(bare.rounds, socktui.rounds, 'server CPU was not measured (no /proc, or no replies)')
	);
}

/**
 * socktui's throughput (replies per second) over bare Node's, the median of the rounds' paired ratios, like
 * `cpuRatio`. Where the servers are not saturated (a busy machine) this also carries how promptly each got
 * its CPU, so its A/A spread is wider than the CPU ratio's.
 */
export function rateRatio(
	bare: SideTotals,
	socktui: SideTotals,
	saturation = defaultSaturation,
	names: readonly [string, string] = ['bare', 'socktui'],
): PairedRatio | {refused: string} {
	return loadgenSaturated(bare, socktui, saturation, names) ?? pairedRatio(bare.rates, socktui.rates, 'no replies');
}

/** The summary of each round's `other / base` (rounds where base is measured and above zero), or why none. */
function pairedRatio(
	base: ReadonlyArray<number | undefined>,
	other: ReadonlyArray<number | undefined>,
	whyNone: string,
): PairedRatio | {refused: string} {
	const ratios: number[] = [];
	base.forEach((value, round) => {
		const paired = other[round];
		if (value !== undefined && value > 0 && paired !== undefined) ratios.push(paired / value);
	});
	return ratios.length === 0 ? {refused: `no ratio: ${whyNone}`} : summarise(ratios);
}

/** The cell for `boundBy` with both loads, e.g. `server (99% / gen 41%)`. */
export function boundCell(totals: SideTotals, saturation = defaultSaturation): string {
	const {server, loadgen} = load(totals);
	return `${boundBy(totals, saturation)} (${server === undefined ? '?' : percent(server)} / gen ${percent(loadgen)})`;
}
