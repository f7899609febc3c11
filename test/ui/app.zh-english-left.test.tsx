import {afterEach, describe, expect, it} from 'vitest';
import {type ProcessSampler} from '../../source/core/procs/sampler.js';
import {parseSimSpec} from '../../source/core/ostep/process-run/sim-spec.js';
import type {StoreEvent} from '../../source/core/dashboard/store-event.js';
import {displayWidth} from '../../source/core/text/display-width.js';
import {messagesEn} from '../../source/ui/i18n/messages-en.js';
import {messagesZh} from '../../source/ui/i18n/messages-zh.js';
import {computeLayout} from '../../source/ui/layout.js';
import {createLiveTimelineHostedPane} from '../../source/ui/panes/live-timeline/live-timeline-host.js';
import {createSchedHostedPane} from '../../source/ui/panes/sched/sched-host.js';
import {createSimHostedPane} from '../../source/ui/panes/sim/sim-host.js';
import {brokenBorders} from './helpers/border-cells.js';
import {englishOn, englishWords} from './helpers/english-words.js';
import {liveSampler} from './helpers/live-sampler.js';
import {keys, renderDashboardApp, replied, sent, standardEvents} from './helpers/dashboard-fixture.js';

const cjk = '你好，世界：多道技术与时间上的复用';
const events = (): StoreEvent[] => [
	...standardEvents(),
	sent(1, cjk),
	replied(1, cjk, 0.4),
	{type: 'notice', level: 'info', notice: {code: 'oneCpuOn', params: {cpu: 1}}},
	{type: 'notice', level: 'warn', notice: {code: 'pinning', params: {failure: {code: 'noTaskset'}}}},
	{
		type: 'demo-memory',
		view: {rssBytes: 150e6, pssBytes: 58e6, sharedBytes: 92e6, processes: 3, pssMissing: 0, each: []},
	},
];

type Fixture = ReturnType<typeof renderDashboardApp>;
let fixture: Fixture | undefined;
let sampler: ProcessSampler | undefined;
afterEach(() => {
	fixture?.cleanup();
	fixture = undefined;
	sampler?.close();
	sampler = undefined;
});

async function open(
	columns: number,
	rows: number,
	initialView: 'live' | 'sim' | 'sched' = 'live',
	simArgs = '-l 3:100,3:100',
): Promise<Fixture> {
	sampler = await liveSampler();
	fixture = renderDashboardApp({
		events: events(),
		language: 'zh',
		columns,
		rows,
		initialView,
		timeline: {
			live: createLiveTimelineHostedPane(sampler),
			sim: createSimHostedPane(parseSimSpec(simArgs)),
			sched: createSchedHostedPane(),
		},
	});
	return fixture;
}

const range = (from: number, count: number) => Array.from({length: count}, (_, index) => from + index);

/** Every line within the terminal, no pane edge moved by a wide character. */
function expectWhole(frame: string, columns: number, rows: number) {
	const lines = frame.split('\n');
	expect(lines.length).toBeLessThan(rows);
	for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
	const layout = computeLayout(columns, rows, 2);
	const {serverWidth} = layout.top;
	expect(brokenBorders(frame, range(0, layout.top.height), [0, serverWidth - 1, serverWidth, columns - 1])).toEqual([]);
}

