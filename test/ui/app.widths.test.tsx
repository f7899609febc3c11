import fc from 'fast-check';
import stringWidth from 'string-width';
import {afterEach, describe, expect, it} from 'vitest';
import {parseSimSpec} from '../../source/core/ostep/process-run/sim-spec.js';
import type {StoreEvent} from '../../source/core/dashboard/store-event.js';
import {createSimHostedPane} from '../../source/ui/panes/sim/sim-host.js';
import {renderDashboardApp, replied, sent, standardEvents} from './helpers/dashboard-fixture.js';

type Fixture = ReturnType<typeof renderDashboardApp>;
let fixture: Fixture | undefined;
afterEach(() => {
	fixture?.cleanup();
	fixture = undefined;
});

const peer = {address: '127.0.0.1', port: 40_001};
// Wide (two-column) characters in payloads: the server log and the conversations.
const cjk = '你好，世界：多道技术与时间上的复用';

function events(): StoreEvent[] {
	const bytes = new TextEncoder().encode(cjk);
	return [
		...standardEvents(),
		sent(1, cjk),
		replied(1, cjk, 0.4),
		sent(2, `udp ${cjk}`, 2),
		{type: 'server', event: {type: 'message-in', protocol: 'tcp', connectionId: 't1', peer, bytes}},
		{type: 'server', event: {type: 'message-out', protocol: 'tcp', connectionId: 't1', peer, bytes}},
	];
}

describe('every frame fits the terminal (issue 10)', () => {
	it('no line is wider than the terminal and the frame is shorter than it, from 60x16 to 240x70, ASCII and UTF-8, live and sim views, with CJK payloads', () => {
		fc.assert(
			fc.property(
				fc.integer({min: 60, max: 240}),
				fc.integer({min: 16, max: 70}),
				fc.boolean(),
				fc.constantFrom<'live' | 'sim'>('live', 'sim'),
				(columns, rows, ascii, view) => {
					fixture?.cleanup();
					fixture = renderDashboardApp({
						events: events(),
						ascii,
						columns,
						rows,
						timeline: {sim: createSimHostedPane(parseSimSpec('-l 3:100,3:100 --quantum 2 --switch-cost 1'))},
						initialView: view,
					});
					const lines = fixture.frame().split('\n');
					expect(lines.length).toBeLessThan(rows);
					for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(columns);
					// Ink's own truncation mark becomes ASCII in the FrameWriter (test/ui/terminal/frame-writer.test.ts).
					if (ascii) expect(fixture.frame().replaceAll('\u2026', '')).toMatch(/^[\x20-\x7e\n]*$/u);
				},
			),
			{numRuns: 40},
		);
	});
});
