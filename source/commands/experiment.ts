import process from 'node:process';
import {SocktuiError} from '../core/errors.js';
import {Experiment, parseJobs} from '../core/experiment/experiment.js';
import {experimentToJson} from '../core/experiment/format.js';
import {
	loadExperiment,
	recordExperiment,
	openRecording,
	type RecordedExperiment,
} from '../core/experiment/recording.js';
import {experimentFigures} from '../core/experiment/run-figures.js';
import {experimentPresets, isExperimentPreset} from '../core/experiment/presets.js';
import type {ExperimentPlan} from '../core/experiment/types.js';
import type {ExperimentResult} from '../core/experiment/experiment.js';
import type {ExperimentMessages} from '../ui/i18n/experiment-messages.js';
import {languageFrom} from '../ui/i18n/language.js';
import {messagesFor} from '../ui/i18n/catalogues.js';
import {experimentText} from '../ui/panes/experiment/experiment-text.js';
import {measuredChart, measuredColumnMs, measuredLegend} from '../ui/panes/experiment/measured-chart.js';
import {segmentsToAnsi} from '../ui/segments-ansi.js';
import {detectCapabilities} from '../ui/terminal/capabilities.js';
import type {Command} from './command.js';
import {flagText, languageFlags, parseCount, parseLanguageFlag, parsePort} from './options.js';

const maxJobs = 16;
const maxTickMs = 10_000;
const maxIoMs = 60_000;
const maxRunMs = 10 * 60_000;

function parsePlan(flags: Record<string, unknown>): ExperimentPlan {
	const presetName = flagText(flags['preset']);
	const jobsText = flags['jobs'] === undefined ? undefined : flagText(flags['jobs']);
	if (presetName !== '' && jobsText !== undefined)
		throw new SocktuiError('BadUsage', '--preset and --jobs cannot be used together');
	if (presetName !== '' && !isExperimentPreset(presetName))
		throw new SocktuiError('BadUsage', `--preset must be io or cpu, got '${presetName}'`);
	const programs =
		jobsText === undefined
			? [...experimentPresets[isExperimentPreset(presetName) ? presetName : 'io'].programs]
			: jobsText.split(':');
	const workload = parseJobs(programs);
	if (workload.processes.length > maxJobs) throw new SocktuiError('BadUsage', `--jobs: at most ${maxJobs} jobs`);
	const tickMs = parseCount(flags['tick'], '--tick', maxTickMs);
	if (tickMs === 0) throw new SocktuiError('BadUsage', '--tick must be at least 1 ms');
	const ioMs = parseCount(flags['io'], '--io', maxIoMs);
	const ioKind = flagText(flags['ioKind']);
	if (ioKind !== 'echo' && ioKind !== 'sleep')
		throw new SocktuiError('BadUsage', `--io-kind must be echo or sleep, got '${ioKind}'`);
	const policy = flagText(flags['policy']);
	if (policy !== 'normal' && policy !== 'fifo')
		throw new SocktuiError('BadUsage', `--policy must be normal or fifo, got '${policy}'`);
	// Serially the jobs take at least their ticks and IOs one after another: refuse a run that long up front.
	const serialMs = workload.processes.reduce(
		(sum, code) => sum + code.reduce((own, instruction) => own + (instruction === 'io' ? tickMs + ioMs : tickMs), 0),
		0,
	);
	if (serialMs > maxRunMs)
		throw new SocktuiError(
			'BadUsage',
			`these jobs would take ${Math.round(serialMs / 1000)} s one after another; at most ${maxRunMs / 60_000} minutes (fewer ticks, or a shorter --tick or --io)`,
		);
	const picked = (['serial', 'concurrent', 'both'] as const).filter((name) => flags[name] === true);
	if (picked.length > 1)
		throw new SocktuiError('BadUsage', `--${picked[0]} and --${picked[1]} cannot be used together`);
	const only = picked[0] ?? 'both';
	return {
		jobs: programs.map((program) => ({program})),
		tickMs,
		ioMs,
		ioKind,
		policy,
		serial: only !== 'concurrent',
		concurrent: only !== 'serial',
	};
}

/** The measured runs, each job's share of the CPU per column, for a terminal. */
function chartLines(result: ExperimentResult, width: number, messages: ExperimentMessages): string[] {
	const figures = experimentFigures(result);
	const {color, ascii} = detectCapabilities(process.env, {color: true, ascii: false});
	// The column length the longest run gets at this width (a run longer than the width is summed).
	const columnMs = Math.max(...figures.runs.map((run) => measuredColumnMs(result[run.kind]!, width)));
	const lines = ['', messages.chartHeading(columnMs)];
	for (const run of figures.runs) {
		const measured = result[run.kind]!;
		lines.push(
			...measuredChart(measured, run, {width, color, ascii, messages}).map((line) =>
				segmentsToAnsi(line, color).trimEnd(),
			),
		);
	}

	lines.push(measuredLegend({ascii, messages}));
	return lines;
}

function report(
	result: ExperimentResult,
	options: {json: boolean; wide: boolean; messages: ExperimentMessages; recorded?: RecordedExperiment},
): string {
	if (options.json) return `${JSON.stringify(experimentToJson(result, options.recorded))}\n`;
	const width = options.wide ? Number.POSITIVE_INFINITY : Math.min(80, process.stdout.columns || 80);
	const lines = experimentText(result, experimentFigures(result), {
		width,
		wide: options.wide,
		messages: options.messages,
		...(options.recorded ? {recorded: options.recorded} : {}),
	});
	if (process.stdout.isTTY)
		lines.push(...chartLines(result, options.wide ? process.stdout.columns || 80 : width, options.messages));
	return `${lines.join('\n')}\n`;
}

