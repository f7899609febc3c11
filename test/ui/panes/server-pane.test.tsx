import {render} from 'ink-testing-library';
import {newGuardStats} from '../../../source/core/echo/counters.js';
import {act} from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import type {ServerView} from '../../../source/core/store/snapshot.js';
import {ServerPane} from '../../../source/ui/panes/server-pane.js';

(globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean}).IS_REACT_ACT_ENVIRONMENT = true;

const mounted: Array<{unmount: () => void}> = [];
afterEach(() => {
	for (const instance of mounted.splice(0)) act(() => instance.unmount());
});

const zero = newGuardStats();

function server(patch: Partial<ServerView>): ServerView {
	return {
		protocol: 'udp',
		state: 'listening',
		local: {address: '127.0.0.1', port: 8082},
		activeConnections: 1,
		totalConnections: 1,
		messagesIn: 0,
		messagesOut: 0,
		bytesIn: 0,
		bytesOut: 0,
		rates: {messagesInPerSec: 0, messagesOutPerSec: 0, bytesInPerSec: 0, bytesOutPerSec: 0},
		dropped: 0,
		refused: 0,
		replyDelayMs: 0,
		...patch,
	};
}

function frame(servers: ServerView[]): string {
	let instance!: ReturnType<typeof render>;
	act(() => {
		instance = render(
			<ServerPane servers={servers} log={[]} notices={[]} serverPid={1} width={70} height={12} focused={false} />,
		);
	});
	mounted.push(instance);
	return instance.lastFrame()!;
}

describe('ServerPane guards line', () => {
	it('is absent on a quiet network', () => {
		expect(frame([server({guards: zero, kernelDrops: {count: 0}})])).not.toContain('guards');
	});

	it('shows what the guards did, and kernel drops, compactly', () => {
		const text = frame([
			server({
				guards: {...zero, loopsSuspected: 1, muted: 98, unreplyable: 2, ownAddress: 1},
				kernelDrops: {count: 1500},
			}),
			server({protocol: 'tcp', guards: {...zero, idleClosed: 3, evicted: 4}}),
		]);
		expect(text).toMatch(/guards loop 1 . muted 98 . bad src 3 . idle 7 . kernel drops 1[.,]?5k/);
	});
});
