import {afterEach, describe, expect, it} from 'vitest';
import type {ProcessSampler} from '../../source/core/procs/sampler.js';
import {createLiveTimelineHostedPane} from '../../source/ui/panes/live-timeline/live-timeline-host.js';
import {liveSampler} from './helpers/live-sampler.js';
import {renderDashboardApp, replied, sent, standardEvents} from './helpers/dashboard-fixture.js';

type Fixture = ReturnType<typeof renderDashboardApp>;
let fixture: Fixture | undefined;
let sampler: ProcessSampler | undefined;
afterEach(() => {
	fixture?.cleanup();
	fixture = undefined;
	sampler?.close();
	sampler = undefined;
});

/** The row of the frame where the session panes' top border starts (the line holding `#2 UDP`). */
function sessionsTop(frame: string): number {
	return frame.split('\n').findIndex((line) => line.includes('#2 UDP pid 1002'));
}

const words = {
	en: {
		legend: 'measured: █ run',
		reasons: ['preempted: time slice used up', 'blocked: waiting for IO'],
		ran: 'mostly asleep',
	},
	zh: {legend: '实测: █ 运行', reasons: ['被抢占: 时间片用完', '阻塞: 等待 IO'], ran: '多数阻塞'},
} as const;

describe('at 80x24 session panes with an empty conversation give their rows to the timeline (issue 21)', () => {
	it.each(['en', 'zh'] as const)('%s: the live legend and the switch reasons fit without zoom', async (language) => {
		sampler = await liveSampler();
		fixture = renderDashboardApp({
			language,
			columns: 80,
			rows: 24,
			initialView: 'live',
			timeline: {live: createLiveTimelineHostedPane(sampler)},
		});
		const frame = fixture.frame();
		expect(frame).toContain(words[language].legend);
		for (const reason of words[language].reasons) expect(frame).toContain(reason);
		expect(frame).toContain(words[language].ran);
		// Frame, state, address, input line: five rows; the status bar below them.
		const lines = frame.split('\n');
		expect(lines.length - sessionsTop(frame), frame).toBe(6);
	});

	it.each(['en', 'zh'] as const)(
		'%s: once a conversation starts the sessions take their usual share back',
		async (language) => {
			sampler = await liveSampler();
			fixture = renderDashboardApp({
				language,
				columns: 80,
				rows: 24,
				initialView: 'live',
				events: [...standardEvents(), sent(1, 'hello'), replied(1, 'HELLO', 0.4)],
				timeline: {live: createLiveTimelineHostedPane(sampler)},
			});
			const frame = fixture.frame();
			expect(frame).toContain('HELLO');
			expect(frame.split('\n').length - sessionsTop(frame), frame).toBeGreaterThan(6);
		},
	);
});
