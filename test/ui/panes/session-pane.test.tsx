import {render} from 'ink-testing-library';
import {act} from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import type {PairReads, SessionView} from '../../../source/core/store/snapshot.js';
import {messagesEn, type Messages} from '../../../source/ui/i18n/messages-en.js';
import {messagesZh} from '../../../source/ui/i18n/messages-zh.js';
import {MessagesContext} from '../../../source/ui/i18n/use-messages.js';
import {SessionPane} from '../../../source/ui/panes/session-pane.js';

(globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean}).IS_REACT_ACT_ENVIRONMENT = true;

const mounted: Array<{unmount: () => void}> = [];
afterEach(() => {
	for (const instance of mounted.splice(0)) act(() => instance.unmount());
});

function session(protocol: 'tcp' | 'udp', reads: PairReads): SessionView {
	return {
		sessionId: 1,
		pid: 100,
		protocol,
		remote: {address: '127.0.0.1', port: 8082},
		local: {address: '127.0.0.1', port: 40_000},
		state: protocol === 'tcp' ? 'connected' : 'ready',
		phase: 'idle',
		auto: {enabled: false, intervalMs: 1000, burstMs: 0},
		closing: false,
		sent: 1,
		replies: 1,
		lastPair: reads,
		conversation: [{id: 1, kind: 'reads', text: '', reads}],
	};
}

function frame(view: SessionView, messages: Messages = messagesEn): string {
	let instance!: ReturnType<typeof render>;
	act(() => {
		instance = render(
			<MessagesContext.Provider value={messages}>
				<SessionPane session={view} width={60} height={8} focused={false} typing={false} draft="" />
			</MessagesContext.Provider>,
		);
	});
	mounted.push(instance);
	return instance.lastFrame()!;
}

describe('SessionPane: two messages in one go', () => {
	it('TCP: says how many reads the two lines came back in, and their sizes', () => {
		const tcp = session('tcp', {writes: 1, reads: 1, readSizes: [12], lines: 2});
		expect(frame(tcp)).toContain('2 messages arrived in 1 read (12 B)');
		expect(frame(tcp, messagesZh)).toContain('2 条消息在 1 次读取中到达（12 字节）');
		const split = session('tcp', {writes: 1, reads: 2, readSizes: [6, 6], lines: 2});
		expect(frame(split)).toContain('2 messages arrived in 2 reads (6+6 B)');
	});

	it('UDP: two datagrams, two replies', () => {
		const udp = session('udp', {writes: 2, reads: 2, readSizes: [5, 5], lines: 0});
		expect(frame(udp)).toContain('2 datagrams sent, 2 replies (5+5 B)');
		expect(frame(udp, messagesZh)).toContain('2 个数据报，2 个回复（5+5 字节）');
	});
});
