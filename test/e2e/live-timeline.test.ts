import {afterEach, describe, expect, it} from 'vitest';
import {existsSync} from 'node:fs';
import {TestTerminal, waitForGone} from './helpers/terminal.js';

let terminal: TestTerminal | undefined;

afterEach(async () => {
	await terminal?.dispose();
	terminal = undefined;
});

const hasProc = existsSync('/proc/self/stat');
if (!hasProc) console.log('skipping the live timeline e2e test: no /proc on this machine');

describe.skipIf(!hasProc)('live timeline in a real terminal', () => {
	it('shows a new session as a lane labelled with its PID, and marks it exited after x', async () => {
		terminal = new TestTerminal(['--port', '0'], {columns: 100, rows: 30});
		await terminal.waitForText(/^.connected\b.*\bready \(UDP: no connection\)/m);
		await terminal.waitForText(/Timeline: live processes/);

		await terminal.type('u');
		const screen = await terminal.waitForText(/#3 UDP pid \d+/);
		const pid = Number(/#3 UDP pid (\d+)/.exec(screen)![1]);
		expect(pid).toBeGreaterThan(0);
		// The timeline lane: `D #3 UDP 1234 ≈≈≈...` (measured cells follow the label).
		await terminal.waitForText(new RegExp(`#3 UDP ${pid} +\\S`));

		await terminal.type('x');
		await terminal.waitForText(/exited \((code|signal) /);
		// The lane stays on the timeline and its newest cells say "exited" (×).
		const after = await terminal.waitForText(new RegExp(`#3 UDP ${pid} .*××`));
		expect(after).toMatch(/× exited/);
		await waitForGone([pid]);

		await terminal.type('q');
		expect((await terminal.waitForExit()).exitCode).toBe(0);
	});
});
