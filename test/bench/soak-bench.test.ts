import {describe, expect, it} from 'vitest';
import {messagesOnScreen, slope, soakBench, verdict} from '../../bench/soak.bench.js';

// A smoke run of `npm run bench soak` for a few seconds, so the bench cannot rot: it must start the built
// dashboard with three sessions in auto mode, read its RSS and its memory log, and print the slopes. No
// figure is checked (the machine is shared).
describe('npm run bench soak', () => {
	it('fits a least-squares slope and judges it over an hour against +/- 5 MB', () => {
		expect(
			slope([
				[0, 10],
				[1, 12],
				[2, 14],
			]),
		).toBe(2);
		expect(
			slope([
				[0, 5],
				[1, 3],
				[2, 7],
				[3, 5],
			]),
		).toBeCloseTo(0.4);
		expect(slope([[1, 5]])).toBe(0);
		expect(verdict(5 / 60)).toBe('flat');
		expect(verdict(-0.05)).toBe('flat');
		expect(verdict(0.1)).toBe('growing');
		expect(verdict(-0.1)).toBe('shrinking');
	});

	it('adds up the messages the server pane shows, with their k and M suffixes', () => {
		const screen = '│  in 1.4k msg 12 kB 19/s · out 1.4k\n│  in 677 msg 5.3 kB · out 677\n│  in 2M msg';
		expect(messagesOnScreen(screen)).toBe(1400 + 677 + 2_000_000);
		expect(messagesOnScreen('no counters')).toBe(0);
	});

	it('samples the dashboard under load and prints RSS, heap and the slopes', async () => {
		if (process.platform !== 'linux') {
			console.log('skipped: the soak bench reads /proc (Linux only)');
			return;
		}

		const printed: string[] = [];
		const table = await soakBench({minutes: 0.05, sampleSeconds: 1, logMs: 200, log: (line) => printed.push(line)});
		expect(printed.length).toBeGreaterThanOrEqual(3);
		for (const line of printed)
			expect(line).toMatch(
				/^minute +\d+\.\d\d: RSS \d+\.\d MB, heap \d+\.\d MB \(floor \d+\.\d MB\), \d+ messages so far$/,
			);
		const lines = table.split('\n');
		expect(lines[0]).toMatch(
			/^3 sessions in auto mode, \d+\.\d msg\/s measured at the server \(target 30\), one-CPU demo (?:on|off \(no taskset\)); \d+ samples over \d+\.\d min/,
		);
		expect(lines).toContain('| dashboard       | MB/min      | MB over 60 min | change in the fit | verdict   |');
		for (const name of ['RSS', 'heap floor'])
			expect(lines.find((line) => line.startsWith(`| ${name.padEnd(15)} |`))).toMatch(
				/\| +-?\d+\.\d{3} \| +-?\d+\.\d \| +-?\d+\.\d \| (?:flat|growing|shrinking) +\|$/,
			);
	}, 120_000);
});
