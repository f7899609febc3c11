import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {parseRecording} from '../../../source/core/experiment/recording.js';
import {experimentFigures} from '../../../source/core/experiment/run-figures.js';
import {DashboardStore} from '../../../source/core/dashboard/dashboard-store.js';
import {tourFigures} from '../../../source/core/tour/tour-figures.js';
import {narrate} from '../../../source/ui/tour/narration.js';
import {englishExperiment} from '../../../source/ui/i18n/experiment-messages.js';
import {englishTour} from '../../../source/ui/tour/tour-messages.js';

// One recorded run (the io preset), as `--save` wrote it.
const recorded = parseRecording(
	readFileSync(new URL('../../fixtures/experiment/recorded-io.json', import.meta.url), 'utf8'),
);
const {result} = recorded;
const snapshot = new DashboardStore({ascii: false}).getSnapshot();
const options = {messages: englishTour, markOf: () => undefined, ascii: false, view: 'experiment' as const};

describe('tour steps 6 and 8 from a finished experiment: verdict, load, recording', () => {
	it('a recorded run is labelled as recorded, with its date and machine, then its verdict', () => {
		for (const step of ['serial-concurrent', 'time-cpu'] as const) {
			const figures = tourFigures({
				step,
				sessions: [],
				snapshot,
				experiment: {phase: 'done', result, recorded},
				now: 0,
			});
			expect(figures).toMatchObject({recorded: {savedAt: recorded.savedAt, hostname: recorded.hostname}});
			const said = narrate(figures, options).said;
			expect(said).toMatch(new RegExp(`^Recorded run \\(saved ${recorded.savedAt} on ${recorded.hostname}\\)\\. `));
			const {verdict} = experimentFigures(result);
			if (verdict.code === 'disturbed') expect(said).toContain('no conclusion is drawn');
			else expect(said).toContain(englishTour.verdict(verdict));
		}
	});

	it('a run measured live is not labelled as recorded', () => {
		const figures = tourFigures({
			step: 'serial-concurrent',
			sessions: [],
			snapshot,
			experiment: {phase: 'done', result},
			now: 0,
		});
		expect(figures).not.toHaveProperty('recorded');
		expect(narrate(figures, options).said).not.toMatch(/Recorded/);
	});

	it('a run whose load could not be measured says so', () => {
		const unknown = {
			...result,
			serial: {...result.serial!, disturbance: null},
			concurrent: {...result.concurrent!, disturbance: null},
		};
		const figures = tourFigures({
			step: 'serial-concurrent',
			sessions: [],
			snapshot,
			experiment: {phase: 'done', result: unknown},
			now: 0,
		});
		expect(figures).toMatchObject({loadUnknown: true});
		expect(narrate(figures, options).said).toContain(englishTour.loadUnknown);
		// The experiment view says the same of each run.
		expect(englishExperiment.load('serial', {state: 'unknown'})).toMatch(/unknown/);
	});

	it('a disturbed run: the step says which CPU and how much, and no verdict', () => {
		const disturbance = {
			cpus: [1],
			windowMs: 3000,
			busyMs: 2000,
			demoMs: 1070,
			otherMs: 930,
			otherPct: 31,
			disturbed: true,
		};
		const busy = {...result, serial: {...result.serial!, disturbance}};
		for (const step of ['serial-concurrent', 'time-cpu'] as const) {
			const figures = tourFigures({step, sessions: [], snapshot, experiment: {phase: 'done', result: busy}, now: 0});
			expect(narrate(figures, options).said).toBe(
				"Other programs took 31% of CPU 1 (930 ms) during the serial run: these times are not the lesson's, so no conclusion is drawn.",
			);
		}
	});
});
