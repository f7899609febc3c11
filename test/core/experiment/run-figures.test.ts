import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {ExperimentResult} from '../../../source/core/experiment/experiment.js';
import {experimentFigures, minNoiseMs} from '../../../source/core/experiment/run-figures.js';
import type {RunResult} from '../../../source/core/experiment/types.js';
import type {CpuDisturbance} from '../../../source/core/procs/cpu-disturbance.js';
import {chineseExperiment, englishExperiment} from '../../../source/ui/i18n/experiment-messages.js';

const quiet = (otherMs = 0): CpuDisturbance => ({
	cpus: [1],
	windowMs: 3000,
	busyMs: 3000 * 0.5 + otherMs,
	demoMs: 1500,
	otherMs,
	otherPct: (100 * otherMs) / 3000,
	disturbed: false,
});

/** A run of `programs`, each job taking `cpuMs` of CPU, ending at `ends` (ms after the run's start). */
function run(
	kind: RunResult['kind'],
	programs: readonly string[],
	ends: readonly number[],
	cpuMs: number,
	disturbance: CpuDisturbance | null = quiet(),
): RunResult {
	const starts = ends.map((end, index) => (kind === 'serial' ? (index === 0 ? 0 : ends[index - 1]!) : 0));
	return {
		kind,
		makespanMs: Math.max(...ends),
		cpuBusyPct: 0,
		pinnedCpu: 1,
		disturbance,
		sampleMs: 100,
		samples: [],
		jobs: programs.map((program, index) => ({
			pid: 100 + index,
			program,
			startMs: starts[index]!,
			endMs: ends[index]!,
			turnaroundMs: ends[index]! - starts[index]!,
			cpuMs,
			runnableMs: 0,
			blockedMs: 0,
			voluntarySwitches: 0,
			involuntarySwitches: 0,
			runMs: cpuMs,
		})),
	};
}

const cpuPreset = ['c10', 'c10', 'c10'];
const ioPreset = ['c2,i,c2', 'c2,i,c2', 'c2,i,c2'];

function cpuResult(
	serialEnds: number[],
	concurrentEnds: number[],
	disturbance?: CpuDisturbance | null,
): ExperimentResult {
	return {
		plan: {
			jobs: cpuPreset.map((program) => ({program})),
			tickMs: 100,
			ioMs: 500,
			ioKind: 'echo',
			policy: 'normal',
			serial: true,
			concurrent: true,
		},
		serial: run('serial', cpuPreset, serialEnds, 1000, disturbance),
		concurrent: run('concurrent', cpuPreset, concurrentEnds, 1000, disturbance),
		predicted: {
			kind: 'time-slicing',
			serial: {makespanMs: 3000, jobs: [{endMs: 1000}, {endMs: 2000}, {endMs: 3000}], model: 'FIFO'},
			concurrent: {makespanMs: 3000, jobs: [{endMs: 2999}, {endMs: 3000}, {endMs: 3000}], model: 'RR slice 1.5 ms'},
		},
		pinnedCpu: 1,
		pinning: 'jobs pinned to CPU 1',
	};
}

function ioResult(serialEnds: number[], concurrentEnds: number[]): ExperimentResult {
	return {
		plan: {
			jobs: ioPreset.map((program) => ({program})),
			tickMs: 100,
			ioMs: 500,
			ioKind: 'echo',
			policy: 'normal',
			serial: true,
			concurrent: true,
		},
		serial: run('serial', ioPreset, serialEnds, 600),
		concurrent: run('concurrent', ioPreset, concurrentEnds, 600),
		predicted: {
			kind: 'sim',
			ioLength: 5,
			serial: {makespanMs: 3300, jobs: [{endMs: 1100}, {endMs: 2200}, {endMs: 3300}], model: 'sim SWITCH_ON_END'},
			concurrent: {makespanMs: 1800, jobs: [{endMs: 1400}, {endMs: 1600}, {endMs: 1800}], model: 'sim SWITCH_ON_IO'},
		},
		pinnedCpu: 1,
		pinning: 'jobs pinned to CPU 1',
	};
}

