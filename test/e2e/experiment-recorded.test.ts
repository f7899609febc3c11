import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {TestTerminal} from './helpers/terminal.js';

let terminals: TestTerminal[] = [];
afterEach(async () => {
	await Promise.all(terminals.map(async (terminal) => terminal.dispose()));
	terminals = [];
});

const fixture = fileURLToPath(new URL('../fixtures/experiment/recorded-io.json', import.meta.url));

/** The chart rows of one run: `P0  ▂▅█…` under its title. */
function chartRows(screen: string, title: string): string[] {
	const lines = screen.split('\n');
	const at = lines.findIndex((line) => line.includes(title));
	if (at < 0) return [];
	return lines.slice(at + 1, at + 5).filter((line) => /(P\d|CPU) +\S/.test(line));
}

describe('tour step 6 with a recorded run (--load-experiment)', () => {
	for (const [columns, rows] of [
		[80, 24],
		[100, 30],
	] as const) {
		it(`at ${columns}x${rows}: the two charts the narration points at are on screen, labelled as recorded`, async () => {
			const terminal = new TestTerminal(['tour', '--port', '0', '--load-experiment', fixture], {columns, rows});
			terminals.push(terminal);
			await terminal.waitForText('Tour 1/9');
			await terminal.type('T');
			await terminal.waitForText('1-9 go to a step');
			await terminal.type('6');
			await terminal.waitForText('Tour 6/9');
			const screen = await terminal.waitForText(/Concurrent, measured/, 20_000);
			expect(screen).toContain('RECORDED');
			expect(chartRows(screen, 'Serial, measured').length).toBeGreaterThanOrEqual(3);
			expect(chartRows(screen, 'Concurrent, measured').length).toBeGreaterThanOrEqual(3);
		}, 60_000);
	}
});
