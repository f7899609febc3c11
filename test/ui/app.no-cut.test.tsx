import fc from 'fast-check';
import {beforeAll, describe, expect, it} from 'vitest';
import type {ExperimentLauncher} from '../../source/core/experiment/dashboard-launcher.js';
import type {ExperimentResult} from '../../source/core/experiment/experiment.js';
import {parseSimSpec} from '../../source/core/ostep/process-run/sim-spec.js';
import type {StoreEvent} from '../../source/core/dashboard/store-event.js';
import {createExperimentHostedPane} from '../../source/ui/panes/experiment/experiment-host.js';
import {createLiveTimelineHostedPane} from '../../source/ui/panes/live-timeline/live-timeline-host.js';
import {createSchedHostedPane} from '../../source/ui/panes/sched/sched-host.js';
import {createSimHostedPane} from '../../source/ui/panes/sim/sim-host.js';
import {keys, renderDashboardApp, replied, sent, standardEvents} from './helpers/dashboard-fixture.js';
import {liveSampler} from './helpers/live-sampler.js';
import {knownWords, wordCuts} from './helpers/word-cuts.js';

// Issue 21: no word cut, at any size, in either language: every line fits, wraps at a word (Chinese: at a
// character) or is shortened with the marker; no two fields touch.

const events = (): StoreEvent[] => [
	...standardEvents(),
	sent(1, 'hello world'),
	replied(1, 'HELLO WORLD', 0.4),
	{type: 'notice', level: 'info', notice: {code: 'oneCpuOn', params: {cpu: 1}}},
	{
		type: 'session',
		event: {
			type: 'session-report',
			sessionId: 2,
			report: {
				type: 'error',
				message: 'message too large for one UDP datagram (70000 bytes, at most 65507)',
				problem: {code: 'tooLarge', bytes: 70_000, max: 65_507},
			},
		},
	},
	{
		type: 'demo-memory',
		view: {rssBytes: 150e6, pssBytes: 58e6, sharedBytes: 92e6, processes: 3, pssMissing: 0, each: []},
	},
];

/** An experiment that never ends: the view shows its idle page and then its running page. */
const launcher: ExperimentLauncher = {
	ioNote: 'IO = echo round trip',
	start(_preset, onJobs) {
		queueMicrotask(() => onJobs('serial', [100, 101]));
		return {result: new Promise<ExperimentResult>(() => {}), stop() {}};
	},
	killNow() {},
};

type Scene = 'live' | 'sim' | 'sched' | 'experiment' | 'help' | 'zoom';
let known: Set<string>;

beforeAll(() => {
	// The fixture's own words: its payloads, lane labels and the experiment's note.
	known = knownWords([
		'hello world',
		'dashboard (this UI) server',
		'echo round trip',
		'Backspace Delete PageUp PageDown',
		'sched overlap',
	]);
});

/** The frame of one scene; the dashboard and its sampler are gone before it returns (nothing outlives a run). */
async function render(
	scene: Scene,
	columns: number,
	rows: number,
	language: 'en' | 'zh',
	ascii: boolean,
	knob: number,
): Promise<string> {
	const sampler = await liveSampler();
	let fixture: ReturnType<typeof renderDashboardApp> | undefined;
	try {
		fixture = renderDashboardApp({
			events: events(),
			language,
			ascii,
			columns,
			rows,
			initialView: scene === 'sim' || scene === 'sched' || scene === 'experiment' ? scene : 'live',
			timeline: {
				live: createLiveTimelineHostedPane(sampler),
				sim: createSimHostedPane(parseSimSpec('-l 3:100,3:100')),
				sched: createSchedHostedPane(),
				experiment: createExperimentHostedPane(launcher),
			},
		});
		if (scene === 'sim') for (let index = 0; index < knob % 5; index++) await fixture.press('p');
		if (scene === 'experiment' && knob % 2 === 1) await fixture.press(keys.tab, keys.tab, keys.enter);
		if (scene === 'help') {
			await fixture.press('?');
			for (let index = 0; index < knob % 5; index++) await fixture.press('\u001B[6~');
		}

		if (scene === 'zoom') {
			for (let index = 0; index < knob % 4; index++) await fixture.press(keys.tab);
			await fixture.press('z');
		}

		return fixture.frame();
	} finally {
		fixture?.cleanup();
		sampler.close();
	}
}

function cutsIn(frame: string, columns: number): string[] {
	return frame.split('\n').flatMap((line) => wordCuts(line, columns, known));
}

const scenes: Scene[] = ['live', 'sim', 'sched', 'experiment', 'help', 'zoom'];

// One test per scene and language (13 sizes each, 26 per scene): a full dashboard render per size is heavy on a
// busy machine, and 25 sizes in both languages in one test ran past the test timeout there.
describe('no word is cut, at any size, in either language (property)', () => {
	it.each(scenes.flatMap((scene) => (['en', 'zh'] as const).map((language) => [scene, language] as const)))(
		'%s in %s',
		async (scene, language) => {
			await fc.assert(
				fc.asyncProperty(
					fc.integer({min: 60, max: 240}),
					fc.integer({min: 16, max: 70}),
					fc.boolean(),
					fc.nat({max: 40}),
					async (columns, rows, ascii, knob) => {
						const frame = await render(scene, columns, rows, language, ascii, knob);
						expect(cutsIn(frame, columns), frame).toEqual([]);
					},
				),
				{numRuns: 13},
			);
		},
	);
});
