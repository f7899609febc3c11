import {afterEach, describe, expect, it} from 'vitest';
import {computeLayout} from '../../source/ui/layout.js';
import {brokenBorders, range} from './helpers/borders.js';
import {TestTerminal} from './helpers/terminal.js';

let terminals: TestTerminal[] = [];

function start(args: string[], env: NodeJS.ProcessEnv = {}): TestTerminal {
	const terminal = new TestTerminal(['--port', '0', ...args], {columns: 80, rows: 24, env});
	terminals.push(terminal);
	return terminal;
}

afterEach(async () => {
	await Promise.all(terminals.map(async (terminal) => terminal.dispose()));
	terminals = [];
});

async function expectChineseDashboard(terminal: TestTerminal): Promise<void> {
	await terminal.waitForText(/服务端 \(pid \d+/);
	await terminal.waitForText(/#2 UDP pid \d+/);
	const screen = await terminal.waitForText('? 帮助  q 退出');
	expect(screen).toContain('时间线: 实时进程');
	const layout = computeLayout(80, 24, 2);
	const edges = [0, layout.top.serverWidth - 1, layout.top.serverWidth, 79];
	expect(await brokenBorders(terminal, range(0, layout.top.height), edges)).toEqual([]);
	expect(await brokenBorders(terminal, range(layout.top.height, layout.sessions.height), [0, 39, 40, 79])).toEqual([]);

	await terminal.type('?');
	const help = await terminal.waitForText('按键 (? 或 Esc 关闭)');
	expect(help).toContain('任何地方');
	expect(help).toContain('新建 TCP 会话');
	expect(help.split('\n')[layout.frameHeight - 1]).toContain('帮助');
	expect(await brokenBorders(terminal, range(0, layout.frameHeight - 1), [0, 79])).toEqual([]);
	await terminal.type('\u001B');
	await terminal.waitForNoText('按键 (? 或 Esc 关闭)');
	await terminal.type('q');
	expect((await terminal.waitForExit()).exitCode).toBe(0);
}

describe('the dashboard in Chinese at 80x24, in a real terminal', () => {
	it('--lang zh: help overlay and status bar in Chinese, every pane border in its column', async () => {
		await expectChineseDashboard(start(['--lang', 'zh']));
	});

	it('LANG=zh_CN.UTF-8 alone does the same', async () => {
		await expectChineseDashboard(start([], {LANG: 'zh_CN.UTF-8'}));
	});

	it('--lang en wins over a Chinese locale', async () => {
		const terminal = start(['--lang', 'en'], {LANG: 'zh_CN.UTF-8'});
		await terminal.waitForText('? help  q quit');
		expect(await terminal.screen()).not.toContain('帮助');
		await terminal.type('q');
		expect((await terminal.waitForExit()).exitCode).toBe(0);
	});

	it('a Chinese locale that is not UTF-8 stays English (the terminal could not show Chinese)', async () => {
		const terminal = start([], {LANG: 'zh_CN.GB18030'});
		await terminal.waitForText('? help  q quit');
		expect(await terminal.screen()).not.toContain('帮助');
		await terminal.type('q');
		expect((await terminal.waitForExit()).exitCode).toBe(0);
	});

	it('a bad --lang is one line on stderr and exit code 2', async () => {
		const terminal = start(['--lang', 'fr']);
		const {exitCode} = await terminal.waitForExit();
		expect(exitCode).toBe(2);
		expect(terminal.raw.trim()).toBe("socktui: --lang must be en or zh, got 'fr'");
	});
});
