import fc from 'fast-check';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {parseSimSpec} from '../../source/core/ostep/process-run/sim-spec.js';
import type {StoreEvent} from '../../source/core/dashboard/store-event.js';
import {createSimHostedPane} from '../../source/ui/panes/sim/sim-host.js';
import {renderDashboardApp, replied, sent, standardEvents} from './helpers/dashboard-fixture.js';

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

// One test per view and glyph set (10 sizes each, 40 in all): a full dashboard render per size is heavy on a
// busy machine, and one test drawing all 40 ran past the test timeout there.
describe('every frame fits the terminal (issue 10)', () => {
	it.each([
		['live', 'UTF-8'],
		['live', 'ASCII'],
		['sim', 'UTF-8'],
		['sim', 'ASCII'],
	] as const)(
		'%s view in %s: no line is wider than the terminal and the frame is shorter than it, from 60x16 to 240x70, with CJK payloads',
		(view, glyphs) => {
			const ascii = glyphs === 'ASCII';
			fc.assert(
				fc.property(fc.integer({min: 60, max: 240}), fc.integer({min: 16, max: 70}), (columns, rows) => {
					const app = renderDashboardApp({
						events: events(),
						ascii,
						columns,
						rows,
						timeline: {sim: createSimHostedPane(parseSimSpec('-l 3:100,3:100 --quantum 2 --switch-cost 1'))},
						initialView: view,
					});
					try {
						const frame = app.frame();
						const lines = frame.split('\n');
						expect(lines.length).toBeLessThan(rows);
						for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(columns);
						// Ink's own truncation mark becomes ASCII in the FrameWriter (test/ui/terminal/frame-writer.test.ts).
						if (ascii) expect(frame.replaceAll('\u2026', '')).toMatch(/^[\x20-\x7e\n]*$/u);
					} finally {
						app.cleanup();
					}
				}),
				{numRuns: 10},
			);
		},
	);
});
