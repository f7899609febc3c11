import {afterEach, describe, expect, it} from 'vitest';
import {TestTerminal} from './helpers/terminal.js';

// `socktui experiment` on a terminal: the table, then the measured runs drawn with the sim pane's chart code.
describe.skipIf(process.platform !== 'linux')('socktui experiment in a terminal', () => {
	let terminal: TestTerminal | undefined;
	afterEach(async () => {
		await terminal?.dispose();
		terminal = undefined;
	});

	it('draws the measured runs: each job its share of the CPU per column, the CPU row, the legend, in colour', async () => {
		// Rows for the whole report (the load lines and the verdict make it about 75 lines at 80 columns).
		terminal = new TestTerminal(['experiment', '--tick', '20', '--io', '60'], {columns: 100, rows: 120});
		expect((await terminal.waitForExit(60_000)).exitCode).toBe(0);
		const screen = await terminal.screen();
		// 20 ms a column, or a multiple of it when a (slow) run is longer than the width.
		expect(screen).toMatch(/Measured, one column per \d*(0|2|4|6|8)0 ms:/);
		expect(screen).toMatch(/^Serial, measured: makespan \d+ ms \(predicted \d+ ms\), CPU busy \d+\.\d%/m);
		expect(screen).toMatch(/^Concurrent, measured: makespan \d+ ms/m);
		for (const lane of ['P0', 'P1', 'P2']) expect(screen).toMatch(new RegExp(`^${lane} +[▁-█░≈ ]+$`, 'm'));
		expect(screen).toMatch(/^CPU +[▁-█ ]+$/m);
		expect(screen).toContain('▂▄▆ share of the CPU (█ the whole column)  ░ ready  ≈ blocked on IO');
		// The run glyphs are green, as in the sim view.
		expect(terminal.raw).toMatch(/\u001B\[32m[▁-█]/);
	}, 90_000);

	it('honours NO_COLOR and a non-UTF-8 locale (ASCII glyphs, no colour); --json draws nothing', async () => {
		terminal = new TestTerminal(['experiment', '--tick', '20', '--io', '60', '--serial'], {
			columns: 100,
			rows: 40,
			env: {NO_COLOR: '1', LANG: 'C'},
		});
		expect((await terminal.waitForExit(60_000)).exitCode).toBe(0);
		const screen = await terminal.screen();
		expect(screen).toMatch(/^P0 +[-=#:~ ]+$/m);
		expect(screen).toContain('-=# share of the CPU (# the whole column)  : ready  ~ blocked on IO');
		expect(terminal.raw).not.toMatch(/\u001B\[3\dm/);
		await terminal.dispose();

		terminal = new TestTerminal(['experiment', '--tick', '20', '--io', '60', '--serial', '--json'], {columns: 100});
		expect((await terminal.waitForExit(60_000)).exitCode).toBe(0);
		expect(await terminal.screen()).not.toContain('Measured, one column');
		expect(terminal.raw).toMatch(/^\{"serial":/);
	}, 90_000);
});
