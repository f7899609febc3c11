import {describe, expect, it} from 'vitest';
import {isFullFrame, median, startupBench} from '../../bench/startup.bench.js';

// A smoke run of `npm run bench startup` with one sample of each, so the bench cannot rot: it must time the
// built CLI, start session processes and bare Node baselines, and see the dashboard's first frame. No
// figure is checked (the machine is shared).
describe('npm run bench startup', () => {
	it('knows a full frame: the server listens and the status bar is drawn', () => {
		expect(isFullFrame('│TCP listening 127.0.0.1:1\n\n session #1  Enter type a message · q quit\n\n')).toBe(true);
		expect(isFullFrame('│TCP listening 127.0.0.1:1\n╰──╯')).toBe(false);
		expect(isFullFrame(' q quit')).toBe(false);
		expect(median([3, 1, 2])).toBe(2);
		expect(median([4, 1, 2, 3])).toBe(2.5);
	});

	it('measures --version, session RSS and first frames, and prints the table', async () => {
		if (process.platform !== 'linux') {
			console.log('skipped: the startup bench reads /proc (Linux only)');
			return;
		}

		const table = await startupBench({versionRuns: 2, samples: 1, settleMs: 100, autoMs: 300});
		const lines = table.split('\n');
		expect(lines[0]).toMatch(/^\| measure +\| socktui +\| baseline \(same run\) +\| ratio +\| target +\|$/);
		const row = (start: string) => {
			const found = lines.find((line) => line.startsWith(`| ${start}`));
			expect(found, start).toBeDefined();
			return found!;
		};

		expect(row('socktui --version (median of 2')).toMatch(
			/\| \d+ \(\d+-\d+\) ms +\| node -e 0: \d+ \(\d+-\d+\) ms +\| \d+\.\d\dx +\| <= 1\.3x/,
		);
		expect(row('session process RSS')).toMatch(
			/\| \d+\.\d MB +\| node -e, 1 socket: \d+\.\d MB +\| \d+\.\d\dx +\| <= 1\.1x/,
		);
		expect(row('  the same session')).toMatch(/\| ES module, 1 socket: \d+\.\d MB +\| \d+\.\d\dx/);
		expect(row('  after 0.3 s of auto mode, 10 msg/s')).toMatch(/\| \d+\.\d MB /);
		expect(row('  then 0.3 s more with a 10 ms CPU burst each')).toMatch(/\| \d+\.\d MB /);
		expect(row('first full frame, idle')).toMatch(/\| \d+ \(\d+-\d+\) ms +\| +\| +\| < 400 ms/);
		expect(row('first full frame, one core busy')).toMatch(
			/\| \d+ \(\d+-\d+\) ms +\| +\| \d+\.\d\dx idle +\| < 400 ms/,
		);
		expect(row('  CPU time of the dashboard by then')).toMatch(/\| \d+ ms; \d+ ms +\|/);
		expect(table).toMatch(/load average \(1 min\) \d+\.\d\d before, \d+\.\d\d after/);
	}, 120_000);
});
