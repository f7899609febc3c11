import {experimentFigures} from '../../../core/experiment/run-figures.js';
import {experimentPresets} from '../../../core/experiment/presets.js';
import {englishExperiment, type ExperimentMessages} from '../../i18n/experiment-messages.js';
import {cutMarker, fitLine, type Segment} from '../../segments.js';
import {wrapWords} from '../../wrap-words.js';
import type {ExperimentViewState} from './experiment-view.js';
import {measuredChart, measuredLegend} from './measured-chart.js';

export interface ExperimentLineOptions {
	width: number;
	height: number;
	ascii: boolean;
	color: boolean;
	now: number;
	ioNote: string;
	/** The words (the dashboard's language); English when absent. */
	messages?: ExperimentMessages;
}

interface Section {
	lines: Segment[][];
	/** Lower is kept first when the rows run out. */
	priority: number;
}

/** Keeps whole sections by priority until `height` is used, in their display order. */
function pack(sections: readonly Section[], height: number): Segment[][] {
	const order = sections
		.map((section, index) => ({section, index}))
		.sort((a, b) => a.section.priority - b.section.priority);
	const kept = new Set<number>();
	let used = 0;
	for (const {section, index} of order) {
		if (used + section.lines.length > height) continue;
		used += section.lines.length;
		kept.add(index);
	}

	return sections.flatMap((section, index) => (kept.has(index) ? section.lines : []));
}

/**
 * The experiment view's lines: before a run, what it will do; during it, which jobs run (their lanes fill
 * in the live view); after it, the verdict (or why there is none), each run beside the prediction, the
 * measured charts (each job's share of the CPU), and every job's figures, all from the figures module, as
 * many whole sections as the height holds, the most important first.
 */
export function buildExperimentLines(state: ExperimentViewState, options: ExperimentLineOptions): Segment[][] {
	const {width, height} = options;
	if (width <= 0 || height <= 0) return [];
	const m = options.messages ?? englishExperiment;
	const muted = options.color ? 'gray' : undefined;
	const text = (value: string, extra: Partial<Segment> = {}): Segment[] => [{text: value, ...extra}];
	const words = (value: string, extra: Partial<Segment> = {}) =>
		wrapWords(value, width).map((line) => text(line, extra));
	const preset = experimentPresets[state.preset];
	const sections: Section[] = [
		{lines: [text(m.heading(state.preset, preset.programs.join('  ')), {bold: true})], priority: 0},
	];
	const story = {lines: words(m.story(state.preset), muted ? {color: muted} : {}), priority: 9};
	switch (state.phase) {
		case 'idle': {
			sections.push(
				story,
				{lines: words(m.idle(options.ioNote)), priority: 2},
				{lines: [text(m.runHint, muted ? {color: muted} : {})], priority: 1},
			);
			break;
		}

		case 'running': {
			const seconds = ((options.now - state.since) / 1000).toFixed(1);
			sections.push(
				story,
				{
					lines: [
						text(
							state.kind === undefined ? m.starting(seconds) : m.running(state.kind, state.pids.join(', '), seconds),
							{
								bold: true,
								...(options.color ? {color: 'yellow'} : {}),
							},
						),
					],
					priority: 1,
				},
				{lines: words(m.runningHint, muted ? {color: muted} : {}), priority: 2},
			);
			break;
		}

		case 'failed': {
			sections.push(
				story,
				{lines: words(m.failed(state.message), options.color ? {color: 'red'} : {}), priority: 1},
				{lines: [text(m.runAgainHint, muted ? {color: muted} : {})], priority: 2},
			);
			break;
		}

		case 'done': {
			const {result, recorded} = state;
			const figures = experimentFigures(result);
			if (recorded)
				sections.push({
					lines: words(m.recorded(recorded.savedAt, recorded.hostname, recorded.node, recorded.cpuModel), {
						bold: true,
						...(options.color ? {color: 'magenta'} : {}),
					}),
					priority: 0,
				});
			sections.push({
				lines: figures.runs.map((run) =>
					text(
						m.viewRun(
							run.kind,
							run.makespanMs,
							run.predictedMakespanMs,
							run.ratio === null ? '-' : `${run.ratio.toFixed(2)}x`,
							run.cpuBusyPct.toFixed(1),
						),
						{bold: true},
					),
				),
				priority: 5,
			});
			for (const run of figures.runs) {
				// The verdict already says it for the first disturbed run.
				const said = figures.verdict.code === 'disturbed' && figures.verdict.params.run === run.kind;
				if (run.load.state === 'quiet' || said) continue;
				sections.push({
					lines: words(m.load(run.kind, run.load), options.color ? {color: 'red'} : {}),
					priority: 4,
				});
			}

			const disturbed = figures.verdict.code === 'disturbed';
			sections.push({
				lines: words(m.verdict(figures.verdict), options.color ? {color: disturbed ? 'red' : 'cyan'} : {}),
				priority: 1,
			});
			for (const run of figures.runs) {
				sections.push({
					lines: measuredChart(result[run.kind]!, run, {
						width,
						color: options.color,
						ascii: options.ascii,
						messages: m,
					}),
					priority: 3,
				});
			}

			sections.push({
				lines: words(measuredLegend({ascii: options.ascii, messages: m}), muted ? {color: muted} : {}),
				priority: 6,
			});
			for (const run of figures.runs) {
				if (run.load.state === 'quiet')
					sections.push({lines: words(m.load(run.kind, run.load), muted ? {color: muted} : {}), priority: 8});
				sections.push({
					lines: run.jobs.map((job) =>
						text(
							m.jobLine(
								job.job,
								job.pid,
								job.endMs,
								job.cpuMs,
								job.runnableMs,
								job.voluntarySwitches,
								job.involuntarySwitches,
							),
						),
					),
					priority: 7,
				});
			}

			sections.push(
				{lines: words(m.switchLegend, muted ? {color: muted} : {}), priority: 8},
				{lines: [text(recorded ? m.recordedHint : m.runAgainHint, muted ? {color: muted} : {})], priority: 4},
			);
			break;
		}
	}

	return pack(sections, height)
		.slice(0, height)
		.map((line) => fitLine(line, width, cutMarker(options.ascii)));
}
