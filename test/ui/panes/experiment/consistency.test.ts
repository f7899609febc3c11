import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {experimentToJson} from '../../../../source/core/experiment/format.js';
import {parseRecording} from '../../../../source/core/experiment/recording.js';
import {experimentFigures} from '../../../../source/core/experiment/run-figures.js';
import {DashboardStore} from '../../../../source/core/dashboard/dashboard-store.js';
import {displayWidth} from '../../../../source/core/text/display-width.js';
import {tourFigures} from '../../../../source/core/tour/tour-figures.js';
import {chineseExperiment, englishExperiment} from '../../../../source/ui/i18n/experiment-messages.js';
import {buildExperimentLines} from '../../../../source/ui/panes/experiment/experiment-lines.js';
import {experimentText} from '../../../../source/ui/panes/experiment/experiment-text.js';
import {measuredChart} from '../../../../source/ui/panes/experiment/measured-chart.js';
import {lineText} from '../../../../source/ui/segments.js';

// One recorded run (the io preset on a 2-core machine others were using), as `--save` wrote it.
const recorded = parseRecording(
	readFileSync(new URL('../../../fixtures/experiment/recorded-io.json', import.meta.url), 'utf8'),
);
const {result} = recorded;
const figures = experimentFigures(result);

interface JsonRun {
	makespanMs: number;
	cpuBusyPct: number;
	load: {otherMs?: number; otherPct?: number};
	jobs: Array<{endMs: number; cpuMs: number; runnableMs: number}>;
}