describe('the verdict, by rule', () => {
	it('seen in issue 20: a CPU-only run that came out 177 ms sooner concurrently does not credit IO', () => {
		// The serial run was slowed (its first job took 1177 ms alone): that is noise, not an overlap.
		const figures = experimentFigures(cpuResult([1177, 2177, 3177], [2998, 2999, 3000]));
		expect(figures.hasIo).toBe(false);
		expect(figures.verdict.code).toBe('no-clear-difference');
		expect(englishExperiment.verdict(figures.verdict)).not.toMatch(/\bIO\b/);
	});

	it('a CPU-only verdict never mentions IO, in either language, whatever the figures', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({min: 900, max: 1400}), {minLength: 3, maxLength: 3}),
				fc.integer({min: 2500, max: 4000}),
				(alone, together) => {
					const serialEnds = [alone[0]!, alone[0]! + alone[1]!, alone[0]! + alone[1]! + alone[2]!];
					const figures = experimentFigures(cpuResult(serialEnds, [together - 2, together - 1, together]));
					expect(['concurrent-sooner-io', 'concurrent-later-io']).not.toContain(figures.verdict.code);
					expect(englishExperiment.verdict(figures.verdict)).not.toMatch(/\bIO\b/);
					expect(chineseExperiment.verdict(figures.verdict)).not.toMatch(/IO/);
				},
			),
		);
	});

	it('a difference under the noise is no clear difference; the noise is at least three /proc ticks', () => {
		const figures = experimentFigures(cpuResult([1000, 2000, 3000], [2990, 2995, 3010]));
		expect(figures.noiseMs).toBe(minNoiseMs);
		expect(figures.verdict).toMatchObject({code: 'no-clear-difference', params: {diffMs: -10, prediction: 'agrees'}});
	});

	it('IO jobs that overlap: concurrent sooner, credited to the IO, as predicted', () => {
		const figures = experimentFigures(ioResult([1100, 2200, 3300], [1400, 1600, 1800]));
		expect(figures.verdict).toEqual({
			code: 'concurrent-sooner-io',
			params: {diffMs: 1500, noiseMs: minNoiseMs, predictedDiffMs: 1500, prediction: 'agrees'},
		});
		expect(englishExperiment.verdict(figures.verdict)).toContain('As predicted');
	});

	it('a disturbed run draws no verdict and says which CPU, how much and what it means', () => {
		const busy: CpuDisturbance = {...quiet(930), disturbed: true};
		const figures = experimentFigures(cpuResult([1000, 2000, 3000], [2000, 2500, 2600], busy));
		expect(figures.verdict).toEqual({
			code: 'disturbed',
			params: {run: 'serial', cpus: [1], otherMs: 930, otherPct: 31},
		});
		expect(englishExperiment.verdict(figures.verdict)).toBe(
			"Other programs took 31% of CPU 1 (930 ms) during the serial run: its times are not the lesson's; no verdict.",
		);
		expect(chineseExperiment.verdict(figures.verdict)).toContain('不下结论');
	});

	it('no meter: the load is unknown, and said so', () => {
		const figures = experimentFigures(cpuResult([1000, 2000, 3000], [3000, 3000, 3000], null));
		expect(figures.serial!.load).toEqual({state: 'unknown'});
		expect(englishExperiment.load('serial', figures.serial!.load)).toContain('load is unknown');
	});
});

describe('the figures', () => {
	it('makespan = last end - first start of that run; every figure rounded once', () => {
		const result = ioResult([1100.4, 2200.6, 3300.5], [1400.2, 1600.7, 1800.49]);
		const figures = experimentFigures(result);
		expect(figures.serial!.makespanMs).toBe(3301);
		expect(figures.concurrent!.makespanMs).toBe(1800);
		expect(figures.concurrent!.jobs.map((job) => job.endMs)).toEqual([1400, 1601, 1800]);
		expect(figures.serial!.cpuBusyPct).toBe(Math.round((1000 * 1800) / 3300.5) / 10);
		expect(figures.concurrent!.ratio).toBe(1);
	});
});
