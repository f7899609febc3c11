import type {ExperimentResult} from '../../../core/experiment/experiment.js';
import type {ExperimentFigures, RunFigures} from '../../../core/experiment/run-figures.js';
import type {RecordedExperiment} from '../../../core/experiment/recording.js';
import {displayWidth} from '../../../core/text/display-width.js';
import type {ExperimentMessages, IoWords} from '../../i18n/experiment-messages.js';
import {wrapWords} from '../../wrap-words.js';

export interface TextOptions {
	/** The terminal's width: tables and prose fit it (80 by default). */
	width: number;
	/** `--wide`: every column, no wrapping (the long form). */
	wide: boolean;
	messages: ExperimentMessages;
	recorded?: Pick<RecordedExperiment, 'savedAt' | 'hostname' | 'node' | 'cpuModel'>;
}

interface Column {
	/** The long heading and the short one (used when the long ones do not fit). */
	head: string;
	short?: string;
	left?: boolean;
	/** Dropped when the table does not fit, lowest first; undefined: always kept. */
	drop?: number;
}

const pad = (text: string, width: number, left: boolean) => {
	const gap = ' '.repeat(Math.max(0, width - displayWidth(text)));
	return left ? text + gap : gap + text;
};

/**
 * A table laid out by rule (README): columns as wide as their widest cell (display width, so Chinese
 * headings count double), two spaces apart. When that is wider than `width`: the short headings; then the
 * droppable columns, in their order, until it fits; then one space apart. `wide` keeps the long form.
 */
export function layoutTable(columns: readonly Column[], rows: readonly string[][], width: number, wide: boolean) {
	const render = (keep: number[], short: boolean, gap: string) => {
		const cells = [
			keep.map((index) => (short ? (columns[index]!.short ?? columns[index]!.head) : columns[index]!.head)),
		];
		for (const row of rows) cells.push(keep.map((index) => row[index] ?? ''));
		const widths = keep.map((_, position) => Math.max(...cells.map((row) => displayWidth(row[position]!))));
		return cells.map((row) =>
			row
				.map((cell, position) => pad(cell, widths[position]!, columns[keep[position]!]!.left === true))
				.join(gap)
				.trimEnd(),
		);
	};

	const fits = (lines: string[]) => lines.every((line) => displayWidth(line) <= width);
	let keep = columns.map((_, index) => index);
	let lines = render(keep, false, '  ');
	if (wide || fits(lines)) return {lines, kept: keep};
	lines = render(keep, true, '  ');
	const droppable = columns
		.map((column, index) => ({index, order: column.drop}))
		.filter((column): column is {index: number; order: number} => column.order !== undefined)
		.sort((a, b) => a.order - b.order);
	for (const column of droppable) {
		if (fits(lines)) break;
		keep = keep.filter((index) => index !== column.index);
		lines = render(keep, true, '  ');
	}

	if (!fits(lines)) lines = render(keep, true, ' ');
	return {lines, kept: keep};
}

function ioWords(result: ExperimentResult): IoWords {
	const {plan} = result;
	if (plan.ioKind === 'sleep') return {kind: 'sleep', ioMs: plan.ioMs};
	if (result.server?.own)
		return {kind: 'own-server', host: result.server.host, port: result.server.port, ioMs: plan.ioMs};
	if (result.server) return {kind: 'server', host: result.server.host, port: result.server.port};
	return {kind: 'none', ioMs: plan.ioMs};
}

function jobTable(run: RunFigures, options: TextOptions): string[] {
	const c = options.messages.columns;
	const columns: Column[] = [
		{head: c.job, left: true},
		{head: c.pid, drop: 0},
		{head: c.program, left: true},
		{head: c.start, drop: 1},
		{head: c.end},
		{head: c.turnaround, short: c.turnaroundShort},
		{head: c.cpu},
		{head: c.runnable, short: c.runnableShort},
		{head: c.blocked, short: c.blockedShort},
		{head: c.gaveUp, short: c.gaveUpShort},
		{head: c.taken, short: c.takenShort},
	];
	const rows = run.jobs.map((job) => [
		job.job,
		String(job.pid),
		job.program,
		String(job.startMs),
		String(job.endMs),
		String(job.turnaroundMs),
		String(job.cpuMs),
		String(job.runnableMs),
		String(job.blockedMs),
		String(job.voluntarySwitches),
		String(job.involuntarySwitches),
	]);
	return layoutTable(columns, rows, options.width, options.wide).lines;
}