describe('one recorded run, everywhere it is shown', () => {
	const text = experimentText(result, figures, {width: 80, wide: false, messages: englishExperiment}).join('\n');
	const json = JSON.parse(JSON.stringify(experimentToJson(result, recorded))) as Record<string, unknown>;
	const view = buildExperimentLines(
		{preset: 'io', phase: 'done', result, recorded},
		{width: 100, height: 200, ascii: false, color: false, now: 0, ioNote: ''},
	)
		.map((line) => lineText(line))
		.join('\n');

	for (const kind of ['serial', 'concurrent'] as const) {
		it(`${kind}: makespan, CPU busy, each job's end, CPU and runnable, and the load agree in text, JSON, view and chart`, () => {
			const run = figures[kind]!;
			const jsonRun = json[kind] as JsonRun;
			// The table's makespan: last job end - first job start, and the first start is 0.
			expect(run.makespanMs).toBe(Math.max(...run.jobs.map((job) => job.endMs)));
			expect(Math.min(...run.jobs.map((job) => job.startMs))).toBe(0);
			expect(jsonRun.makespanMs).toBe(run.makespanMs);
			expect(jsonRun.cpuBusyPct).toBe(run.cpuBusyPct);
			expect(text).toContain(`makespan ${run.makespanMs} ms; CPU busy ${run.cpuBusyPct.toFixed(1)}%`);
			expect(view).toContain(`${kind}: makespan ${run.makespanMs} ms, predicted ${run.predictedMakespanMs} ms`);
			expect(view).toContain(`CPU busy ${run.cpuBusyPct.toFixed(1)}%`);
			const chart = measuredChart(result[kind]!, run, {
				width: 80,
				color: false,
				ascii: false,
				messages: englishExperiment,
			});
			expect(lineText(chart[0]!)).toContain(
				`makespan ${run.makespanMs} ms (predicted ${run.predictedMakespanMs} ms), CPU busy ${run.cpuBusyPct.toFixed(1)}%`,
			);
			for (const [index, job] of run.jobs.entries()) {
				expect(jsonRun.jobs[index]).toMatchObject({endMs: job.endMs, cpuMs: job.cpuMs, runnableMs: job.runnableMs});
				expect(text).toMatch(
					new RegExp(
						`${job.job} +${job.pid} +\\S+ +${job.startMs} +${job.endMs} +${job.turnaroundMs} +${job.cpuMs} +${job.runnableMs} `,
					),
				);
				expect(view).toContain(
					`${job.job} ${job.pid}  done ${job.endMs} ms  cpu ${job.cpuMs} ms  runnable ${job.runnableMs} ms`,
				);
			}

			if (run.load.state !== 'unknown') {
				expect(jsonRun.load).toMatchObject({otherMs: run.load.otherMs, otherPct: run.load.otherPct});
				expect(text).toContain(`${run.load.otherPct}% of CPU ${run.load.cpus.join(',')} (${run.load.otherMs} ms)`);
			}
		});
	}

	it("both languages: the chart's CPU-busy figure is the table's", () => {
		for (const [messages, busy] of [
			[englishExperiment, 'CPU busy'],
			[chineseExperiment, 'CPU 忙'],
		] as const) {
			for (const run of figures.runs) {
				const title = lineText(
					measuredChart(result[run.kind]!, run, {width: 80, color: false, ascii: false, messages})[0]!,
				);
				expect(title).toContain(`${busy} ${run.cpuBusyPct.toFixed(1)}%`);
				expect(title).toContain(`${run.makespanMs} ms`);
			}
		}
	});

	it("the tour's narration cites the same makespans and verdict (steps 6 and 8)", () => {
		const snapshot = new DashboardStore({ascii: false}).getSnapshot();
		const experiment = {phase: 'done', result} as const;
		const six = tourFigures({step: 'serial-concurrent', sessions: [], snapshot, experiment, now: 0});
		expect(six).toMatchObject({
			serialMs: figures.serial!.makespanMs,
			concurrentMs: figures.concurrent!.makespanMs,
			predictedSerialMs: figures.serial!.predictedMakespanMs,
			predictedConcurrentMs: figures.concurrent!.predictedMakespanMs,
			verdict: figures.verdict,
		});
		const eight = tourFigures({step: 'time-cpu', sessions: [], snapshot, experiment, now: 0});
		expect(eight).toMatchObject({
			verdict: figures.verdict,
			jobs: figures.serial!.jobs.map((job, index) => ({
				job: job.job,
				aloneMs: job.turnaroundMs,
				togetherMs: figures.concurrent!.jobs[index]!.turnaroundMs,
			})),
		});
	});

	it('the verdict is the same code in the JSON, and the same sentence in the text and the view', () => {
		expect(json['verdict']).toEqual(figures.verdict);
		const sentence = englishExperiment.verdict(figures.verdict);
		expect(text.replaceAll('\n', ' ')).toContain(sentence);
		expect(view.replaceAll('\n', ' ')).toContain(sentence);
	});

	it('labelled as recorded, with its date and machine, in the text, the view and the JSON', () => {
		const label = `saved ${recorded.savedAt} on ${recorded.hostname}`;
		const recordedText = experimentText(result, figures, {
			width: 80,
			wide: false,
			messages: englishExperiment,
			recorded,
		});
		expect(recordedText.join(' ')).toContain(label);
		expect(view.replaceAll('\n', ' ')).toContain(label);
		expect(json['recorded']).toMatchObject({savedAt: recorded.savedAt, hostname: recorded.hostname});
	});
});

describe('the text output fits 80 columns (issue 21)', () => {
	for (const [language, messages] of [
		['en', englishExperiment],
		['zh', chineseExperiment],
	] as const) {
		it(`${language}: every line at most 80 columns; --wide keeps every column`, () => {
			const lines = experimentText(result, figures, {width: 80, wide: false, messages, recorded});
			for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
			const wide = experimentText(result, figures, {width: Number.POSITIVE_INFINITY, wide: true, messages});
			expect(wide.join('\n')).toContain(messages.columns.turnaround);
			expect(wide.join('\n')).toContain(result.predicted.concurrent.model);
			expect(wide.some((line) => displayWidth(line) > 80)).toBe(true);
		});
	}

	it('zh: the words are Chinese (串行, 并发, 阻塞)', () => {
		const lines = experimentText(result, figures, {width: 80, wide: false, messages: chineseExperiment}).join('\n');
		for (const word of ['串行', '并发', '阻塞', '总用时', '时间片']) expect(lines).toContain(word);
		expect(lines).not.toMatch(/makespan|Serial|Concurrent|blocked/);
	});
});
