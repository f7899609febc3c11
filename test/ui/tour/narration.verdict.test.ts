import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import type {Verdict} from '../../../source/core/experiment/run-figures.js';
import type {TourFigures} from '../../../source/core/tour/tour-figures.js';
import {narrate} from '../../../source/ui/tour/narration.js';
import {chineseTour, englishTour, type TourMessages} from '../../../source/ui/tour/tour-messages.js';
import {wrapWords} from '../../../source/ui/wrap-words.js';

const options = {markOf: () => undefined, ascii: false, view: 'experiment' as const};
const said = (figures: TourFigures, messages: TourMessages = englishTour) =>
	narrate(figures, {...options, messages}).said;

const params = (diffMs: number, predictedDiffMs: number, prediction: 'agrees' | 'disagrees' = 'agrees') => ({
	diffMs,
	noiseMs: 40,
	predictedDiffMs,
	prediction,
});

/** Step 8: the cpu preset (c10 c10 c10), no IO. */
const eight = (verdict: Verdict, extra: Partial<Extract<TourFigures, {step: 'time-cpu'}>> = {}): TourFigures => ({
	step: 'time-cpu',
	involuntaryLastSecond: 0,
	jobs: [{job: 'P0', aloneMs: 1010, togetherMs: 3035}],
	verdict,
	...extra,
});

/** Step 6: the io preset. */
const six = (
	verdict: Verdict,
	extra: Partial<Extract<TourFigures, {step: 'serial-concurrent'}>> = {},
): TourFigures => ({
	step: 'serial-concurrent',
	serialMs: 3300,
	concurrentMs: 2300,
	predictedSerialMs: 3300,
	predictedConcurrentMs: 1800,
	verdict,
	...extra,
});

const disturbed: Verdict = {code: 'disturbed', params: {run: 'serial', cpus: [1], otherMs: 930, otherPct: 31}};

