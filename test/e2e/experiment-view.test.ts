import {afterEach, describe, expect, it} from 'vitest';
import {isAlive, TestTerminal} from './helpers/terminal.js';

let terminals: TestTerminal[] = [];

afterEach(async () => {
	await Promise.all(terminals.map(async (terminal) => terminal.dispose()));
	terminals = [];
});

describe('the experiment view', () => {
	it('v to experiment, Enter: real jobs serially then concurrently, their IOs in the server log, the result beside the prediction', async () => {
		const terminal = new TestTerminal(['--port', '0', '--sessions', '0'], {columns: 100, rows: 40});
		terminals.push(terminal);
		await terminal.waitForText('Timeline: live processes');
		await terminal.type('v', 'v', 'v');
		await terminal.waitForText('Timeline: experiment (v: live)');
		await terminal.type('z', '\r');
		const running = await terminal.waitForText(/serial run: jobs (\d+), (\d+), (\d+)/, 20_000);
		const pids = /serial run: jobs (\d+), (\d+), (\d+)/.exec(running)!.slice(1).map(Number);
		const done = await terminal.waitForText(/concurrent: makespan \d+ ms, predicted 1800 ms/, 60_000);
		expect(done).toMatch(/serial: makespan \d+ ms, predicted 3300 ms/);
		expect(done).toContain('Serial, measured');
		expect(done).toContain('Concurrent, measured');
		for (const pid of pids) expect(isAlive(pid)).toBe(false);
		// The IOs went to the dashboard's own echo server, and its reply delay is back to what it was.
		await terminal.type('z', 'v');
		const server = await terminal.waitForText('Timeline: live processes');
		expect(server).toContain('delay 0 ms');
		expect(server).toMatch(/<< IO\\n/);
	}, 90_000);
});
