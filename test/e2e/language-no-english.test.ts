import {afterEach, describe, expect, it} from 'vitest';
import {displayWidth} from '../../source/core/text/display-width.js';
import {computeLayout} from '../../source/ui/layout.js';
import {englishOn} from '../ui/helpers/english-words.js';
import {brokenBorders, range} from './helpers/borders.js';
import {TestTerminal} from './helpers/terminal.js';

let terminals: TestTerminal[] = [];
afterEach(async () => {
	await Promise.all(terminals.map(async (terminal) => terminal.dispose()));
	terminals = [];
});

/** The screen's English words (none but names), every row within the terminal, the top panes' edges in place. */
async function expectChineseOnly(terminal: TestTerminal, columns: number, rows: number, framed: boolean) {
	const screen = await terminal.screen();
	expect(englishOn(screen), screen).toEqual([]);
	for (const line of screen.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
	if (!framed) return;
	const layout = computeLayout(columns, rows, 2);
	const {serverWidth} = layout.top;
	const edges = [0, serverWidth - 1, serverWidth, columns - 1];
	expect(await brokenBorders(terminal, range(0, layout.top.height), edges)).toEqual([]);
}

describe('socktui --lang zh in a real terminal: no English word left but names (issue 21)', () => {
	it.each([
		[80, 24],
		[100, 30],
	])('at %ix%i: dashboard, zoomed live timeline, help, simulator view', async (columns, rows) => {
		const terminal = new TestTerminal(['--port', '0', '--lang', 'zh'], {columns, rows});
		terminals.push(terminal);
		await terminal.waitForText('? 帮助  q 退出');
		await terminal.waitForText(/#2 UDP pid \d+/);
		// The live timeline has lanes and its legend (the sampler has run).
		await terminal.waitForText(/A 服务端/);
		await terminal.waitForText('实测: ');
		await expectChineseOnly(terminal, columns, rows, true);

		// Focus the timeline (Tab, waiting for the status bar to change each time, until it names the timeline).
		const status = async () =>
			(
				(await terminal.screen())
					.split('\n')
					.filter((line) => line.trim() !== '')
					.at(-1) ?? ''
			).trimStart();
		for (let index = 0; index < 6 && !(await status()).startsWith('实时时间线'); index++) {
			const before = await status();
			await terminal.type('\t');
			const deadline = Date.now() + 10_000;
			while ((await status()) === before) {
				if (Date.now() > deadline) throw new Error(`Tab did not move the focus; status bar: ${before}`);
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
		}

		// The status bar names the focused timeline by its view (live: 实时时间线).
		expect(await status()).toMatch(/^实时时间线/u);
		await terminal.type('z');
		await terminal.waitForText('进程为何失去 CPU');
		await expectChineseOnly(terminal, columns, rows, false);
		await terminal.type('z');
		await terminal.waitForNoText('进程为何失去 CPU');

		await terminal.type('?');
		await terminal.waitForText('按键 (? 或 Esc 关闭)');
		await expectChineseOnly(terminal, columns, rows, false);
		await terminal.type('\u001B');
		await terminal.waitForNoText('按键 (? 或 Esc 关闭)');

		await terminal.type('v');
		await terminal.waitForText('时间线: 模拟器');
		await expectChineseOnly(terminal, columns, rows, true);

		await terminal.type('q');
		expect((await terminal.waitForExit()).exitCode).toBe(0);
	});
});