describe('the dashboard in Chinese has no English word left (issue 21), only names', () => {
	it('the catalogue gives this test words to look for', () => {
		for (const word of ['listening', 'preempted', 'runnable', 'measured', 'dashboard', 'memory'])
			expect(englishWords.has(word), word).toBe(true);
		expect(englishOn('server listening · TCP 服务端')).toEqual(['server', 'listening']);
	});

	it.each([
		[80, 24],
		[100, 30],
	])('at %ix%i: the live timeline, server pane, sessions and status bar; focus on each pane', async (columns, rows) => {
		const app = await open(columns, rows);
		const frame = app.frame();
		expect(frame).toContain('服务端 (pid 4242');
		expect(frame).toContain('监听中');
		expect(englishOn(frame), frame).toEqual([]);
		expectWhole(frame, columns, rows);
		for (let index = 0; index < 3; index++) {
			await app.press(keys.tab);
			expect(englishOn(app.frame()), app.frame()).toEqual([]);
			expectWhole(app.frame(), columns, rows);
		}
	});

	it.each([
		[80, 24],
		[100, 30],
	])('at %ix%i: the timeline zoomed to the whole screen (its legends and reasons)', async (columns, rows) => {
		const app = await open(columns, rows);
		for (let index = 0; index < 6 && !app.frame().split('\n').at(-1)!.trimStart().startsWith('实时时间线'); index++)
			await app.press(keys.tab);
		await app.press('z');
		const frame = app.frame();
		expect(englishOn(frame), frame).toEqual([]);
		expect(frame).toContain('被抢占');
	});

	it.each([
		[80, 24],
		[100, 30],
	])('at %ix%i: the help overlay, every page of it', async (columns, rows) => {
		const app = await open(columns, rows);
		await app.press('?');
		for (let step = 0; step < 60; step++) {
			expect(englishOn(app.frame()), app.frame()).toEqual([]);
			await app.press('j');
		}
	});

	it.each([
		[80, 24],
		[100, 30],
	])('at %ix%i: the simulator view', async (columns, rows) => {
		const app = await open(columns, rows, 'sim');
		const frame = app.frame();
		expect(englishOn(frame), frame).toEqual([]);
		expectWhole(frame, columns, rows);
	});

	it.each([
		[80, 24],
		[100, 30],
	])("at %ix%i: the simulator view, a typed workload's description", async (columns, rows) => {
		const app = await open(columns, rows, 'sim', '-P c2,i:c3');
		for (let index = 0; index < 6 && !app.frame().split('\n').at(-1)!.trimStart().startsWith('模拟器'); index++)
			await app.press(keys.tab);
		await app.press('z');
		const frame = app.frame();
		expect(frame).toContain('你的任务: 2 个进程, 5 条 CPU 指令, 1 次 IO');
		expect(englishOn(frame), frame).toEqual([]);
	});

	it.each([
		[80, 24],
		[100, 30],
	])('at %ix%i: the scheduler view, focused, every job set, FIFO and SJF, zoomed', async (columns, rows) => {
		const app = await open(columns, rows, 'sched');
		for (let index = 0; index < 6 && !app.frame().split('\n').at(-1)!.trimStart().startsWith('调度器'); index++)
			await app.press(keys.tab);
		expect(app.frame().split('\n').at(-1)!.trimStart()).toMatch(/^调度器/u);
		expect(app.frame()).toContain('scheduler.py: 等长任务 (10, 10, 10)');
		for (const key of ['p', 'p', 'f', 'p', 'f', '+']) {
			expect(englishOn(app.frame()), app.frame()).toEqual([]);
			expectWhole(app.frame(), columns, rows);
			await app.press(key);
		}

		// Zoomed to the whole screen: the lesson and the keys have room.
		for (const key of ['z', 'p', 'f', 'p', 'p']) {
			await app.press(key);
			expect(englishOn(app.frame()), app.frame()).toEqual([]);
		}

		const frame = app.frame();
		expect(frame).toContain('轮转 RR');
		expect(frame).toContain('平均响应时间');
		expect(englishOn(frame), frame).toEqual([]);
	});
});

