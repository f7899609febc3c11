import {describe, expect, it} from 'vitest';
import {modelsBench} from '../../bench/models.bench.js';

// A smoke run of `npm run bench models` with tiny windows, so the bench cannot rot: every model against
// its twin, every table row present. No figure is checked (the machine is shared).
describe('npm run bench models', () => {
	it('runs each model against its twin and prints both tables', async () => {
		const table = await modelsBench({measureMs: 60, rounds: 1, delayMs: 50, probeClients: 2, clientCounts: [1]});
		const rows = table.split('\n').filter((line) => /^\| (event-loop|iterative|threads|processes) /.test(line));
		// Per model: TCP ping-pong, short connections, UDP ping-pong; then the probe rows (TCP and UDP).
		expect(rows).toHaveLength(4 * 3 + 4 * 2);
		for (const row of rows.slice(0, 12)) expect(row).toMatch(/\| \d[\d,]* \|/);
		expect(table).toMatch(/\| iterative \| tcp \| mean \d+ ms, last \d+ ms \([\d.]+x the delay\)/);
		if (!table.includes('python3 with socketserver is not available'))
			expect(table).toMatch(/\| ThreadingUDPServer \| mean \d+ ms/);
		else console.log('python3 is missing: the twins were skipped');
	}, 120_000);
});
