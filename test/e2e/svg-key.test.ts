import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {parseSvg, xmlCheckUnavailable} from '../helpers/xml-check.js';
import {TestTerminal} from './helpers/terminal.js';

const skip = xmlCheckUnavailable();
if (skip) console.log(`skipping the SVG key test: ${skip}`);
const directory = mkdtempSync(join(tmpdir(), 'socktui-svg-e2e-'));
afterAll(() => rmSync(directory, {recursive: true, force: true}));
let terminal: TestTerminal | undefined;
afterEach(async () => {
	await terminal?.dispose();
	terminal = undefined;
});

describe('key S in a real terminal', () => {
	it.skipIf(skip)('saves the simulator timeline shown as an SVG file in the working directory', async () => {
		terminal = new TestTerminal(['--port', '0', '--sessions', '0', '--sim', '-P c3,i:c2,i,c1:i,c4 -L 4'], {
			columns: 100,
			rows: 30,
			cwd: directory,
		});
		await terminal.waitForText('Timeline: simulator');
		await terminal.type('\t', '....');
		await terminal.waitForText('t 4/');
		await terminal.type('S');
		const screen = await terminal.waitForText(/wrote socktui-timeline-\d{8}-\d{6}\.svg/u);
		const name = /wrote (socktui-timeline-\d{8}-\d{6}\.svg)/u.exec(screen)![1]!;
		expect(readdirSync(directory)).toEqual([name]);
		const parsed = parseSvg(readFileSync(join(directory, name)));
		expect(parsed.lanes.filter((lane) => lane.kind === 'process').map((lane) => lane.lane)).toEqual(['P0', 'P1', 'P2']);
		expect(parsed.text).toContain('t 4/');
		await terminal.type('q');
		expect((await terminal.waitForExit()).exitCode).toBe(0);
	});
});