describe('tour narration of steps 6 and 8: the sentence comes from the verdict', () => {
	it('step 8 (CPU-only) never credits IO, whatever ended first', () => {
		for (const messages of [englishTour, chineseTour]) {
			for (const verdict of [
				{code: 'concurrent-sooner-no-io', params: params(177, -30, 'disagrees')},
				{code: 'concurrent-later-no-io', params: params(-60, -30)},
				{code: 'no-clear-difference', params: params(20, -30)},
			] as Verdict[]) {
				const text = said(eight(verdict), messages);
				expect(text).not.toMatch(/waits? for (its )?IO|another computes|等 IO 时|等 IO（阻塞）时/);
			}
		}

		expect(said(eight({code: 'concurrent-sooner-no-io', params: params(177, -30, 'disagrees')}))).toBe(
			'P0 took 1010 ms alone and 3035 ms together: later than alone. Concurrent ended 177 ms sooner, though no job does IO: not from overlap, something slowed the serial run; not as predicted (predicted 30 ms later).',
		);
		expect(said(eight({code: 'concurrent-later-no-io', params: params(-60, -30)}))).toBe(
			'P0 took 1010 ms alone and 3035 ms together: later than alone. Concurrent ended 60 ms later: with no IO to wait for, sharing the CPU only adds switches; as predicted.',
		);
	});

	it('each verdict code has its own sentence, with how it compares with the prediction (en, zh)', () => {
		const cases: Array<[Verdict, string, string]> = [
			[
				{code: 'concurrent-sooner-io', params: params(1000, 1500)},
				'Serial took 3300 ms, concurrent 2300 ms (predicted 3300 ms and 1800 ms). Concurrent ended 1000 ms sooner: while one job waited for IO, another computed; as predicted.',
				'串行用时 3300 ms，并发 2300 ms（预测 3300 ms 和 1800 ms）。并发早结束 1000 ms：一个作业阻塞于 IO 时，另一个在计算；与预测一致。',
			],
			[
				{code: 'concurrent-later-io', params: params(-100, 1500, 'disagrees')},
				'Serial took 3300 ms, concurrent 2300 ms (predicted 3300 ms and 1800 ms). Concurrent ended 100 ms later: switching cost more than overlapping IO gained; not as predicted (predicted 1500 ms sooner).',
				'串行用时 3300 ms，并发 2300 ms（预测 3300 ms 和 1800 ms）。并发晚结束 100 ms：切换的代价超过了重叠 IO 的收益；与预测不符（预测早 1500 ms）。',
			],
			[
				{code: 'no-clear-difference', params: params(-20, 1500, 'disagrees')},
				"Serial took 3300 ms, concurrent 2300 ms (predicted 3300 ms and 1800 ms). No clear difference: 20 ms apart, within this run's noise (40 ms); not as predicted (predicted 1500 ms sooner).",
				'串行用时 3300 ms，并发 2300 ms（预测 3300 ms 和 1800 ms）。没有明显差别：相差 20 ms，在本次运行的噪声（40 ms）之内；与预测不符（预测早 1500 ms）。',
			],
		];
		for (const [verdict, english, chinese] of cases) {
			expect(said(six(verdict))).toBe(english);
			expect(said(six(verdict), chineseTour)).toBe(chinese);
		}

		expect(said(six({code: 'one-run', params: {run: 'serial', ratio: 1.02, noiseMs: 40, prediction: 'agrees'}}))).toBe(
			'Serial took 3300 ms, concurrent 2300 ms (predicted 3300 ms and 1800 ms). Only the serial run finished (1.02x the prediction); as predicted.',
		);
	});

	it('a disturbed run says so in words (which CPU, how much) instead of a verdict', () => {
		for (const figures of [
			six(disturbed),
			eight(disturbed),
			eight(disturbed, {jobs: [{job: 'P0', aloneMs: 1010}]}),
			{step: 'serial-concurrent', serialMs: 3300, verdict: disturbed} as TourFigures,
		]) {
			expect(said(figures)).toBe(
				"Other programs took 31% of CPU 1 (930 ms) during the serial run: these times are not the lesson's, so no conclusion is drawn.",
			);
			expect(said(figures, chineseTour)).toBe(
				'串行运行期间，其他程序占用了 CPU 1 的 31%（930 ms）：这些时间不是本课要看的，不下结论。',
			);
		}
	});

	it('an unknown load is said; a recorded run is labelled as recorded', () => {
		const verdict: Verdict = {code: 'concurrent-sooner-io', params: params(1000, 1500)};
		expect(said(six(verdict, {loadUnknown: true}))).toMatch(
			/^Serial took .*as predicted\. The machine's load is unknown \(\/proc\/stat unreadable\): other programs may be in these times\.$/,
		);
		expect(said(six(verdict, {loadUnknown: true}), chineseTour)).toMatch(/机器负载未知/);
		const recorded = {savedAt: '2026-12-06 00:59 UTC', hostname: 'vm'};
		expect(said(six(verdict, {recorded}))).toMatch(/^Recorded run \(saved 2026-12-06 00:59 UTC on vm\)\. Serial took/);
		expect(said(eight(disturbed, {recorded}), chineseTour)).toMatch(
			/^录制的运行（2026-12-06 00:59 UTC 保存于 vm）。串行运行期间/,
		);
	});

	it('fits the strip at 80 columns (two rows), wrapped at words', () => {
		const worst: TourFigures[] = [
			eight({code: 'concurrent-sooner-no-io', params: params(1177, -1030, 'disagrees')}),
			six({code: 'concurrent-later-io', params: params(-1100, 1500, 'disagrees')}),
			six(disturbed),
		];
		for (const messages of [englishTour, chineseTour]) {
			for (const figures of worst) {
				const lines = wrapWords(said(figures, messages), 79);
				expect(lines.length).toBeLessThanOrEqual(3);
				for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(79);
			}
		}
	});

	it('step 7 says the live timeline is disturbed instead of drawing its conclusion (en, zh)', () => {
		const seven: TourFigures = {
			step: 'time-io',
			cpu: 1,
			disturbed: {cpus: [{cpu: 1, pct: 42}], seconds: 5},
			waiting: {session: 2, pid: 102, waitedMs: 412, ran: [{name: '#3', ms: 300}], othersMs: 100},
		};
		expect(said(seven)).toBe(
			'Other programs took 42% of CPU 1 in the last 5 s: the lanes show less than the demo would get alone, so no conclusion now.',
		);
		expect(said(seven, chineseTour)).toBe(
			'最近 5 秒其他程序占用了 CPU 1 的 42%：时间线显示的比演示单独运行时少，现在不下结论。',
		);
		const {disturbed: _, ...quiet} = seven;
		expect(said(quiet)).toMatch(/^#2 has waited 412 ms/);
	});
});
