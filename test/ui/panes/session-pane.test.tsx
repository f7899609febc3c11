import {render} from 'ink-testing-library';
import {act} from 'react';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {displayWidth} from '../../../source/core/text/display-width.js';
import type {PairReads, SessionView} from '../../../source/core/dashboard/snapshot.js';
import {MessagesContext} from '../../../source/ui/i18n/use-messages.js';
import {messagesEn, type Messages} from '../../../source/ui/i18n/messages-en.js';
import {messagesZh} from '../../../source/ui/i18n/messages-zh.js';
import {SessionPane} from '../../../source/ui/panes/session-pane.js';

(globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean}).IS_REACT_ACT_ENVIRONMENT = true;

const mounted: Array<{unmount: () => void}> = [];
afterEach(() => {
	for (const instance of mounted.splice(0)) act(() => instance.unmount());
	vi.useRealTimers();
});

function session(patch: Partial<SessionView> = {}): SessionView {
	return {
		sessionId: 1,
		pid: 1234,
		protocol: 'tcp',
		remote: {address: '127.0.0.1', port: 8082},
		local: {address: '127.0.0.1', port: 40_000},
		state: 'connected',
		phase: 'idle',
		auto: {enabled: false, intervalMs: 1000, burstMs: 0},
		closing: false,
		sent: 0,
		replies: 0,
		conversation: [],
		...patch,
	};
}

function renderPane(view: SessionView, options: {draft?: string; messages?: Messages; width?: number} = {}) {
	let instance!: ReturnType<typeof render>;
	act(() => {
		instance = render(
			<MessagesContext.Provider value={options.messages ?? messagesEn}>
				<SessionPane
					session={view}
					width={options.width ?? 40}
					height={8}
					focused
					typing={options.draft !== undefined}
					draft={options.draft ?? ''}
				/>
			</MessagesContext.Provider>,
		);
	});
	mounted.push(instance);
	return instance;
}

describe('SessionPane input line (issue 24)', () => {
	it('shows a pasted bidi override escaped, as the log does, never raw', () => {
		const frame = renderPane(session(), {draft: 'abc\u202edcba'}).lastFrame()!;
		expect(frame).toContain('> abc\\u202edcba');
		expect(frame).not.toContain('\u202e');
	});

	it('escapes pasted control characters (an escape sequence, a carriage return)', () => {
		const frame = renderPane(session(), {draft: 'x\u001b[2Jy\rz'}).lastFrame()!;
		expect(frame).toContain('> x\\e[2Jy\\rz');
		expect(frame).not.toContain('\u001b[2J');
	});

	it('keeps the end of a long Chinese draft within the pane, by columns', () => {
		const draft = '中文'.repeat(30);
		const frame = renderPane(session(), {draft, width: 30}).lastFrame()!;
		const input = frame.split('\n').find((line) => line.includes('> '))!;
		expect(input).toContain('中文中文');
		for (const line of frame.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(30);
	});
});

describe('SessionPane: a TCP session waiting for a reply says how long (issue 24)', () => {
	it('shows the time waited, ticking, in English and Chinese', async () => {
		vi.useFakeTimers();
		vi.setSystemTime(new Date(2026, 11, 6, 1, 0, 0));
		const view = session({state: 'waiting', stateSince: Date.now() - 3200});
		const en = renderPane(view);
		expect(en.lastFrame()).toContain('waiting for reply 3.2 s');
		await act(async () => {
			await vi.advanceTimersByTimeAsync(1000);
		});
		expect(en.lastFrame()).toContain('waiting for reply 4.2 s');
		const zh = renderPane(view, {messages: messagesZh});
		expect(zh.lastFrame()).toContain('等待回复 4.2 秒');
	});

	it('a wait under a second shows no clock (a usual reply takes milliseconds); after it, the clock starts', async () => {
		vi.useFakeTimers();
		vi.setSystemTime(new Date(2026, 11, 6, 1, 0, 0));
		const pane = renderPane(session({state: 'waiting', stateSince: Date.now() - 200}));
		expect(pane.lastFrame()).toMatch(/waiting for reply\s*[│║]/);
		await act(async () => {
			await vi.advanceTimersByTimeAsync(1000);
		});
		expect(pane.lastFrame()).toContain('waiting for reply 1.2 s');
	});

	it('says no time when it is not known', () => {
		expect(renderPane(session({state: 'waiting'})).lastFrame()).toMatch(/waiting for reply\s*[│║]/);
	});
});

describe('SessionPane: two messages in one go', () => {
	const paired = (protocol: 'tcp' | 'udp', reads: PairReads): SessionView =>
		session({
			protocol,
			state: protocol === 'tcp' ? 'connected' : 'ready',
			sent: 1,
			replies: 1,
			lastPair: reads,
			conversation: [{id: 1, kind: 'reads', text: '', reads}],
		});
	const frame = (view: SessionView, messages: Messages = messagesEn): string =>
		renderPane(view, {messages, width: 60}).lastFrame()!;

	it('TCP: says how many reads the two lines came back in, and their sizes', () => {
		const tcp = paired('tcp', {writes: 1, reads: 1, readSizes: [12], lines: 2});
		expect(frame(tcp)).toContain('2 messages arrived in 1 read (12 B)');
		expect(frame(tcp, messagesZh)).toContain('2 条消息在 1 次读取中到达（12 字节）');
		const split = paired('tcp', {writes: 1, reads: 2, readSizes: [6, 6], lines: 2});
		expect(frame(split)).toContain('2 messages arrived in 2 reads (6+6 B)');
	});

	it('UDP: two datagrams, two replies', () => {
		const udp = paired('udp', {writes: 2, reads: 2, readSizes: [5, 5], lines: 0});
		expect(frame(udp)).toContain('2 datagrams sent, 2 replies (5+5 B)');
		expect(frame(udp, messagesZh)).toContain('2 个数据报，2 个回复（5+5 字节）');
	});
});
