import fc from 'fast-check';
import {render as renderInk} from 'ink-testing-library';
import {beforeAll, describe, expect, it} from 'vitest';
import {DashboardStore} from '../../source/core/dashboard/dashboard-store.js';
import type {TourDirector, TourState} from '../../source/core/tour/tour-director.js';
import {tourSteps} from '../../source/core/tour/tour-steps.js';
import {messagesEn} from '../../source/ui/i18n/messages-en.js';
import {messagesZh} from '../../source/ui/i18n/messages-zh.js';
import {MessagesContext} from '../../source/ui/i18n/use-messages.js';
import {createTheme, ThemeContext} from '../../source/ui/theme.js';
import {stripPageMs} from '../../source/ui/tour/strip-pages.js';
import {HeldFigures, SpokenPid} from '../../source/ui/tour/tour-host.js';
import {TourStrip, tourStripHeight} from '../../source/ui/tour/tour-strip.js';
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

/** The tour's strip alone, on step `index`, shown `page` pages after the step began (a fixed clock). */
function stripFrames(
	index: number,
	columns: number,
	rows: number,
	language: 'en' | 'zh',
	ascii: boolean,
	busy: boolean,
) {
	const store = new DashboardStore({serverPid: 4242, ascii});
	for (const event of [...standardEvents(), ...stripEvents]) store.apply(event);
	store.flush();
	const frames: string[] = [];
	for (let page = 0; page < 8; page++) {
		const state: TourState = {
			active: false,
			index,
			busy,
			sessions: [1, 2],
			since: Date.now() - page * stripPageMs - stripPageMs / 2,
		};
		const director = {steps: tourSteps, subscribe: () => () => {}, getSnapshot: () => state} as unknown as TourDirector;
		const instance = renderInk(
			<ThemeContext.Provider value={createTheme({color: false, ascii})}>
				<MessagesContext.Provider value={language === 'zh' ? messagesZh : messagesEn}>
					<TourStrip
						tour={{director, spoken: new SpokenPid(), held: new HeldFigures()}}
						snapshot={store.getSnapshot()}
						width={columns}
						height={tourStripHeight(rows)}
					/>
				</MessagesContext.Provider>
			</ThemeContext.Provider>,
		);
		const frame = instance.lastFrame() ?? '';
		instance.unmount();
		// The pages go round: back at the first, every page has been seen.
		if (page > 0 && frame === frames[0]) break;
		frames.push(frame);
	}

	return frames;
}

/** Memory for step 9 (the server and two sessions, as the fixture's panes name them). */
const stripEvents: StoreEvent[] = [
	{
		type: 'demo-memory',
		view: {
			rssBytes: 150e6,
			pssBytes: 58e6,
			sharedBytes: 92e6,
			processes: 3,
			pssMissing: 0,
			each: [
				{pid: 4242, rssBytes: 60e6, pssBytes: 24e6},
				{pid: 1001, rssBytes: 45e6, pssBytes: 17e6},
				{pid: 1002, rssBytes: 45e6, pssBytes: 17e6},
			],
		},
	},
];

/** The narration's text lines (between the header and the legend), markers and page breaks taken out. */
function narrationText(frames: string[], rows: number): string {
	const legend = tourStripHeight(rows) >= 3;
	return frames
		.flatMap((frame) => {
			const lines = frame.split('\n').slice(1);
			return legend ? lines.slice(0, -1) : lines;
		})
		.map((line) =>
			line
				.trim()
				.replace(/^(?:…|>) /u, '')
				.replace(/ (?:…|>)$/u, ''),
		)
		.join(' ');
}

describe('the tour strip: no word cut and no sentence left out, every step, at any size, in either language', () => {
	it.each(tourSteps.map((step, index) => [index + 1, step.id] as const))('step %i (%s)', async (step) => {
		await fc.assert(
			fc.asyncProperty(
				fc.integer({min: 60, max: 240}),
				fc.integer({min: 16, max: 70}),
				fc.constantFrom<'en' | 'zh'>('en', 'zh'),
				fc.boolean(),
				fc.boolean(),
				async (columns, rows, language, ascii, busy) => {
					const frames = stripFrames(step - 1, columns, rows, language, ascii, busy);
					for (const frame of frames) expect(cutsIn(frame, columns), frame).toEqual([]);
					// What to look at is always shown, on a page of its own when it does not fit beside the figures.
					const messages = language === 'zh' ? messagesZh : messagesEn;
					const look = messages.tour.look[tourSteps[step - 1]!.id];
					const squash = (text: string) => text.replace(/\s+/gu, '');
					expect(squash(narrationText(frames, rows)), frames.join('\n---\n')).toContain(squash(look));
				},
			),
			{numRuns: 25},
		);
	});
});

describe('the tour strip at 80x24 (a 2-row narration)', () => {
	it.each<'en' | 'zh'>(['en', 'zh'])("step 9 (%s) says each lane's memory and then what to look at", (language) => {
		const frames = stripFrames(8, 80, 24, language, false, false);
		const messages = language === 'zh' ? messagesZh : messagesEn;
		const text = narrationText(frames, 24).replace(/\s+/gu, '');
		expect(text, frames.join('\n---\n')).toContain(messages.tour.look.space.replace(/\s+/gu, ''));
		expect(text).toContain('24MB');
		for (const frame of frames) expect(cutsIn(frame, 80), frame).toEqual([]);
	});
});
