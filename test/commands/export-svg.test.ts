import {mkdtempSync, readFileSync, rmSync, existsSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {parseSvg, xmlCheckUnavailable} from '../helpers/xml-check.js';

const skip = xmlCheckUnavailable();
if (skip) console.log(`skipping the XML checks: ${skip}`);
const directory = mkdtempSync(join(tmpdir(), 'socktui-export-svg-'));
afterAll(() => rmSync(directory, {recursive: true, force: true}));

describe('socktui export-svg', () => {
	it.skipIf(skip)('draws a simulator run with three processes: well-formed XML, one lane per process', async () => {
		const file = join(directory, 'sim.svg');
		const result = await runCli(['export-svg', '--sim', '-P c3,i:c2,i,c1:i,c4 -L 4', '-o', file]);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const parsed = parseSvg(readFileSync(file));
		expect(parsed.root).toBe('svg');
		expect(parsed.lanes.filter((lane) => lane.kind === 'process').map((lane) => lane.lane)).toEqual(['P0', 'P1', 'P2']);
		expect(parsed.lanes.filter((lane) => lane.kind !== 'process').map((lane) => lane.lane)).toEqual(['CPU', 'IO']);
		// The title, the run's stats and the legend are in it, as the pane shows them.
		expect(parsed.text).toContain('socktui sim -P c3,i:c2,i,c1:i,c4 -L 4');
		expect(parsed.text).toContain('CPU busy');
		expect(parsed.text).toContain('blocked');
	});

	it.skipIf(skip)(
		'draws both runs with --compare (a lane per process in each) and writes to stdout without -o',
		async () => {
			const result = await runCli(['export-svg', '--sim', '-l 3:50,3:50 --compare', '--width', '60']);
			expect(result.code).toBe(0);
			const lanes = parseSvg(result.stdout).lanes.filter((lane) => lane.kind === 'process');
			expect(lanes.map((lane) => lane.lane)).toEqual(['P0', 'P1', 'P0', 'P1']);
			expect(result.stdout).toContain('width="528"');
		},
	);

	it.skipIf(skip)("draws scheduler.py's jobs under the policy asked for, one lane per job", async () => {
		const result = await runCli(['export-svg', '--sched', '-p RR -q 2 -l 10,5,8,3']);
		expect(result.code).toBe(0);
		const parsed = parseSvg(result.stdout);
		expect(parsed.lanes.map((lane) => lane.lane)).toEqual(['J0', 'J1', 'J2', 'J3']);
		expect(parsed.text).toContain('RR, quantum 2');
	});

	it.each([
		[['export-svg'], /^socktui: export-svg needs one of --sim "OPTIONS" or --sched "OPTIONS"/],
		[['export-svg', '--sim', '-l 1:0', '--sched', '-p RR'], /^socktui: export-svg needs one of/],
		[['export-svg', '--sim', '-z'], /^socktui: sim: no such option: -z/],
		[['export-svg', '--sched', '-p LIFO'], /^socktui: --sched: the policy must be FIFO, SJF or RR, got 'LIFO'/],
		[['export-svg', '--sim', '-l 1:0', '--width', '5'], /^socktui: --width must be a number of columns from 20/],
		[
			['export-svg', '--sim', '-l 1:0', '-o', '/nonexistent-dir/x.svg'],
			/^socktui: -o: cannot write '\/nonexistent-dir\/x.svg': no such directory/,
		],
		[['export-svg', '--sim', '-l 1:0', '-o', '/'], /^socktui: -o: cannot write '\/': it is a directory/],
		[['export-svg', '--frobnicate'], /^socktui: unknown option '--frobnicate' for 'socktui export-svg'/],
	])('%j: one line on stderr, exit 2, nothing on stdout', async (args, message) => {
		const result = await runCli(args);
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toMatch(message);
		expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
	});

	it('leaves no file behind when the arguments are wrong', async () => {
		const file = join(directory, 'never.svg');
		await runCli(['export-svg', '--sched', '-p RR -q 0 -l 3', '-o', file]);
		expect(existsSync(file)).toBe(false);
	});
});
