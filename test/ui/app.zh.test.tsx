import fc from 'fast-check';
import {afterEach, describe, expect, it} from 'vitest';
import {displayWidth} from '../../source/core/text/display-width.js';
import {parseSimSpec} from '../../source/core/ostep/process-run/sim-spec.js';
import type {StoreEvent} from '../../source/core/dashboard/store-event.js';
import {computeLayout} from '../../source/ui/layout.js';
import {createSchedHostedPane} from '../../source/ui/panes/sched/sched-host.js';
import {createSimHostedPane} from '../../source/ui/panes/sim/sim-host.js';
import {brokenBorders} from './helpers/border-cells.js';
import {keys, renderDashboardApp, replied, sent, standardEvents} from './helpers/dashboard-fixture.js';

type Fixture = ReturnType<typeof renderDashboardApp>;
let fixture: Fixture | undefined;
afterEach(() => {
	fixture?.cleanup();
	fixture = undefined;
});

const cjk = '你好，世界：多道技术与时间上的复用';
const events = (): StoreEvent[] => [...standardEvents(), sent(1, cjk), replied(1, cjk, 0.4)];

function open(columns: number, rows: number, extra: Partial<Parameters<typeof renderDashboardApp>[0]> = {}): Fixture {
	fixture?.cleanup();
	fixture = renderDashboardApp({
		events: events(),
		language: 'zh',
		columns,
		rows,
		timeline: {sim: createSimHostedPane(parseSimSpec('-l 3:100,3:100')), sched: createSchedHostedPane()},
		...extra,
	});
	return fixture;
}

const range = (from: number, count: number) => Array.from({length: count}, (_, index) => from + index);

/** Every framed row of the dashboard layout has its panes' edges at the right columns. */
function layoutBorders(frame: string, columns: number, rows: number): string[] {
	const layout = computeLayout(columns, rows, 2);
	const {serverWidth} = layout.top;
	const top = brokenBorders(frame, range(0, layout.top.height), [0, serverWidth - 1, serverWidth, columns - 1]);
	const shown = Math.min(2, layout.sessions.visible);
	const paneWidth = Math.floor(columns / shown);
	const edges = shown === 1 ? [0, columns - 1] : [0, paneWidth - 1, paneWidth, columns - 1];
	const sessions = brokenBorders(frame, range(layout.top.height, layout.sessions.height), edges);
	return [...top, ...sessions];
}

function expectFits(frame: string, columns: number, rows: number) {
	const lines = frame.split('\n');
	expect(lines.length).toBeLessThan(rows);
	for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
}

describe('the dashboard in Chinese (--lang zh)', () => {
	it('at 80x24: Chinese titles and status bar, every line within 80 columns, every pane border in place', () => {
		const app = open(80, 24);
		const frame = app.frame();
		expect(frame).toContain('服务端 (pid 4242)');
		expect(frame).toContain('时间线: 实时进程 (v: 模拟器)');
		// The states are words, in the language the help's footer uses for them.
		expect(frame).toContain('已连接');
		expect(frame).toContain('就绪 (UDP: 无连接)');
		expect(frame).toContain('> (按 Enter 输入)');
		const status = frame.split('\n').at(-1)!;
		expect(status).toContain('会话 #1');
		expect(status).toContain('? 帮助');
		expect(status).toContain('q 退出');
		expectFits(frame, 80, 24);
		expect(layoutBorders(frame, 80, 24)).toEqual([]);
	});

	it('the help overlay is Chinese, within 80 columns, its border whole on every row', async () => {
		const app = open(80, 24);
		await app.press('?');
		const frame = app.frame();
		expect(frame).toContain('按键 (? 或 Esc 关闭)');
		expect(frame).toContain('任何地方');
		expect(frame).toContain('新建 TCP 会话');
		expectFits(frame, 80, 24);
		const bodyRows = computeLayout(80, 24, 2).frameHeight - 1;
		expect(brokenBorders(frame, range(0, bodyRows), [0, 79])).toEqual([]);
		// Scrolling through all of it keeps the border whole.
		for (let step = 0; step < 40; step++) await app.press('j');
		expect(brokenBorders(app.frame(), range(0, bodyRows), [0, 79])).toEqual([]);
	});

	it('a key that does nothing says so in Chinese', async () => {
		const app = open(80, 24);
		await app.press('y');
		expect(app.frame().split('\n').at(-1)).toContain('y 在这里没有作用 (会话 #1); ? 列出所有按键');
	});

	// One test per view (8 sizes each, 32 in all): a full dashboard render per size is heavy on a busy machine, and
	// one test drawing all of them ran close to the test timeout there.
	it.each(['live', 'sim', 'sched', 'experiment'] as const)(
		'%s view: every focus keeps the borders, from 60x16 to 160x50',
		async (view) => {
			await fc.assert(
				fc.asyncProperty(
					fc.integer({min: 60, max: 160}),
					fc.integer({min: 16, max: 50}),
					fc.nat({max: 3}),
					fc.boolean(),
					async (columns, rows, tabs, ascii) => {
						const app = open(columns, rows, {initialView: view, ascii});
						for (let index = 0; index < tabs; index++) await app.press(keys.tab);
						const frame = app.frame();
						expectFits(frame, columns, rows);
						expect(layoutBorders(frame, columns, rows)).toEqual([]);
					},
				),
				{numRuns: 8},
			);
		},
	);

	it('the too-small screen is Chinese and fits', () => {
		const app = open(80, 24);
		app.resize(40, 10);
		expect(app.frame()).toContain('终端太小: 需要 60x16, 现在 40x10');
		expectFits(app.frame(), 40, 10);
	});
});
