import {experimentPresets} from '../../../core/experiment/presets.js';
import {switchReasons} from '../../../core/experiment/format.js';
import type {RunResult} from '../../../core/experiment/types.js';
import {fitLine, type Segment} from '../../segments.js';
import {wrapWords} from '../../wrap-words.js';
import {buildRunChart} from '../sim/sim-chart.js';
import type {ExperimentViewState} from './experiment-view.js';
import {measuredTrack} from './measured-track.js';

export interface ExperimentLineOptions {
	width: number;
	height: number;
	ascii: boolean;
	color: boolean;
	now: number;
	ioNote: string;
}

const ms = (value: number) => `${Math.round(value)} ms`;

/** What each preset shows, in the tutorial's words. */
const stories: Record<ExperimentViewState['preset'], string> = {
	io: 'IO: the CPU is taken away when a job starts an IO, and concurrency wins.',
	cpu: 'CPU only: the CPU is taken away when a job held it too long; every job but the last finishes later.',
};

function ratio(measured: number, predicted: number): string {
	return predicted > 0 ? `${(measured / predicted).toFixed(2)}x` : '-';
}

/**
 * The experiment view's lines: before a run, what it will do; during it, which jobs run (their lanes fill
 * in the live view); after it, each run's makespan beside the prediction, every job's switches, and the
 * measured chart drawn by the simulator's chart code.
 */
export function buildExperimentLines(state: ExperimentViewState, options: ExperimentLineOptions): Segment[][] {
	const {width, height} = options;
	if (width <= 0 || height <= 0) return [];
	const muted = options.color ? 'gray' : undefined;
	const text = (value: string, extra: Partial<Segment> = {}): Segment[] => [{text: value, ...extra}];
	const words = (value: string, extra: Partial<Segment> = {}) =>
		wrapWords(value, width).map((line) => text(line, extra));
	const preset = experimentPresets[state.preset];
	const lines: Segment[][] = [
		text(`Experiment (${state.preset} preset): ${preset.programs.join('  ')}`, {bold: true}),
		...words(stories[state.preset], muted ? {color: muted} : {}),
	];
	switch (state.phase) {
		case 'idle': {
			lines.push(
				...words(
					`The same jobs as real processes on one CPU: one after another, then all at once, measured from /proc beside the prediction. ${options.ioNote}`,
				),
				text('Enter runs it (a few seconds)  p other preset', muted ? {color: muted} : {}),
			);
			break;
		}

		case 'running': {
			const seconds = ((options.now - state.since) / 1000).toFixed(1);
			lines.push(
				text(
					state.kind === undefined
						? `starting the jobs... ${seconds} s`
						: `${state.kind} run: jobs ${state.pids.join(', ')}  ${seconds} s`,
					{bold: true, ...(options.color ? {color: 'yellow'} : {})},
				),
				...words('Their lanes fill in the live view (v). x stops the run.', muted ? {color: muted} : {}),
			);
			break;
		}

		case 'failed': {
			lines.push(...words(`the experiment failed: ${state.message}`, options.color ? {color: 'red'} : {}));
			lines.push(text('Enter runs it again  p other preset', muted ? {color: muted} : {}));
			break;
		}

		case 'done': {
			const {result} = state;
			const runs = [result.serial, result.concurrent].filter((run): run is RunResult => run !== undefined);
			for (const run of runs) {
				const predicted = result.predicted[run.kind];
				lines.push(
					text(
						`${run.kind}: makespan ${ms(run.makespanMs)}, predicted ${ms(predicted.makespanMs)} (${ratio(run.makespanMs, predicted.makespanMs)}), CPU busy ${run.cpuBusyPct.toFixed(0)}%`,
						{bold: true},
					),
				);
				for (const [index, job] of run.jobs.entries()) {
					lines.push(
						text(
							`  P${index} ${job.pid}  done ${ms(job.endMs)}  cpu ${ms(job.cpuMs)}  runnable ${ms(job.runnableMs)}  gave up ${job.voluntarySwitches}  taken ${job.involuntarySwitches}`,
						),
					);
				}
			}

			if (result.serial && result.concurrent) {
				const sooner = result.serial.makespanMs - result.concurrent.makespanMs;
				lines.push(
					...words(
						sooner > 0
							? `Concurrent finished ${ms(sooner)} sooner: while one job waited for its IO, another had the CPU.`
							: 'Concurrent was no faster: with nothing to wait for, sharing the CPU only made each job finish later.',
						options.color ? {color: 'cyan'} : {},
					),
				);
			}

			lines.push(
				...words(
					`gave up = ${switchReasons.voluntary.split(': ')[1]}; taken = ${switchReasons.involuntary.split(': ')[1]}.`,
					muted ? {color: muted} : {},
				),
			);
			// The measured runs, drawn as the simulator draws its own, when there is room for them.
			const chart = buildRunChart(runs.map(measuredTrack), {width, color: options.color, ascii: options.ascii});
			if (lines.length + chart.length <= height) lines.push(...chart);
			lines.push(text('Enter runs it again  p other preset', muted ? {color: muted} : {}));
			break;
		}
	}

	return lines.slice(0, height).map((line) => fitLine(line, width));
}
