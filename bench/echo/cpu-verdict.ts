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
}

export const emptyTotals = (): SideTotals => ({
	messages: 0,
	seconds: 0,
	serverCpuSeconds: 0,
	loadgenCpuSeconds: 0,
	lost: 0,
});

export function addRound(totals: SideTotals, result: LoadgenResult): void {
	totals.messages += result.messages;
	totals.seconds += result.seconds;
	totals.loadgenCpuSeconds += result.loadgenCpu * result.seconds;
	totals.lost += result.lost;
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

/**
 * socktui's server CPU per message over bare Node's, or why there is none: a load generator that ran out
 * of CPU (on either side) says nothing about the servers, so no ratio is printed then.
 */
export function cpuRatio(
	bare: SideTotals,
	socktui: SideTotals,
	saturation = defaultSaturation,
): {ratio: number} | {refused: string} {
	for (const [name, totals] of [
		['bare', bare],
		['socktui', socktui],
	] as const) {
		const {loadgen} = load(totals);
		if (loadgen >= saturation)
			return {refused: `no ratio: the load generator saturated (${percent(loadgen)} of its core against ${name})`};
	}

	const bareCost = cpuPerMessageUs(bare);
	const socktuiCost = cpuPerMessageUs(socktui);
	if (bareCost === undefined || socktuiCost === undefined || bareCost === 0)
		return {refused: 'no ratio: server CPU was not measured (no /proc, or no replies)'};
	return {ratio: socktuiCost / bareCost};
}

/** The cell for `boundBy` with both loads, e.g. `server (99% / gen 41%)`. */
export function boundCell(totals: SideTotals, saturation = defaultSaturation): string {
	const {server, loadgen} = load(totals);
	return `${boundBy(totals, saturation)} (${server === undefined ? '?' : percent(server)} / gen ${percent(loadgen)})`;
}
