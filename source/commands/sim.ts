import process from 'node:process';
import {defaults} from '../core/defaults.js';
import {checkRunLength, compareConfigs, iterateRun, runToEnd, statsOf} from '../core/ostep/process-run/run.js';
import {compareLabels, formatCompare} from '../core/ostep/process-run/compare-format.js';
import {runToJson, workloadToJson} from '../core/ostep/process-run/json.js';
import {formatSimHelp, parseSimArgs} from '../core/ostep/process-run/sim-args.js';
import {isSimReferenceError} from '../core/ostep/process-run/sim-error.js';
import {resolveSimRequest, type SimRequest} from '../core/ostep/process-run/sim-request.js';
import type {SimState, TraceRow} from '../core/ostep/process-run/simulator.js';
import {formatHeader, formatListing, formatRow, formatStats} from '../core/ostep/process-run/trace-format.js';
import type {SimConfig} from '../core/ostep/process-run/types.js';
import type {Command} from './command.js';
import {createOutput, type LineOutput} from './line-output.js';

type Output = LineOutput;

/** One trace in the reference's format, streamed; returns the final state. */
async function printTrace(out: Output, request: SimRequest, config: SimConfig): Promise<SimState | undefined> {
	out.lines([formatHeader(request.workload.processes.length)]);
	let final: SimState | undefined;
	for (const state of iterateRun(request.workload, config, defaults.simMaxCells)) {
		await out.lineMaybeFlush(formatRow(state.row!));
		if (out.closed) return undefined;
		final = state;
	}
	return final;
}

function printJson(out: Output, request: SimRequest): void {
	const collect = (config: SimConfig) => {
		const rows: TraceRow[] = [];
		const final = runToEnd(request.workload, config, {
			maxCells: defaults.simMaxJsonCells,
			onRow: (row) => rows.push(row),
		});
		return runToJson(config, rows, final);
	};
	const base = {seed: request.seed.toString(), processes: workloadToJson(request.workload)};
	if (request.compare) {
		const configs = compareConfigs(request.config);
		out.lines([
			JSON.stringify({...base, serial: collect(configs.serial), multiprogrammed: collect(configs.multiprogrammed)}),
		]);
	} else {
		out.lines([JSON.stringify({...base, ...collect(request.config)})]);
	}
}

async function printCompare(out: Output, request: SimRequest): Promise<void> {
	const configs = compareConfigs(request.config);
	const withSwitch = request.config.switchCost > 0;
	const labels = compareLabels(request.config);
	const runs: SimState[] = [];
	for (const [title, config] of [
		[labels.serial.title, configs.serial],
		[labels.multiprogrammed.title, configs.multiprogrammed],
	] as const) {
		if (request.solve) {
			out.lines([`${title}:`]);
			const final = await printTrace(out, request, config);
			if (!final) return;
			if (request.printStats) out.lines(formatStats(statsOf(final), withSwitch));
			else out.lines(['']);
			runs.push(final);
		} else {
			runs.push(runToEnd(request.workload, config, {maxCells: defaults.simMaxCells}));
		}
	}
	out.lines(formatCompare(statsOf(runs[0]!), statsOf(runs[1]!), {withSwitch, quantum: request.config.quantum}));
}

async function simulate(out: Output, argv: readonly string[]): Promise<number> {
	const args = parseSimArgs(argv);
	if (args.help) {
		out.lines([formatSimHelp()]);
		return 0;
	}
	const request = resolveSimRequest(args);
	// A trace streams as it runs: a run too long to finish must fail before its first line.
	if (request.solve && !request.json) {
		const configs = request.compare ? Object.values(compareConfigs(request.config)) : [request.config];
		for (const config of configs) checkRunLength(request.workload, config, defaults.simMaxCells);
	}

	if (request.json) {
		printJson(out, request);
	} else if (request.compare) {
		await printCompare(out, request);
	} else if (!request.solve) {
		out.lines(formatListing(request.workload, request.config.switchPolicy, request.config.ioDonePolicy));
	} else {
		const final = await printTrace(out, request, request.config);
		if (final && request.printStats) out.lines(formatStats(statsOf(final), request.config.switchCost > 0));
	}
	return 0;
}

export const simCommand: Command = {
	name: 'sim',
	summary: "the OSTEP process-run simulator, exactly (try 'socktui sim -l 5:100,5:100 -c -p')",
	help: formatSimHelp(),
	flags: {},
	rawArgs: true,
	async run(context) {
		const out = createOutput(process.stdout);
		try {
			return await simulate(out, context.argv);
		} catch (error: unknown) {
			// The reference prints its own input errors on stdout and exits 1; everything else goes to the edge.
			if (!isSimReferenceError(error)) throw error;
			out.lines(error.lines);
			return 1;
		} finally {
			await out.flush();
			out.dispose();
		}
	},
};
