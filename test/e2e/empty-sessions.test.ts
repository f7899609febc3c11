import {afterEach, describe, expect, it} from 'vitest';
import {TestTerminal} from './helpers/terminal.js';

let terminal: TestTerminal | undefined;

afterEach(async () => {
	await terminal?.dispose();
	terminal = undefined;
});

const expected = {
	en: {
		title: 'Timeline: live processes',
		ready: 'ready (UDP: no connection)',
		legend: /measured: █ run/u,
		reasons: [/preempted: time slice used up/u, /blocked: waiting for IO/u],
	},
	zh: {
		title: '时间线: 实时进程',
		ready: '就绪 (UDP: 无连接)',
		legend: /实测: █ 运行/u,
		reasons: [/被抢占: 时间片用完/u, /阻塞: 等待 IO/u],
	},
} as const;

// Issue 21: at 80x24 two session panes with nothing said took 13 rows while the timeline had 6.
describe('at 80x24 empty session panes give their rows to the timeline, in a real terminal', () => {
	it.each(['en', 'zh'] as const)('%s: the live legend and the switch reasons show without zoom', async (language) => {
		terminal = new TestTerminal(['--port', '0', '--lang', language], {columns: 80, rows: 24});
		const words = expected[language];
		await terminal.waitForText(words.title);
		await terminal.waitForText(words.ready);
		const screen = await terminal.waitForText(words.legend);
		for (const reason of words.reasons) expect(screen).toMatch(reason);
		// The session panes: frame, state, address, input line; then the status bar.
		const lines = screen.split('\n');
		const top = lines.findIndex((line) => /#2 UDP pid/u.test(line));
		expect(lines.slice(top).filter((line) => line.trim() !== '').length, screen).toBe(6);
		await terminal.type('q');
		expect((await terminal.waitForExit()).exitCode).toBe(0);
	});
});
