import {afterEach, describe, expect, it} from 'vitest';
import {TestTerminal} from './helpers/terminal.js';

let terminal: TestTerminal | undefined;

afterEach(async () => {
	await terminal?.dispose();
	terminal = undefined;
});

// Keys written to the pty in one write arrive in one read, as a paste or one SSH packet would (issue 8).
describe('keys in one read, in a real terminal', () => {
	it('steps the simulator three ticks for "...", loads a program typed as "ec3,i\\r", and keeps it through "too small"', async () => {
		terminal = new TestTerminal(['--port', '0', '--sessions', '0', '--sim', '-P c3,i,c2:c4'], {columns: 100, rows: 30});
		await terminal.waitForText('Timeline: simulator');
		await terminal.type('\t');
		await terminal.waitForText(/^ timeline /m);
		await terminal.type('...');
		await terminal.waitForText('t 3/12');
		await terminal.type('ec3,i\r');
		await terminal.waitForText('your program');
		const loaded = await terminal.waitForText('t 0/10');
		expect(loaded).not.toContain('Serial');
		await terminal.type('..');
		await terminal.waitForText('t 2/10');
		terminal.resize(50, 12);
		await terminal.waitForText('terminal too small');
		terminal.resize(100, 30);
		const back = await terminal.waitForText('t 2/10');
		expect(back).toContain('your program');
		await terminal.type('q');
		expect((await terminal.waitForExit()).exitCode).toBe(0);
	});
});
