import type {RunFigures} from '../../../core/experiment/run-figures.js';
import type {RunResult} from '../../../core/experiment/types.js';
import {padEndWidth} from '../../../core/text/display-width.js';
import type {ExperimentMessages} from '../../i18n/experiment-messages.js';
import type {Segment} from '../../segments.js';

export interface MeasuredChartOptions {
	width: number;
	color: boolean;
	ascii: boolean;
	messages: ExperimentMessages;
}

/** One column of the chart for one job: its share of the column on the CPU, on the run queue, and whether it was there. */
export interface JobColumn {
	state: 'not-started' | 'done' | 'present';
	/** Share of the column the job ran (schedstat run time / column length), 0..1. */
	run: number;
	/** Share of the column it waited on the run queue, 0..1. */
	wait: number;
}

const eighths = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const asciiShares = ['-', '-', '-', '=', '=', '=', '#', '#'];

export function chartGlyphs(ascii: boolean) {
	return ascii
		? {shares: asciiShares, ready: ':', blocked: '~', done: ' ', notStarted: ' '}
		: {shares: eighths, ready: '░', blocked: '≈', done: ' ', notStarted: ' '};
}

/**
 * The run's samples grouped into `columns` columns (several samples per column when the run is longer than
 * the width): per column, each job's run and wait time summed from its own schedstat accounting.
 */
export function measuredColumns(run: RunResult, columns: number): {columnMs: number; cells: JobColumn[][]} {
	const samples = run.samples;
	const per = Math.max(1, Math.ceil(samples.length / Math.max(1, columns)));
	const cells: JobColumn[][] = [];
	let previousAt = 0;
	for (let first = 0; first < samples.length; first += per) {
		const group = samples.slice(first, first + per);
		const end = group.at(-1)!.atMs;
		const length = Math.max(1, end - previousAt);
		previousAt = end;
		cells.push(
			run.jobs.map((_, index) => {
				let runMs = 0;
				let waitMs = 0;
				let present = false;
				let done = false;
				for (const sample of group) {
					const job = sample.jobs[index];
					if (job === 'done') done = true;
					else if (job !== undefined && job !== 'not-started') {
						present = true;
						runMs += job.runMs;
						waitMs += job.waitMs;
					}
				}

				if (!present) return {state: done ? 'done' : 'not-started', run: 0, wait: 0};
				return {state: 'present', run: Math.min(1, runMs / length), wait: Math.min(1, waitMs / length)};
			}),
		);
	}

	return {columnMs: per * run.sampleMs, cells};
}

const hasIo = (program: string) => program.split(',').some((part) => part.trim().startsWith('i'));

function glyphFor(
	cell: JobColumn,
	canBlock: boolean,
	ascii: boolean,
): {text: string; kind: 'run' | 'ready' | 'blocked' | 'none'} {
	const glyphs = chartGlyphs(ascii);
	if (cell.state === 'not-started') return {text: glyphs.notStarted, kind: 'none'};
	if (cell.state === 'done') return {text: glyphs.done, kind: 'none'};
	const level = Math.round(cell.run * 8);
	if (level >= 1) return {text: glyphs.shares[Math.min(8, level) - 1]!, kind: 'run'};
	// A job that never blocks (no IO in its program) is never drawn blocked: it was ready, or between samples.
	if (!canBlock || cell.wait >= 0.25) return {text: glyphs.ready, kind: 'ready'};
	return {text: glyphs.blocked, kind: 'blocked'};
}

const colors = {run: 'green', ready: 'yellow', blocked: 'cyan', none: undefined} as const;

/**
 * A measured run, one row per job and one for the CPU: in each column, each job's SHARE of the CPU from
 * its own accounting (schedstat run time in that column, in eighths of a block), so jobs sharing one CPU
 * are drawn sharing it; a job that did not run was ready (on the run queue) or, if its program does IO,
 * blocked. The CPU row is the sum of the shares. The title quotes the run's figures (the table's).
 */
export function measuredChart(run: RunResult, figures: RunFigures, options: MeasuredChartOptions): Segment[][] {
	const {width, messages, ascii} = options;
	const labels = [...run.jobs.map((_, index) => `P${index}`), messages.cpuRow];
	const labelWidth = Math.max(...labels.map((label) => label.length)) + 1;
	const columns = Math.max(1, width - labelWidth);
	const {cells} = measuredColumns(run, columns);
	const lines: Segment[][] = [
		[
			{
				text: messages.chartTitle(
					run.kind,
					figures.makespanMs,
					figures.predictedMakespanMs,
					figures.cpuBusyPct.toFixed(1),
				),
				bold: true,
			},
		],
	];
	for (const [index, job] of run.jobs.entries()) {
		const canBlock = hasIo(job.program);
		const line: Segment[] = [{text: padEndWidth(`P${index}`, labelWidth)}];
		for (const column of cells) {
			const glyph = glyphFor(column[index]!, canBlock, ascii);
			const color = options.color ? colors[glyph.kind] : undefined;
			const last = line.at(-1)!;
			if (line.length > 1 && last.color === color) last.text += glyph.text;
			else line.push({text: glyph.text, ...(color ? {color} : {})});
		}

		lines.push(line);
	}

	const shares = chartGlyphs(ascii).shares;
	const cpu = cells
		.map((column) => {
			const busy = Math.min(
				1,
				column.reduce((sum, cell) => sum + cell.run, 0),
			);
			const level = Math.round(busy * 8);
			return level >= 1 ? shares[level - 1]! : ' ';
		})
		.join('');
	lines.push([
		{text: padEndWidth(messages.cpuRow, labelWidth)},
		{text: cpu, ...(options.color ? {color: 'green'} : {})},
	]);
	return lines;
}

/** The legend under the charts. */
export function measuredLegend(options: Pick<MeasuredChartOptions, 'ascii' | 'messages'>): string {
	const glyphs = chartGlyphs(options.ascii);
	return options.messages.chartLegend({
		run: options.ascii ? '-=#' : '▂▄▆',
		full: glyphs.shares[7]!,
		ready: glyphs.ready,
		blocked: glyphs.blocked,
	});
}

/** Column length of the chart at this width (for the heading). */
export function measuredColumnMs(run: RunResult, width: number): number {
	return measuredColumns(run, Math.max(1, width - 4)).columnMs;
}
