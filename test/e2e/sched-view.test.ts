import {afterEach, describe, expect, it} from 'vitest';
import {TestTerminal} from './helpers/terminal.js';

let terminals: TestTerminal[] = [];

afterEach(async () => {
	await Promise.all(terminals.map(async (terminal) => terminal.dispose()));
	terminals = [];
});

describe('the scheduler view at 80x24', () => {
	it('v twice: FIFO and RR on the same jobs; zoomed, both charts and their averages; keys change jobs and quantum', async () => {
		const terminal = new TestTerminal(['--port', '0', '--sessions', '0'], {columns: 80, rows: 24});
		terminals.push(terminal);
		await terminal.waitForText('Timeline: live processes (v: sim)');
		await terminal.type('v');
		await terminal.waitForText('Timeline: simulator (v: sched)');
		await terminal.type('v');
		await terminal.waitForText('Timeline: scheduler');
		await terminal.type('z');
		const zoomed = await terminal.waitForText('avg response 1.0  turnaround 29.0  wait 19.0');
		expect(zoomed).toContain('avg response 10.0  turnaround 20.0  wait 10.0');
		expect(zoomed).toContain('RR: round robin, quantum 1');
		await terminal.type('p', '+', '+');
		const convoy = await terminal.waitForText('RR: round robin, quantum 3');
		expect(convoy).toContain('long job first (30, 5, 5)');
		await terminal.type('z', 'v');
		await terminal.waitForText('Timeline: experiment (v: live)');
		await terminal.type('v');
		await terminal.waitForText('Timeline: live processes (v: sim)');
	}, 60_000);
});
