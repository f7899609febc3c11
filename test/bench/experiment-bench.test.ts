import {describe, expect, it} from 'vitest';
import {experimentBench} from '../../bench/experiment.bench.js';

// A smoke run of `npm run bench experiment` with one short run per preset, so the bench cannot rot: it must
// run the built CLI for both presets and print its table. No figure is checked (the machine is shared).
describe('npm run bench experiment', () => {
	it('runs both presets through the built CLI and prints measured against predicted', async () => {
		if (process.platform !== 'linux') {
			console.log('skipped: the experiment bench reads /proc (Linux only)');
			return;
		}

		const table = await experimentBench({runs: 1, fifo: false, tickMs: 20, ioMs: 100});
		const lines = table.split('\n');
		expect(lines[0]).toMatch(
			/^\| preset +\| policy +\| run +\| model +\| measured ms +\| predicted ms +\| measured \/ predicted +\|$/,
		);
		const row =
			/^\| (io|cpu) +\| normal +\| (serial|concurrent) +\| [^|]+ \| \d+ \(\d+-\d+\) +\| \d+ \(\d+-\d+\) +\| \d+\.\d\d \(\d+\.\d\d-\d+\.\d\d\) +\|$/;
		expect(
			lines.filter((line) => row.test(line)).map((line) => line.split('|')[1]!.trim() + line.split('|')[3]!.trim()),
		).toEqual(['ioserial', 'ioconcurrent', 'ioconcurrent', 'cpuserial', 'cpuconcurrent']);
		expect(table).toMatch(/^io, normal: average finish, concurrent \/ serial = \d+\.\d\d/m);
		expect(table).toMatch(/^cpu, normal: average finish, concurrent \/ serial = \d+\.\d\d/m);
	}, 120_000);
});