describe("a session's errors cross the IPC as codes and read in Chinese (issue 21)", () => {
	const report = (sessionId: number, value: unknown): StoreEvent =>
		({type: 'session', event: {type: 'session-report', sessionId, report: value}}) as StoreEvent;
	it.each([
		[80, 24],
		[100, 30],
	])('at %ix%i: too large, too many waiting, server closed, connection refused', (columns, rows) => {
		fixture = renderDashboardApp({
			language: 'zh',
			columns,
			rows,
			events: [
				...standardEvents(),
				report(2, {
					type: 'error',
					message: 'message too large for one UDP datagram (70000 bytes, at most 65507)',
					problem: {code: 'tooLarge', bytes: 70_000, max: 65_507},
				}),
				report(2, {
					type: 'error',
					message: 'too many messages waiting (32); this one was not sent',
					problem: {code: 'queueFull', max: 32},
				}),
				report(1, {
					type: 'error',
					message: 'connection refused by TCP 127.0.0.1:8082 (is the server running?)',
					problem: {code: 'socket', kind: 'ConnectionRefused', protocol: 'TCP', host: '127.0.0.1', port: 8082},
				}),
				report(1, {
					type: 'state',
					state: 'closed',
					detail: 'the server closed the connection',
					problem: {code: 'serverClosed'},
				}),
			],
		});
		const frame = fixture.frame();
		expect(frame).toContain('一个 UDP 数据报装不下');
		expect(frame).toContain('等待发送的消息太多');
		expect(frame).toContain('拒绝连接');
		expect(frame).toContain('服务端关闭了连接');
		expect(englishOn(frame), frame).toEqual([]);
	});

	it.each([
		[80, 24],
		[100, 30],
	])('at %ix%i: no reply, and a reply that came back in part, with their wait and byte counts', (columns, rows) => {
		const where = {protocol: 'TCP', host: '127.0.0.1', port: 8082};
		fixture = renderDashboardApp({
			language: 'zh',
			columns,
			rows,
			events: [
				...standardEvents(),
				report(2, {
					type: 'error',
					message: 'no reply from 127.0.0.1:8082 (is a UDP server listening?)',
					problem: {code: 'noReply', ...where, protocol: 'UDP', waitMs: 2000},
				}),
				report(2, {type: 'state', state: 'no-reply'}),
				report(1, {
					type: 'error',
					message: 'incomplete reply from tcp 127.0.0.1:8082 within 1.5 s: 3 of 6 bytes (你)',
					problem: {code: 'noReply', ...where, waitMs: 1500, partial: {bytes: 3, expectedBytes: 6, start: '你'}},
				}),
				report(1, {
					type: 'error',
					message: 'incomplete reply from tcp 127.0.0.1:8082 within 500 ms: 6 bytes and no newline (你好)',
					problem: {code: 'noReply', ...where, waitMs: 500, partial: {bytes: 6, start: '你好'}},
				}),
			],
		});
		const frame = fixture.frame();
		expect(frame).toContain('没有回复, 等了 2 秒');
		expect(frame).toContain('回复不完整: 收到 3/6 字节 (你)');
		expect(frame).toContain('回复不完整: 收到 6 字节, 没有换行符');
		// The UDP session's state: the wait in Chinese too.
		expect(frame).toContain('2 秒 内没有回复');
		expect(englishOn(frame), frame).toEqual([]);
	});
});

describe('no reply, worded whole in each language (issue 21)', () => {
	const where = {protocol: 'TCP', host: '127.0.0.1', port: 8082};
	it.each([
		[
			{code: 'noReply', ...where, protocol: 'UDP', waitMs: 2000},
			'没有回复, 等了 2 秒: UDP 127.0.0.1:8082 (有 UDP 服务端在监听吗?)',
		],
		[{code: 'noReply', ...where, waitMs: 500}, '没有回复, 等了 500 ms: TCP 127.0.0.1:8082'],
		[
			{code: 'noReply', ...where, waitMs: 1500, partial: {bytes: 3, expectedBytes: 6, start: '你'}},
			'回复不完整: 收到 3/6 字节 (你), 等了 1.5 秒: TCP 127.0.0.1:8082',
		],
		[
			{code: 'noReply', ...where, waitMs: 1500, partial: {bytes: 6, start: '你好'}},
			'回复不完整: 收到 6 字节, 没有换行符 (你好), 等了 1.5 秒: TCP 127.0.0.1:8082',
		],
	] as const)('%o', (problem, chinese) => {
		expect(messagesZh.session.problem(problem)).toBe(chinese);
		expect(englishOn(chinese)).toEqual([]);
	});

	it('English says the same figures as the session process did', () => {
		expect(messagesEn.session.problem({code: 'noReply', ...where, waitMs: 1500})).toBe(
			'no reply from TCP 127.0.0.1:8082 within 1.5 s',
		);
		expect(
			messagesEn.session.problem({
				code: 'noReply',
				...where,
				waitMs: 500,
				partial: {bytes: 3, expectedBytes: 6, start: 'HEL'},
			}),
		).toBe('incomplete reply from TCP 127.0.0.1:8082 within 500 ms: 3 of 6 bytes (HEL)');
		expect(
			messagesEn.session.problem({code: 'noReply', ...where, waitMs: 500, partial: {bytes: 5, start: 'HELLO'}}),
		).toBe('incomplete reply from TCP 127.0.0.1:8082 within 500 ms: 5 bytes and no newline (HELLO)');
		expect(messagesEn.session.problem({code: 'noReply', ...where, protocol: 'UDP', waitMs: 2000})).toBe(
			'no reply from UDP 127.0.0.1:8082 within 2 s (is a UDP server listening?)',
		);
	});
});
