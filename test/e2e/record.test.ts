import {execFileSync} from 'node:child_process';
import {lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import xterm from '@xterm/headless';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {TestTerminal} from './helpers/terminal.js';

const directory = mkdtempSync(join(tmpdir(), 'socktui-record-'));
afterAll(() => rmSync(directory, {recursive: true, force: true}));
let terminal: TestTerminal | undefined;
afterEach(async () => {
	await terminal?.dispose();
	terminal = undefined;
});

const leaveAltScreen = '\u001B[?1049l';
type Step = {data: string} | {resize: [number, number]};

interface Screen {
	buffer: string;
	cursor: [number, number];
	/** Each row's text, then each cell's colours and boldness, so a lost colour code shows too. */
	rows: string[];
	styles: string[];
}

/** Feeds `steps` into a fresh emulator up to the moment the program leaves the alternate screen. */
async function screenBeforeLeaving(columns: number, rows: number, steps: readonly Step[]): Promise<Screen> {
	const term = new xterm.Terminal({cols: columns, rows, allowProposedApi: true});
	const write = async (data: string) =>
		new Promise<void>((resolve) => {
			term.write(data, resolve);
		});
	for (const step of steps) {
		if ('resize' in step) {
			term.resize(...step.resize);
			continue;
		}

		const at = step.data.indexOf(leaveAltScreen);
		await write(at === -1 ? step.data : step.data.slice(0, at));
		if (at !== -1) break;
	}

	const buffer = term.buffer.active;
	const screen: Screen = {buffer: buffer.type, cursor: [buffer.cursorX, buffer.cursorY], rows: [], styles: []};
	for (let row = 0; row < term.rows; row++) {
		const line = buffer.getLine(buffer.viewportY + row)!;
		screen.rows.push(line.translateToString(true));
		const styles: string[] = [];
		for (let column = 0; column < term.cols; column++) {
			const cell = line.getCell(column)!;
			styles.push(`${cell.getFgColorMode()}:${cell.getFgColor()}:${cell.isBold()}:${cell.isDim()}`);
		}

		screen.styles.push(styles.join(' '));
	}

	term.dispose();
	return screen;
}

type Event = [number, string, string];

function readCast(path: string): {header: Record<string, unknown>; events: Event[]} {
	const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
	return {
		header: JSON.parse(lines[0]!) as Record<string, unknown>,
		events: lines.slice(1).map((line) => JSON.parse(line) as Event),
	};
}

describe('--record FILE', () => {
	it('writes asciicast v2 that replays to the very screen the terminal showed before quitting', async () => {
		const file = join(directory, 'demo.cast');
		const steps: Step[] = [];
		terminal = new TestTerminal(
			['--port', '0', '--sessions', '1', '--sim', '-P c3,i:c2,i,c1:i,c4 -L 4', '--record', file],
			{columns: 100, rows: 30},
		);
		terminal.pty.onData((data) => steps.push({data}));
		await terminal.waitForText('Timeline: simulator');
		await terminal.type('\t', '...');
		await terminal.waitForText('t 3/');
		steps.push({resize: [90, 28]});
		terminal.resize(90, 28);
		await terminal.type('?');
		await terminal.waitForText('help');
		await terminal.type('?', '.');
		await terminal.waitForText('t 4/');
		await terminal.type('q');
		expect((await terminal.waitForExit()).exitCode).toBe(0);

		const {header, events} = readCast(file);
		expect(header).toMatchObject({version: 2, width: 100, height: 30, env: {TERM: 'xterm-256color'}});
		expect(Number.isInteger(header['timestamp'])).toBe(true);
		expect(Math.abs(Number(header['timestamp']) - Date.now() / 1000)).toBeLessThan(600);
		for (const event of events) {
			expect(event).toHaveLength(3);
			expect(typeof event[0]).toBe('number');
			expect(['o', 'r']).toContain(event[1]);
			expect(typeof event[2]).toBe('string');
		}

		const times = events.map(([time]) => time);
		expect(times.every((time, index) => time >= 0 && (index === 0 || time >= times[index - 1]!))).toBe(true);
		expect(events.filter(([, type]) => type === 'r').map(([, , size]) => size)).toEqual(['90x28']);
		// From entering the alternate screen (and hiding the cursor) to leaving it: the screen guard's writes too.
		expect(events[0]![2]).toContain('\u001B[?1049h');
		expect(events.at(-1)![2]).toContain(leaveAltScreen);

		const replayed = await screenBeforeLeaving(
			100,
			30,
			events.map(([, type, data]): Step => {
				if (type === 'o') return {data};
				const [columns, rows] = data.split('x').map(Number);
				return {resize: [columns!, rows!]};
			}),
		);
		const shown = await screenBeforeLeaving(100, 30, steps);
		expect(shown.buffer).toBe('alternate');
		expect(shown.rows.join('\n')).toContain('t 4/');
		expect(replayed.rows).toEqual(shown.rows);
		expect(replayed.styles).toEqual(shown.styles);
		expect(replayed.cursor).toEqual(shown.cursor);
		expect(replayed.buffer).toBe('alternate');
	});

	it('closes a complete recording on SIGTERM: every line JSON, the screen left', async () => {
		const file = join(directory, 'term.cast');
		terminal = new TestTerminal(['--port', '0', '--sessions', '0', '--sim', '-P c3,i', '--record', file], {
			columns: 80,
			rows: 24,
		});
		await terminal.waitForText('Timeline: simulator');
		process.kill(terminal.pid, 'SIGTERM');
		expect((await terminal.waitForExit()).exitCode).toBe(143);
		const {header, events} = readCast(file);
		expect(header).toMatchObject({version: 2, width: 80, height: 24});
		expect(events.at(-1)![2]).toContain(leaveAltScreen);
	});

	it('refuses a file it cannot write with one line and exit 2, before the screen changes', async () => {
		terminal = new TestTerminal(['--port', '0', '--record', join(directory, 'no', 'such', 'dir.cast')]);
		const result = await terminal.waitForExit();
		expect(result.exitCode).toBe(2);
		expect(terminal.raw).not.toContain('\u001B[?1049h');
		expect(terminal.raw.trim()).toBe(
			`socktui: --record: cannot write '${join(directory, 'no', 'such', 'dir.cast')}': no such directory`,
		);
	});

	/** Runs the dashboard with `args`; expects one line on stderr and exit 2 before the screen changes. */
	async function refused(args: string[]): Promise<string> {
		terminal = new TestTerminal(['--port', '0', '--sessions', '0', ...args]);
		const result = await terminal.waitForExit();
		expect(result.exitCode).toBe(2);
		expect(terminal.raw).not.toContain('\u001B[?1049h');
		return terminal.raw.trim();
	}

	it('creates the recording 0600: it holds everything typed', async () => {
		const file = join(directory, 'private.cast');
		terminal = new TestTerminal(['--port', '0', '--sessions', '0', '--record', file]);
		await terminal.waitForText('Timeline');
		await terminal.type('q');
		expect((await terminal.waitForExit()).exitCode).toBe(0);
		expect(statSync(file).mode & 0o777).toBe(0o600);
	});

	it('refuses an existing file without --overwrite (issue 24: important.txt), and replaces it with it', async () => {
		const file = join(directory, 'important.txt');
		writeFileSync(file, 'do not lose this', {mode: 0o644});
		expect(await refused(['--record', file])).toBe(
			`socktui: --record: cannot write '${file}': it already exists (--overwrite replaces it)`,
		);
		expect(readFileSync(file, 'utf8')).toBe('do not lose this');

		terminal = new TestTerminal(['--port', '0', '--sessions', '0', '--record', file, '--overwrite']);
		await terminal.waitForText('Timeline');
		await terminal.type('q');
		expect((await terminal.waitForExit()).exitCode).toBe(0);
		expect(readCast(file).header).toMatchObject({version: 2});
		expect(statSync(file).mode & 0o777).toBe(0o600);
	});

	it.each([false, true])(
		'refuses a planted symlink to an existing file and a dangling one (--overwrite %s)',
		async (overwrite) => {
			const victim = join(directory, `root-owned-${overwrite}.conf`);
			writeFileSync(victim, 'root config');
			const planted = join(directory, `demo-${overwrite}.cast`);
			symlinkSync(victim, planted);
			const flag = overwrite ? ['--overwrite'] : [];
			expect(await refused(['--record', planted, ...flag])).toBe(
				`socktui: --record: cannot write '${planted}': it is a symbolic link (refused even with --overwrite)`,
			);
			expect(readFileSync(victim, 'utf8')).toBe('root config');

			const chosen = join(directory, `attacker-chose-${overwrite}`);
			const dangling = join(directory, `dangling-${overwrite}.cast`);
			symlinkSync(chosen, dangling);
			expect(await refused(['--record', dangling, ...flag])).toMatch(/it is a symbolic link/);
			expect(() => lstatSync(chosen)).toThrow(/ENOENT/);
		},
	);

	it.each([false, true])(
		'refuses a FIFO (no hang on open) and a directory, before the screen changes (--overwrite %s)',
		async (overwrite) => {
			const fifo = join(directory, `pipe-${overwrite}.cast`);
			execFileSync('mkfifo', [fifo]);
			const flag = overwrite ? ['--overwrite'] : [];
			expect(await refused(['--record', fifo, ...flag])).toBe(
				`socktui: --record: cannot write '${fifo}': it is a FIFO, not a regular file`,
			);
			const dir = join(directory, `dir-${overwrite}.cast`);
			mkdirSync(dir);
			expect(await refused(['--record', dir, ...flag])).toBe(
				`socktui: --record: cannot write '${dir}': it is a directory`,
			);
		},
	);
});
