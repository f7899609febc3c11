import {afterEach, describe, expect, it} from 'vitest';
import {TestTerminal} from './helpers/terminal.js';

// `socktui experiment` on a terminal: the table, then the measured runs drawn with the sim pane's chart code.
describe.skipIf(process.platform !== 'linux')('socktui experiment in a terminal', () => {
	let terminal: TestTerminal | undefined;
	afterEach(async () => {
		await terminal?.dispose();
		terminal = undefined;
	});

	it('draws the measured runs like the sim view (lanes, CPU and IO, legend), in colour', async () => {
		terminal = new TestTerminal(['experiment', '--tick', '20', '--io', '60'], {columns: 100, rows: 60});
		expect((await terminal.waitForExit(60_000)).exitCode).toBe(0);
		const screen = await terminal.screen();
		expect(screen).toContain('Measured, one column per tick (20 ms):');
		expect(screen).toMatch(/^Serial, measured: t \d+\/\d+ {2}CPU busy \d+\.\d%/m);
		expect(screen).toMatch(/^Concurrent, measured: t \d+\/\d+/m);
		for (const lane of ['P0', 'P1', 'P2']) expect(screen).toMatch(new RegExp(`^${lane} +[█░≈·]+`, 'm'));
		expect(screen).toMatch(/^CPU +[0-2 ]+$/m);
		expect(screen).toContain('█ run  ░ ready  ≈ blocked');
		// The run glyphs are green, as in the sim view.
		expect(terminal.raw).toMatch(/\u001B\[32m█/);
	}, 90_000);

	it('honours NO_COLOR and a non-UTF-8 locale (ASCII glyphs, no colour); --json draws nothing', async () => {
		terminal = new TestTerminal(['experiment', '--tick', '20', '--io', '60', '--serial'], {
			columns: 100,
			rows: 40,
			env: {NO_COLOR: '1', LANG: 'C'},
		});
		expect((await terminal.waitForExit(60_000)).exitCode).toBe(0);
		const screen = await terminal.screen();
		expect(screen).toMatch(/^P0 +[#\-~.]+$/m);
		expect(screen).toContain('# run  - ready  ~ blocked');
		expect(terminal.raw).not.toMatch(/\u001B\[3\dm/);
		await terminal.dispose();

		terminal = new TestTerminal(['experiment', '--tick', '20', '--io', '60', '--serial', '--json'], {columns: 100});
		expect((await terminal.waitForExit(60_000)).exitCode).toBe(0);
		expect(await terminal.screen()).not.toContain('Measured, one column');
		expect(terminal.raw).toMatch(/^\{"serial":/);
	}, 90_000);
});
