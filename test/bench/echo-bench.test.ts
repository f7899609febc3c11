import {describe, expect, it} from 'vitest';
import {defaultCases, echoBench} from '../../bench/echo.bench.js';

// A smoke run of `npm run bench echo` with tiny windows, so the bench cannot rot: it must build the native
// load generator, drive every server in every column and print the table; and with the saturation mark at
// 0% it must refuse the ratio and say why. No figure is checked (the machine is shared).
describe('npm run bench echo', () => {
	it('prints every column for bare Node, socktui and the Python loop', async () => {
		const report = await echoBench({rounds: 1, warmupSeconds: 0.05, measureSeconds: 0.2});
		if (report.startsWith('skipped: ')) {
			console.log(`echo bench ${report}`);
			return;
		}

		const lines = report.split('\n');
		expect(lines.find((line) => line.startsWith('| case'))).toMatch(
			/^\| case +\| bare msgs\/s +\| socktui msgs\/s +\| python msgs\/s +\| bare CPU\/msg +\| socktui CPU\/msg +\| python CPU\/msg +\| rounds +\| socktui\/bare CPU\/msg +\| bare\/bare A\/A CPU\/msg +\| socktui\/bare msgs\/s +\| bare\/bare A\/A msgs\/s +\| bound by/,
		);
		const ratio = /^(\d+\.\d{3}x \[\d+\.\d\d-\d+\.\d\d\] \(\d+\.\d\d-\d+\.\d\d\)|no ratio: .+)$/;
		for (const {protocol, connections, roundsFactor = 1} of defaultCases) {
			const row = lines.find((line) => line.startsWith(`| ${protocol} x${connections} `));
			expect(row, `${protocol} x${connections}`).toBeDefined();
			const cells = row!
				.split('|')
				.slice(1, -1)
				.map((cell) => cell.trim());
			expect(cells).toHaveLength(14);
			expect(cells[1]).toMatch(/^\d[\d,]*$/);
			expect(cells[2]).toMatch(/^\d[\d,]*$/);
			expect(cells[7]).toBe(String(roundsFactor));
			// CPU per message and throughput: a ratio [quartiles] (range), or the reason there is none; each
			// beside the second bare server against the first (the run's own noise).
			for (const column of [8, 9, 10, 11]) expect(cells[column], `column ${column}`).toMatch(ratio);
			expect(cells[12]).toMatch(/^(server|loadgen|both|neither) \(/);
			if (protocol === 'udp' && !report.includes('python3 not found')) expect(cells[3]).toMatch(/^\d[\d,]*$/);
		}

		expect(report).toMatch(
			/^budget: socktui\/bare server CPU per message <= 1\.05x and throughput >= 0\.95x in every column/m,
		);
	}, 60_000);

	it('refuses the ratio when the load generator saturated, and says why', async () => {
		const report = await echoBench({
			rounds: 1,
			warmupSeconds: 0.05,
			measureSeconds: 0.2,
			cases: [{protocol: 'tcp', connections: 1}],
			saturation: 0,
		});
		if (report.startsWith('skipped: ')) {
			console.log(`echo bench ${report}`);
			return;
		}

		const row = report.split('\n').find((line) => line.startsWith('| tcp x1 '));
		expect(row).toMatch(/\| no ratio: the load generator saturated \(\d+% of its core against (bare|socktui)\) +\|/);
		expect(row).toMatch(
			/\| no ratio: the load generator saturated \(\d+% of its core against (the second )?bare\) +\|/,
		);
		expect(row).toMatch(/\| both \(/);
		expect(report).toMatch(/^budget: .*not measured in tcp x1/m);
	}, 60_000);
});