function predictionTable(figures: ExperimentFigures, options: TextOptions): string[] {
	const m = options.messages;
	const c = m.columns;
	const ratio = (value: number | null) => (value === null ? '-' : value.toFixed(2));
	const rows: string[][] = [];
	const models: Array<{run: string; model: string}> = [];
	for (const run of figures.runs) {
		rows.push([
			m.runName(run.kind),
			run.predictedModel,
			`${run.makespanMs} ms`,
			`${run.predictedMakespanMs} ms`,
			ratio(run.ratio),
			`${run.meanFinishMs} ms`,
			`${run.predictedMeanFinishMs} ms`,
			ratio(run.meanFinishRatio),
		]);
		models.push({run: m.runName(run.kind), model: run.predictedModel});
		if (run.kind === 'concurrent' && figures.concurrentSliced) {
			const sliced = figures.concurrentSliced;
			rows.push([
				m.slicedRow(m.runName(run.kind)),
				sliced.predictedModel,
				`${run.makespanMs} ms`,
				`${sliced.predictedMakespanMs} ms`,
				ratio(sliced.ratio),
				`${run.meanFinishMs} ms`,
				`${sliced.predictedMeanFinishMs} ms`,
				ratio(sliced.meanFinishRatio),
			]);
			models.push({run: m.slicedRow(m.runName(run.kind)), model: sliced.predictedModel});
		}
	}

	const columns: Column[] = [
		{head: c.run, left: true},
		{head: c.model, left: true, drop: 0},
		{head: c.makespan},
		{head: c.predicted},
		{head: c.ratio},
		{head: c.meanFinish},
		{head: c.predicted},
		{head: c.ratio},
	];
	const table = layoutTable(columns, rows, options.width, options.wide);
	const lines = [...table.lines];
	if (!table.kept.includes(1)) lines.push(...prose(m.models(models), options));
	return lines;
}

function prose(text: string, options: TextOptions): string[] {
	return options.wide ? [text] : wrapWords(text, options.width);
}

/**
 * The whole `socktui experiment` report as text lines, from the figures (the same numbers as `--json` and
 * the view): setting, each run's table and load, the verdict, measured vs predicted. Fits `width` unless
 * `wide`.
 */
export function experimentText(result: ExperimentResult, figures: ExperimentFigures, options: TextOptions): string[] {
	const m = options.messages;
	const {plan, predicted} = result;
	const lines: string[] = [];
	if (options.recorded) {
		const r = options.recorded;
		lines.push(...prose(m.recorded(r.savedAt, r.hostname, r.node, r.cpuModel), options), '');
	}

	lines.push(
		...prose(
			m.jobsLine(plan.jobs.length, plan.jobs.map((job) => job.program).join('  '), plan.tickMs, ioWords(result)),
			options,
		),
	);
	const pinning = result.pin ? m.pinning(result.pin) : result.pinning;
	lines.push(...prose(plan.policy === 'fifo' ? `${pinning}; ${m.fifoNote}` : pinning, options));
	lines.push(...prose(m.ticksNote, options), '');
	for (const run of figures.runs) {
		lines.push(m.runTitle(run.kind), ...jobTable(run, options));
		lines.push(
			...prose(
				m.runSummary(
					run.makespanMs,
					run.cpuBusyPct.toFixed(1),
					run.msPerTakenSwitch === null ? undefined : run.msPerTakenSwitch.toFixed(1),
				),
				options,
			),
			...prose(m.load(run.kind, run.load), options),
			'',
		);
	}

	lines.push(...prose(m.switchLegend, options), '');
	lines.push(
		...prose(
			predicted.kind === 'sim'
				? m.predictionTitleSim(
						plan.tickMs,
						predicted.ioLength!,
						predicted.ioLength! * plan.tickMs !== plan.ioMs,
						plan.ioMs,
					)
				: m.predictionTitleSlicing(predicted.slice?.ms ?? 0, predicted.slice ? m.sliceSource(predicted.slice) : ''),
			options,
		),
		...predictionTable(figures, options),
	);
	if (figures.concurrentSliced && predicted.slice)
		lines.push(...prose(m.slicedNote(predicted.slice.ms, m.sliceSource(predicted.slice)), options));
	lines.push('', ...prose(m.verdict(figures.verdict), options));
	return lines;
}
