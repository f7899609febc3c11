import {describe, expect, it} from 'vitest';
import {displayWidth} from '../../../../source/core/text/display-width.js';
import {messagesFor} from '../../../../source/ui/i18n/catalogues.js';
import {buildTimelineLines, lineText} from '../../../../source/ui/panes/live-timeline/timeline-lines.js';
import {englishOn} from '../../helpers/english-words.js';
import {sampleSnapshot} from './fixture.js';

const zh = messagesFor('zh').timeline;

describe('the live timeline in Chinese', () => {
	it.each([60, 80, 100, 140])('at %i columns: lines fit, no English word, the core rows end whole', async (width) => {
		const snapshot = await sampleSnapshot({serverLabel: 'server'});
		const lines = buildTimelineLines(snapshot, {
			width,
			height: 30,
			ascii: false,
			color: false,
			focused: true,
			words: zh,
		}).map((line) => lineText(line));
		const text = lines.join('\n');
		for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
		expect(englishOn(text), text).toEqual([]);
		expect(text).toContain('A 服务端 4242');
		expect(text).toContain('实测: ');
		// Who has a core now: the whole phrase, or its short form, never cut.
		for (const line of lines.filter((candidate) => candidate.startsWith('cpu') && candidate.includes('现在')))
			expect(line, line).toMatch(/现在: (?:[A-Z] \(PID \d+\)|[A-Z]|空闲|其他(?:进程)?)$/u);
		expect(text).not.toMatch(/其$/mu);
		// The header's fields come whole or not at all.
		expect(lines[0]).toMatch(/(?:每列 100 ms|显示 [\d.]+ 秒|速度)$/u);
		// The phase a lane says it is in: a whole word.
		for (const line of lines.filter((candidate) => candidate.trimStart().startsWith('↳ 自报')))
			expect(line, line).toMatch(/自报: (?:计算中|等待回复|空闲|计算|等回复)$/u);
	});

	it('the reasons a process lost the CPU, and the lane details, are Chinese', async () => {
		const snapshot = await sampleSnapshot();
		const text = buildTimelineLines(snapshot, {
			width: 100,
			height: 30,
			ascii: false,
			color: false,
			focused: false,
			words: zh,
		})
			.map((line) => lineText(line))
			.join('\n');
		expect(text).toContain('进程为何失去 CPU: 被抢占: 时间片用完 · 阻塞: 等待 IO');
		expect(text).toMatch(/\d+× 被抢占: 时间片用完/u);
	});
});
