import {execFileSync} from 'node:child_process';
import {
	existsSync,
	lstatSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	statSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
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
		[['export-svg'], /^socktui: export-svg needs one of --sim "OPTIONS", --sched "OPTIONS" or --screen CAST/],
		[['export-svg', '--sim', '-l 1:0', '--screen', 'x.cast'], /^socktui: export-svg needs one of/],
		[['export-svg', '--screen', ''], /^socktui: --screen needs a recording, e.g. --screen demo.cast/],
		[
			['export-svg', '--screen', '/nonexistent-dir/x.cast'],
			/^socktui: --screen: cannot read '\/nonexistent-dir\/x.cast': no such file/,
		],
		[['export-svg', '--screen', '/'], /^socktui: --screen: cannot read '\/': it is a directory/],
		[['export-svg', '--screen', '/dev/zero'], /^socktui: --screen: cannot read '\/dev\/zero': not a regular file/],
		[
			['export-svg', '--screen', '/etc/hostname'],
			/^socktui: --screen: '\/etc\/hostname' is not an asciicast v2 recording/,
		],
		[['export-svg', '--screen', 'x.cast', '--width', '80'], /^socktui: --width and --ascii do not apply to --screen/],
		[['export-svg', '--sim', '-l 1:0', '--sched', '-p RR'], /^socktui: export-svg needs one of/],
		[['export-svg', '--sim', '-z'], /^socktui: sim: no such option: -z/],
		[['export-svg', '--sched', '-p LIFO'], /^socktui: --sched: the policy must be FIFO, SJF or RR, got 'LIFO'/],
		[['export-svg', '--sim', '-l 1:0', '--width', '5'], /^socktui: --width must be a number of columns from 20/],
		[
			['export-svg', '--sim', '-l 1:0', '-o', '/nonexistent-dir/x.svg'],
			/^socktui: -o: cannot write '\/nonexistent-dir\/x.svg': no such directory/,
		],
		[['export-svg', '--sim', '-l 1:0', '-o', '/'], /^socktui: -o: cannot write '\/': it is a directory/],
		[
			['export-svg', '--sim', '-l 1:0', '-o', '/dev/null', '--overwrite'],
			/^socktui: -o: cannot write '\/dev\/null': it is a device, not a regular file/,
		],
		[['export-svg', '--frobnicate'], /^socktui: unknown option '--frobnicate' for 'socktui export-svg'/],
	])('%j: one line on stderr, exit 2, nothing on stdout', async (args, message) => {
		const result = await runCli(args);
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toMatch(message);
		expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
	});

	it.skipIf(skip)('draws the last screen of a recording with --screen: the terminal grid, its text', async () => {
		const cast = join(directory, 'demo.cast');
		writeFileSync(
			cast,
			[
				JSON.stringify({version: 2, width: 30, height: 3, timestamp: 0, env: {TERM: 'xterm-256color'}}),
				JSON.stringify([
					0.1,
					'o',
					'\u001B[?1049h\u001B[1;1H\u001B[1m Server \u001B[0m\u001B[3;1H\u001B[7m q quit \u001B[0m',
				]),
				JSON.stringify([0.2, 'o', '\u001B[?1049l']),
			].join('\n'),
		);
		const result = await runCli(['export-svg', '--screen', cast]);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('data-columns="30" data-rows="3"');
		const parsed = parseSvg(result.stdout);
		expect(parsed.root).toBe('svg');
		expect(parsed.text).toContain('Server');
		expect(parsed.text).toContain('q quit');
	});

	it('rejects a recording that breaks off in one line, exit 2', async () => {
		const cast = join(directory, 'broken.cast');
		writeFileSync(cast, `${JSON.stringify({version: 2, width: 30, height: 3})}\n[0.1, "o", "abc"`);
		const result = await runCli(['export-svg', '--screen', cast]);
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe(`socktui: --screen: '${cast}', line 2: not an asciicast event [time, type, data]\n`);
	});

	it('leaves no file behind when the arguments are wrong', async () => {
		const file = join(directory, 'never.svg');
		await runCli(['export-svg', '--sched', '-p RR -q 0 -l 3', '-o', file]);
		expect(existsSync(file)).toBe(false);
	});

	describe('never through a symlink, never over a file unasked (issue 24)', () => {
		const sim = ['export-svg', '--sim', '-l 1:0'];

		it('creates the file 0600', async () => {
			const file = join(directory, 'private.svg');
			const result = await runCli([...sim, '-o', file]);
			expect(result.code).toBe(0);
			expect(statSync(file).mode & 0o777).toBe(0o600);
		});

		it('refuses an existing file without --overwrite, naming it; replaces it with --overwrite', async () => {
			const file = join(directory, 'slides.svg');
			writeFileSync(file, 'my slides', {mode: 0o644});
			const refused = await runCli([...sim, '-o', file]);
			expect(refused.code).toBe(2);
			expect(refused.stderr).toBe(`socktui: -o: cannot write '${file}': it already exists (--overwrite replaces it)\n`);
			expect(readFileSync(file, 'utf8')).toBe('my slides');
			const replaced = await runCli([...sim, '-o', file, '--overwrite']);
			expect(replaced.stderr).toBe('');
			expect(replaced.code).toBe(0);
			expect(readFileSync(file, 'utf8')).toContain('<svg');
			expect(statSync(file).mode & 0o777).toBe(0o600);
		});

		it.each([false, true])(
			'refuses a planted symlink to an existing file, target untouched (--overwrite %s)',
			async (overwrite) => {
				const target = join(directory, `victim-${overwrite}.conf`);
				writeFileSync(target, 'root config');
				const file = join(directory, `planted-${overwrite}.svg`);
				symlinkSync(target, file);
				const result = await runCli([...sim, '-o', file, ...(overwrite ? ['--overwrite'] : [])]);
				expect(result.code).toBe(2);
				expect(result.stderr).toBe(
					`socktui: -o: cannot write '${file}': it is a symbolic link (refused even with --overwrite)\n`,
				);
				expect(readFileSync(target, 'utf8')).toBe('root config');
			},
		);

		it.each([false, true])('refuses a dangling symlink: no file appears (--overwrite %s)', async (overwrite) => {
			const target = join(directory, `attacker-chose-${overwrite}`);
			const file = join(directory, `dangling-${overwrite}.svg`);
			symlinkSync(target, file);
			const result = await runCli([...sim, '-o', file, ...(overwrite ? ['--overwrite'] : [])]);
			expect(result.code).toBe(2);
			expect(result.stderr).toMatch(/it is a symbolic link/);
			expect(() => lstatSync(target)).toThrow(/ENOENT/);
		});

		it.each([false, true])('refuses a FIFO at once and a directory (--overwrite %s)', async (overwrite) => {
			const fifo = join(directory, `fifo-${overwrite}.svg`);
			execFileSync('mkfifo', [fifo]);
			const dir = join(directory, `dir-${overwrite}.svg`);
			mkdirSync(dir);
			const flag = overwrite ? ['--overwrite'] : [];
			const toFifo = await runCli([...sim, '-o', fifo, ...flag]);
			expect(toFifo.code).toBe(2);
			expect(toFifo.stderr).toBe(`socktui: -o: cannot write '${fifo}': it is a FIFO, not a regular file\n`);
			const toDir = await runCli([...sim, '-o', dir, ...flag]);
			expect(toDir.code).toBe(2);
			expect(toDir.stderr).toBe(`socktui: -o: cannot write '${dir}': it is a directory\n`);
		});
	});
});
