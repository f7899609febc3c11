import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {ProcessSampler} from '../../../../source/core/procs/sampler.js';
import type {TimelineSnapshot} from '../../../../source/core/procs/types.js';
import {paneMessagesEn} from '../../../../source/ui/i18n/pane-messages-en.js';
import {paneMessagesZh} from '../../../../source/ui/i18n/pane-messages-zh.js';
import {buildTimelineLines, lineText} from '../../../../source/ui/panes/live-timeline/timeline-lines.js';
import {FakeSource, FakeTimers} from '../../../core/procs/fake-source.js';

const tickNs = 100e6;

/** 5 s of a demo process on CPU 1 beside other programs that keep the core `othersShare` busy. */
async function recorded(othersShare: number): Promise<TimelineSnapshot> {
	const source = new FakeSource({coreCount: 2});
	const timers = new FakeTimers();
	const sampler = new ProcessSampler({source, timers, intervalMs: 100, columns: 600});
	source.advance(4242, {});
	source.cores = [0, 1].map((cpu) => ({cpu, busyNs: 0, totalNs: 0}));
	sampler.watch(4242, 'server');
	let busy = 0;
	for (let tick = 0; tick < 51; tick++) {
		source.advance(4242, {runNs: 0.2 * tickNs, cpu: 1, state: 'R'});
		busy += (0.2 + othersShare) * tickNs;
		source.cores = [
			{cpu: 0, busyNs: 0, totalNs: 0},
			{cpu: 1, busyNs: busy, totalNs: 0},
		];
		timers.time += 100;
		await sampler.sampleNow();
	}

	return sampler.snapshot();
}

const options = {width: 80, height: 12, ascii: false, color: false, focused: false, demoCpu: 1};

describe('the live timeline says when other programs disturb it', () => {
	it('one sentence in words, wrapped at words to 80 columns (en, zh)', async () => {
		const snapshot = await recorded(0.42);
		const english = buildTimelineLines(snapshot, {...options, words: paneMessagesEn.timeline}).map(lineText);
		const first = english.findIndex((line) => line.startsWith('other programs'));
		const said = english.slice(first, first + 2);
		expect(said.join(' ')).toBe(
			'other programs took 42% of CPU 1 in the last 5 s: the lanes show less than the demo would get alone',
		);
		for (const line of said) expect(stringWidth(line)).toBeLessThanOrEqual(80);
		const chinese = buildTimelineLines(snapshot, {...options, words: paneMessagesZh.timeline}).map(lineText);
		expect(chinese.join('')).toContain('最近 5 秒其他程序占用了 CPU 1 的 42%');
		for (const line of chinese) expect(stringWidth(line)).toBeLessThanOrEqual(80);
	});

	it('says nothing under the threshold, nor about a CPU the demo is not on', async () => {
		const quiet = buildTimelineLines(await recorded(0.05), options).map(lineText);
		expect(quiet.join(' ')).not.toMatch(/other programs took/);
		const elsewhere = buildTimelineLines(await recorded(0.42), {...options, demoCpu: 0}).map(lineText);
		expect(elsewhere.join(' ')).not.toMatch(/other programs took/);
	});
});
