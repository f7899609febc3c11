import {describe, expect, it} from 'vitest';
import type {ExperimentResult} from '../../../../source/core/experiment/experiment.js';
import type {RunResult} from '../../../../source/core/experiment/types.js';
import {lineText} from '../../../../source/ui/segments.js';
import {buildExperimentLines} from '../../../../source/ui/panes/experiment/experiment-lines.js';
import type {ExperimentLauncher} from '../../../../source/core/experiment/dashboard-launcher.js';
import {ExperimentViewStore} from '../../../../source/ui/panes/experiment/experiment-view.js';

function run(kind: RunResult['kind'], makespanMs: number): RunResult {
	return {
		kind,
		makespanMs,
		cpuBusyPct: 60,
		pinnedCpu: 1,
		disturbance: null,
		sampleMs: 100,
		samples: [
			{atMs: 100, jobs: [{runMs: 90, waitMs: 0}, 'not-started']},
			{atMs: 200, jobs: ['done', {runMs: 0, waitMs: 0}]},
		],
		jobs: [0, 1].map((index) => ({
			pid: 100 + index,
			program: 'c2,i,c2',
			startMs: 0,
			endMs: makespanMs - 10 * index,
			turnaroundMs: kind === 'serial' ? makespanMs / 2 : makespanMs,
			cpuMs: 600,
			runnableMs: 40,
			blockedMs: 500,
			voluntarySwitches: 3,
			involuntarySwitches: 100 + index,
			runMs: 600,
		})),
	};
}

function fakeLauncher() {
	const calls: string[] = [];
	let settle!: {resolve: (result: ExperimentResult) => void; reject: (error: Error) => void};
	const launcher: ExperimentLauncher = {
		ioNote: 'IO = a test.',
		start(preset, onJobs) {
			calls.push(`start ${preset}`);
			const result = new Promise<ExperimentResult>((resolve, reject) => {
				settle = {resolve, reject};
			});
			queueMicrotask(() => onJobs('serial', [100, 101]));
			return {result, stop: () => calls.push('stop')};
		},
		killNow: () => calls.push('kill'),
	};
	return {launcher, calls, settle: () => settle};
}

const options = {width: 90, height: 40, ascii: false, color: false, now: 2500, ioNote: 'IO = a test.'};
const texts = (store: ExperimentViewStore) =>
	buildExperimentLines(store.getSnapshot(), options).map((line) => lineText(line));

describe('the experiment view', () => {
	it('idle: says what a run does; p switches the preset; Enter starts one run at a time; x stops it', async () => {
		const {launcher, calls, settle} = fakeLauncher();
		const store = new ExperimentViewStore(launcher);
		expect(texts(store)[0]).toBe('Experiment (io preset): c2,i,c2  c2,i,c2  c2,i,c2');
		expect(texts(store).join(' ')).toContain('IO = a test.');
		store.dispatch({type: 'exp-next-preset'});
		expect(texts(store)[0]).toBe('Experiment (cpu preset): c10  c10  c10');
		store.dispatch({type: 'exp-run'});
		store.dispatch({type: 'exp-run'});
		store.dispatch({type: 'exp-next-preset'});
		expect(calls).toEqual(['start cpu']);
		await Promise.resolve();
		const since = (store.getSnapshot() as {since: number}).since;
		expect(
			buildExperimentLines(store.getSnapshot(), {...options, now: since + 2500}).map((line) => lineText(line)),
		).toContain('serial run: jobs 100, 101  2.5 s');
		store.dispatch({type: 'exp-stop'});
		expect(calls).toEqual(['start cpu', 'stop']);
		settle().reject(new Error('the experiment was stopped'));
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(texts(store)).toContain('the experiment failed: the experiment was stopped');
	});

	it('done: each run against the prediction, every job with its switches, the lesson, and the measured chart', async () => {
		const {launcher, settle} = fakeLauncher();
		const store = new ExperimentViewStore(launcher);
		store.dispatch({type: 'exp-run'});
		settle().resolve({
			plan: {
				jobs: [{program: 'c2,i,c2'}, {program: 'c2,i,c2'}],
				tickMs: 100,
				ioMs: 500,
				ioKind: 'echo',
				policy: 'normal',
				serial: true,
				concurrent: true,
			},
			serial: run('serial', 2200),
			concurrent: run('concurrent', 1500),
			predicted: {
				kind: 'sim',
				serial: {makespanMs: 2200, jobs: [{endMs: 1100}, {endMs: 2200}], model: 'sim SWITCH_ON_END'},
				concurrent: {makespanMs: 1200, jobs: [], model: 'sim SWITCH_ON_IO'},
			},
			pinnedCpu: 1,
			pinning: 'jobs pinned to CPU 1',
		});
		await new Promise((resolve) => setTimeout(resolve, 0));
		const lines = texts(store);
		expect(lines).toContain('serial: makespan 2200 ms, predicted 2200 ms (1.00x), CPU busy 54.5%');
		expect(lines).toContain('concurrent: makespan 1500 ms, predicted 1200 ms (1.25x), CPU busy 80.0%');
		expect(lines).toContain('  P1 101  done 2190 ms  cpu 600 ms  runnable 40 ms  gave up 3  taken 101');
		expect(lines.join(' ')).toContain('Concurrent finished 700 ms sooner: while one job waited for its IO');
		// No meter here: the load is unknown, and the view says so.
		expect(lines.join(' ')).toContain("serial run: the machine's load is unknown");
		expect(lines.some((line) => line.startsWith('Serial, measured'))).toBe(true);
		for (const line of buildExperimentLines(store.getSnapshot(), {...options, width: 40, height: 12}))
			expect([...lineText(line)].length).toBeLessThanOrEqual(40);
	});
});