export const experimentCommand: Command = {
	name: 'experiment',
	summary: 'serial vs concurrent on real processes, measured beside the prediction',
	help: `  Runs the same jobs as real processes on one CPU, one after another (serial) and all at once
  (concurrent), measures each from /proc, and prints the figures beside what the simulators predict.

  Usage
    $ socktui experiment [--preset io|cpu | --jobs PROGRAMS] [--serial|--concurrent|--both] [--json]

  Jobs
    --jobs, -P PROGRAMS  one job per program, in 'sim -P' syntax: 'c2,i,c2:c10' is two jobs.
                         cN = N ticks of real CPU work; i = one IO (plus one tick of CPU to start it
                         and one when it is done, as sim counts them)
    --preset io|cpu      io: 3 jobs c2,i,c2 (concurrency wins); cpu: 3 jobs c10 (it cannot)  [io]
    --tick MS            milliseconds per tick  [100]
    --io MS              how long one IO waits  [500]
    --io-kind echo|sleep echo: a request to an echo server that holds the reply for the IO length
                         (started for the experiment, or the one on --port); sleep: a timed sleep  [echo]
    --port PORT          use the echo server already listening on 127.0.0.1:PORT (its own reply delay)

  Runs
    --serial | --concurrent | --both   which runs  [both]
    --no-pin             do not pin the jobs to one CPU (they are, with taskset, by default)
    --policy normal|fifo normal: Linux's fair scheduler, which also slices the CPU between jobs;
                         fifo: real-time SCHED_FIFO (chrt; root), a job keeps the CPU until it
                         blocks or ends, as in sim (needs the jobs pinned and a second CPU)  [normal]
    --json               one line, one JSON object (serial, concurrent, predicted, verdict)
    --wide               the long form: every column, lines as long as they are (else 80 columns)
    --lang en|zh         the words of the text output (中文)
    --save FILE          also save the run (a new file, mode 0600) to show later with --load
    --load FILE          show a saved run instead of running one (labelled as recorded)

  Examples
    $ socktui experiment
    $ socktui experiment --preset cpu --tick 50
    $ socktui experiment --jobs c3,i,c2:c5 --tick 50 --io 250 --json`,
	flags: {
		preset: {type: 'string', default: ''},
		jobs: {type: 'string', shortFlag: 'P'},
		tick: {type: 'string', default: '100'},
		io: {type: 'string', default: '500'},
		ioKind: {type: 'string', default: 'echo'},
		policy: {type: 'string', default: 'normal'},
		port: {type: 'string'},
		serial: {type: 'boolean', default: false},
		concurrent: {type: 'boolean', default: false},
		both: {type: 'boolean', default: false},
		pin: {type: 'boolean', default: true},
		json: {type: 'boolean', default: false},
		wide: {type: 'boolean', default: false},
		save: {type: 'string'},
		load: {type: 'string'},
		...languageFlags,
	},
	async run({flags}) {
		const json = flags['json'] === true;
		const wide = flags['wide'] === true;
		const messages = messagesFor(languageFrom(parseLanguageFlag(flags['lang']), process.env)).experiment;
		if (flags['load'] !== undefined) {
			if (flags['save'] !== undefined) throw new SocktuiError('BadUsage', '--load and --save cannot be used together');
			const recorded = loadExperiment(flagText(flags['load']));
			process.stdout.write(report(recorded.result, {json, wide, messages, recorded}));
			return 0;
		}

		const savePath = flags['save'] === undefined ? undefined : flagText(flags['save']);
		if (savePath === '') throw new SocktuiError('BadUsage', '--save needs a file name');
		const plan = parsePlan(flags);
		const port = flags['port'] === undefined ? undefined : parsePort(flags['port']);
		if (port === 0) throw new SocktuiError('BadUsage', '--port needs the port of a running echo server, not 0');
		// Opened before anything runs: a path that cannot be written is one line, and no run.
		const save = savePath === undefined ? undefined : openRecording(savePath);
		const cliPath = process.argv[1];
		if (!cliPath) throw new SocktuiError('Internal', 'the path of the socktui CLI is unknown');
		const experiment = new Experiment({
			plan,
			pin: flags['pin'] !== false,
			cliPath,
			...(port === undefined ? {} : {server: {host: '127.0.0.1', port}}),
			onUnpinned(line) {
				process.stderr.write(`socktui: ${line}\n`);
			},
			onJobs(kind, pids) {
				if (!json) process.stderr.write(`${messages.jobsRunning(kind, pids.length, pids.join(' '))}\n`);
			},
		});
		let interrupted = false;
		const onSignal = () => {
			interrupted = true;
			experiment.kill();
		};
		process.once('SIGINT', onSignal);
		process.once('SIGTERM', onSignal);
		try {
			const result = await experiment.run();
			if (interrupted) throw new SocktuiError('Internal', 'interrupted');
			save?.write(recordExperiment(result));
			process.stdout.write(report(result, {json, wide, messages}));
			return 0;
		} catch (error: unknown) {
			if (!interrupted) throw error;
			process.stderr.write('socktui: experiment interrupted; every job it started has ended\n');
			return 130;
		} finally {
			save?.discard();
			process.off('SIGINT', onSignal);
			process.off('SIGTERM', onSignal);
		}
	},
};
