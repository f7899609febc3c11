import {describe, expect, it} from 'vitest';
import {idleBench} from '../../bench/idle.bench.js';

// A smoke run of `npm run bench idle` with tiny windows, so the bench cannot rot: it must start the built
// dashboard, find its processes and print its table. No figure is checked (the machine is shared).
describe('npm run bench idle', () => {
	it('measures the built dashboard idle and under a bounded flood, and prints the table', async () => {
		if (process.platform !== 'linux') {
			console.log('skipped: the idle bench reads /proc (Linux only)');
			return;
		}

		const table = await idleBench({seconds: 1, settleSeconds: 0.5, floodRate: 2000});
		const lines = table.split('\n');
		expect(lines[0]).toMatch(
			/^\| scenario \(100x30\) +\| dashboard % \| server % +\| sessions % \| idle node baseline % \| terminal KB\/s \| writes\/s \|$/,
		);
		const idle = lines.find((line) => line.startsWith('| idle, 2 sessions'))!;
		const flood = lines.find((line) => line.startsWith('| UDP flood 2000 msg/s'))!;
		for (const row of [idle, flood])
			expect(
				row
					.split('|')
					.map((cell) => cell.trim())
					.filter(Boolean),
			).toHaveLength(7);
		expect(idle).toMatch(/\| \d+\.\d\d +\| (?:in-process \(part of the dashboard figure\)|\d+\.\d\d) +\| \d+\.\d\d /);
		expect(flood).toMatch(/\(\d+ sent, \d+ replies\)/);
		expect(table).toMatch(/load average \(1 min\) \d+\.\d\d before, \d+\.\d\d after/);
	}, 90_000);
});
