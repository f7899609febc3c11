import {formatFixed} from '../../../core/ostep/python-compat/format-fixed.js';
import type {Schedule} from '../../../core/ostep/scheduler/scheduler.js';
import type {SchedMessages} from '../../i18n/pane-messages.js';
import {paneMessagesEn} from '../../i18n/pane-messages-en.js';
import type {Segment} from '../../segments.js';
import {cutMarker, fitLine} from '../../segments.js';
import {wrapWords} from '../../wrap-words.js';
import {asciiGlyphs, cellColors, unicodeGlyphs} from '../sim/sim-glyphs.js';
import {schedRuns, type SchedViewState} from './sched-view.js';

export interface SchedChartOptions {
	width: number;
	height: number;
	ascii: boolean;
	color: boolean;
	/** The words, in the dashboard's language (English when unset). */
	words?: SchedMessages;
}

type Kind = 'run' | 'run2' | 'ready' | 'done';

/**
 * One Gantt chart per policy, one row per job: which job had the CPU at each moment (the run cells of a
 * job alternate two glyphs from one time slice to the next, so the quantum shows), waiting before, done
 * after. Time runs left to right on one scale for both charts; averages under each.
 */
export function gantt(
	run: Schedule,
	jobs: number,
	total: number,
	columns: number,
	options: SchedChartOptions,
): Segment[][] {
	const glyphs = options.ascii ? asciiGlyphs : unicodeGlyphs;
	const paint = (kind: Kind): Segment => ({
		text: kind === 'run2' ? (options.ascii ? '=' : '▓') : glyphs.cell[kind],
		...(options.color ? {color: cellColors[kind === 'run2' ? 'run' : kind]} : {}),
	});
	const finish = new Map(run.times.map((time) => [time.job, time.turnaround]));
	const rows: Segment[][] = [];
	for (let job = 0; job < jobs; job++) {
		const line: Segment[] = [{text: `J${job} `, bold: true, lane: {kind: 'process', id: `J${job}`}}];
		for (let column = 0; column < columns; column++) {
			const at = ((column + 0.5) * total) / columns;
			const index = run.slices.findIndex(
				(slice) => slice.job === job && Number(slice.start) <= at && at < Number(slice.end),
			);
			let kind: Kind;
			if (index !== -1) {
				// Count this job's earlier slices: odd ones in the second glyph, so each slice is visible.
				const nth = run.slices.slice(0, index).filter((slice) => slice.job === job).length;
				kind = nth % 2 === 0 ? 'run' : 'run2';
			} else {
				kind = at >= (finish.get(job) ?? Infinity) ? 'done' : 'ready';
			}

			line.push(paint(kind));
		}

		rows.push(line);
	}

	return rows;
}

const two = (value: number) => formatFixed(value, 1);

export function buildSchedLines(state: SchedViewState, options: SchedChartOptions): Segment[][] {
	const {width, height} = options;
	if (width <= 0 || height <= 0) return [];
	const {left, right, preset} = schedRuns(state);
	const words = options.words ?? paneMessagesEn.sched;
	const named = words.presets[state.presetIndex] ?? preset;
	const jobs = preset.lengths.length;
	const total = Math.max(
		...left.times.map((time) => time.turnaround),
		...right.times.map((time) => time.turnaround),
		1,
	);
	const columns = Math.max(1, width - 4);
	const glyphs = options.ascii ? asciiGlyphs : unicodeGlyphs;
	const muted = options.color ? 'gray' : undefined;
	const header: Segment[][] = [[{text: words.heading(named.name, preset.lengths.join(', '), total), bold: true}]];
	const section = (title: string, run: Schedule): Segment[][] => [
		[{text: title, bold: true}],
		...gantt(run, jobs, total, columns, options),
		[
			{
				text: words.averages(two(run.average.response), two(run.average.turnaround), two(run.average.wait)),
				...(muted ? {color: muted} : {}),
			},
		],
	];
	const leftTitle = state.left === 'SJF' ? words.sjfTitle : words.fifoTitle;
	const body = [...section(leftTitle, left), ...section(words.rrTitle(state.quantum), right)];
	const legend: Segment[] = [
		{
			text: words.legend(`${glyphs.cell.run}${options.ascii ? '=' : '▓'}`, glyphs.cell.ready, glyphs.cell.done),
			...(muted ? {color: muted} : {}),
		},
	];
	const lesson = wrapWords(named.lesson, width).map((text): Segment[] => [{text, ...(muted ? {color: muted} : {})}]);
	const keys: Segment[] = [{text: words.keys, ...(muted ? {color: muted} : {})}];
	// The charts first; then, room permitting, the legend, the lesson and the keys.
	const lines = [...header, ...body];
	for (const extra of [[legend], lesson, [keys]]) if (lines.length + extra.length <= height) lines.push(...extra);
	return lines.slice(0, height).map((line) => fitLine(line, width, cutMarker(options.ascii)));
}
