import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import xterm from '@xterm/headless';
import {describe, expect, it} from 'vitest';
import {lastScreen, sgrColor, type Screen} from '../../../source/ui/svg/screen-replay.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const leaveAltScreen = '\u001B[?1049l';

const cast = (columns: number, rows: number, ...events: Array<string | {resize: string}>) =>
	[
		JSON.stringify({version: 2, width: columns, height: rows, timestamp: 0, env: {TERM: 'xterm-256color'}}),
		...events.map((event, index) =>
			JSON.stringify(typeof event === 'string' ? [index / 10, 'o', event] : [index / 10, 'r', event.resize]),
		),
	].join('\n');

const rowText = (screen: Screen, row: number) =>
	screen.lines[row]!.map((segment) => segment.text)
		.join('')
		.trimEnd();

/** What xterm.js (the emulator the e2e tests read screens with) shows for the same recording. */
async function xtermRows(text: string): Promise<{rows: string[]; inverse: string[]}> {
	const [header, ...events] = text.trimEnd().split('\n');
	const {width, height} = JSON.parse(header!) as {width: number; height: number};
	const term = new xterm.Terminal({cols: width, rows: height, allowProposedApi: true});
	for (const line of events) {
		const [, type, data] = JSON.parse(line) as [number, string, string];
		if (type === 'r') {
			const [columns, rows] = data.split('x').map(Number);
			term.resize(columns!, rows!);
			continue;
		}

		const at = data.indexOf(leaveAltScreen);
		await new Promise<void>((resolve) => {
			term.write(at === -1 ? data : data.slice(0, at), resolve);
		});
		if (at !== -1) break;
	}

	const buffer = term.buffer.active;
	const rows: string[] = [];
	const inverse: string[] = [];
	for (let row = 0; row < term.rows; row++) {
		const line = buffer.getLine(buffer.viewportY + row)!;
		rows.push(line.translateToString(true));
		let marks = '';
		for (let column = 0; column < term.cols; column++) marks += line.getCell(column)!.isInverse() ? 'i' : '.';
		inverse.push(marks);
	}

	term.dispose();
	return {rows, inverse};
}

const inverseMarks = (screen: Screen) =>
	screen.backgrounds.map((fills) => {
		const marks = Array.from({length: screen.columns}, () => '.');
		for (const fill of fills)
			for (let column = fill.column; column < fill.column + fill.columns; column++) marks[column] = 'i';
		return marks.join('');
	});

describe('lastScreen: the screen an asciicast recording ends on', () => {
	it("reads the README's recording of the dashboard as xterm.js does, text and highlights", async () => {
		const text = readFileSync(path.join(root, 'docs/images/dashboard.cast'), 'utf8');
		const screen = lastScreen(text, 'dashboard.cast');
		const expected = await xtermRows(text);
		expect(screen.lines.map((_, row) => rowText(screen, row))).toEqual(expected.rows);
		expect(inverseMarks(screen)).toEqual(expected.inverse);
		// The whole dashboard: the server pane, the timeline, both sessions, the status bar.
		const all = expected.rows.join('\n');
		expect(all).toMatch(/Server \(pid \d+/);
		expect(all).toMatch(/Timeline: live processes/);
		expect(all).toMatch(/#1 TCP pid \d+/);
		expect(all).toMatch(/#2 UDP pid \d+/);
	});

	it('follows cursor moves, erases, wide characters, a pending wrap and escapes split across writes', async () => {
		const text = cast(
			10,
			4,
			'\u001B[?1049h\u001B[?25l',
			'\u001B[1;1Habcdefghij\u001B[K',
			'\u001B[2;1H中文x\u001B[31mred\u001B[0m',
			'\u001B[3;1Hkeep this\u001B[3;5H\u001B[',
			'K\u001B[4;3H\u001B[7mhi\u001B[27m',
			'\u001B]0;a title\u0007',
		);
		const screen = lastScreen(text, 'test');
		expect(screen.lines.map((_, row) => rowText(screen, row))).toEqual(['abcdefghij', '中文xred', 'keep', '  hi']);
		expect(screen.lines.map((_, row) => rowText(screen, row))).toEqual((await xtermRows(text)).rows);
		expect(screen.lines[1]!.find((segment) => segment.text === 'red')?.color).toBe('red');
		expect(screen.backgrounds[3]).toEqual([{column: 2, columns: 2, color: 'foreground'}]);
		expect(screen.lines[3]!.find((segment) => segment.text === 'hi')?.color).toBe('background');
	});

	it('stops where the program leaves the alternate screen, and follows resizes', () => {
		const screen = lastScreen(
			cast(
				10,
				3,
				'\u001B[?1049h\u001B[1;1Hbefore',
				{resize: '12x2'},
				`\u001B[2;1Hlast row${leaveAltScreen}gone`,
				'after',
			),
			'test',
		);
		expect([screen.columns, screen.rows]).toEqual([12, 2]);
		expect([rowText(screen, 0), rowText(screen, 1)]).toEqual(['before', 'last row']);
	});

	it.each([
		['', /^test is not an asciicast v2 recording/],
		['{"version": 1, "width": 80, "height": 24}', /^test is not an asciicast v2 recording/],
		['{"version": 2, "width": 0, "height": 24}', /^test is not an asciicast v2 recording/],
		[`${cast(10, 2)}\n[0.1, "o"`, /^test, line 2: not an asciicast event/],
	])('%j is refused in one line', (text, message) => {
		expect(() => lastScreen(text, 'test')).toThrow(message);
	});
});

describe('sgrColor', () => {
	it.each([
		['31', 'red'],
		['90', 'gray'],
		['92', 'greenBright'],
		['44', 'blue'],
		['38;5;9', 'redBright'],
		['38;5;196', '#ff0000'],
		['38;5;244', '#808080'],
		['38;2;1;2;3', '#010203'],
		[undefined, undefined],
	])('%s is %s', (code, name) => {
		expect(sgrColor(code)).toBe(name);
	});
});
