import {SocktuiError} from '../../core/errors.js';
import {formatFixed} from '../../core/ostep/python-compat/format-fixed.js';
import {parseSimSpec} from '../../core/ostep/process-run/sim-spec.js';
import {parseSchedulerArgs} from '../../core/ostep/scheduler/scheduler-args.js';
import {jobsOf} from '../../core/ostep/scheduler/scheduler-run.js';
import {roundRobinSlices, schedule} from '../../core/ostep/scheduler/scheduler.js';
import {gantt} from '../panes/sched/sched-chart.js';
import {buildRunChart} from '../panes/sim/sim-chart.js';
import {asciiGlyphs, unicodeGlyphs} from '../panes/sim/sim-glyphs.js';
import {createPlayer, lastTick} from '../panes/sim/sim-player.js';
import {fitLine, type Segment} from '../segments.js';
import type {SvgChart} from './timeline-svg.js';

export interface ExportOptions {
	/** Columns; undefined = as wide as the whole run needs (simulator) or 100 (scheduler). */
	width?: number;
	ascii: boolean;
}

/** Jobs in a scheduler chart at most, and slices of a round robin: a chart of more is no longer readable. */
const maxChartJobs = 100;
const maxChartSlices = 100_000;

/**
 * `--sim "OPTIONS"`: the run (or the serial and multiprogrammed runs with `-c`) drawn whole, as the
 * simulator pane draws finished runs: one lane per process, the CPU and IO lanes, the legend.
 */
export function simChart(options: string, format: ExportOptions): SvgChart {
	const spec = parseSimSpec(options);
	const player = createPlayer(spec);
	const processes = spec.workload.processes.length;
	const labelWidth = Math.max(4, `P${processes - 1}`.length + 1);
	const width = format.width ?? Math.min(400, Math.max(80, labelWidth + lastTick(player) + 1));
	const lines = buildRunChart(player.tracks, {width, ascii: format.ascii, color: true});
	const cut = player.tracks.some((track) => track.truncated) ? ` (cut at ${lastTick(player)} ticks)` : '';
	return {
		title: `socktui sim ${spec.source}`.trim(),
		caption: `${processes} processes, ${lastTick(player)} ticks${cut}, one column per tick`,
		lines,
		columns: width,
	};
}

/** `--sched "OPTIONS"`: scheduler.py's jobs under the policy asked for, one Gantt row per job. */
export function schedChart(options: string, format: ExportOptions): SvgChart {
	const argv = options.trim() === '' ? [] : options.trim().split(/\s+/u);
	const args = parseSchedulerArgs(argv);
	if (args.help) throw new SocktuiError('BadUsage', "--sched: --help is not a workload (see 'socktui sched --help')");
	const policy = args.policy;
	if (policy !== 'FIFO' && policy !== 'SJF' && policy !== 'RR')
		throw new SocktuiError('BadUsage', `--sched: the policy must be FIFO, SJF or RR, got '${policy}'`);
	const jobs = jobsOf(args);
	if (jobs.length === 0) throw new SocktuiError('BadUsage', '--sched: no jobs to draw');
	if (jobs.length > maxChartJobs)
		throw new SocktuiError('BadUsage', `--sched: at most ${maxChartJobs} jobs in a chart, got ${jobs.length}`);
	const quantum = Number(args.quantum);
	if (policy === 'RR') {
		if (quantum <= 0) throw new SocktuiError('BadUsage', `--sched: the RR quantum must be at least 1, got ${quantum}`);
		if (roundRobinSlices(jobs, quantum) > maxChartSlices)
			throw new SocktuiError('BadUsage', `--sched: at most ${maxChartSlices} time slices in a chart`);
	}

	const run = schedule(jobs, policy, quantum);
	const total = Math.max(...run.times.map((time) => time.turnaround), 1);
	const width = format.width ?? 100;
	const color = true;
	const glyphs = format.ascii ? asciiGlyphs : unicodeGlyphs;
	const muted = 'gray';
	const lengths = jobs.map(({length}) => String(length)).join(', ');
	const name = policy === 'RR' ? `RR, quantum ${quantum}` : policy;
	const two = (value: number) => formatFixed(value, 1);
	const lines: Segment[][] = [
		[{text: `${name}: jobs of length ${lengths}; ${formatFixed(total, 1)} time units`, bold: true}],
		...gantt(run, jobs.length, total, Math.max(1, width - 4), {width, height: Infinity, ascii: format.ascii, color}),
		[
			{
				text: `  avg response ${two(run.average.response)}  turnaround ${two(run.average.turnaround)}  wait ${two(run.average.wait)}`,
				color: muted,
			},
		],
		[
			{
				text: `${glyphs.cell.run}${format.ascii ? '=' : '▓'} running (one shade per slice)  ${glyphs.cell.ready} waiting  ${glyphs.cell.done} done`,
				color: muted,
			},
		],
	];
	return {
		title: `socktui sched ${options.trim()}`.trim(),
		caption: `${jobs.length} jobs under ${name}, time left to right`,
		lines: lines.map((line) => fitLine(line, width)),
		columns: width,
	};
}
