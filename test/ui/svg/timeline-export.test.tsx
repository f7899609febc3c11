import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {parseSimSpec} from '../../../source/core/ostep/process-run/sim-spec.js';
import {createSimHostedPane} from '../../../source/ui/panes/sim/sim-host.js';
import {lineText} from '../../../source/ui/segments.js';
import {svgFileName} from '../../../source/ui/svg/svg-file.js';
import {TimelineSvgExport} from '../../../source/ui/svg/timeline-export.js';
import {parseSvg, xmlCheckUnavailable} from '../../helpers/xml-check.js';
import {keys, renderDashboardApp} from '../helpers/dashboard-fixture.js';

const skip = xmlCheckUnavailable();
if (skip) console.log(`skipping the XML checks: ${skip}`);
const directory = mkdtempSync(join(tmpdir(), 'socktui-svg-key-'));
afterAll(() => rmSync(directory, {recursive: true, force: true}));

type Fixture = ReturnType<typeof renderDashboardApp>;
let fixture: Fixture | undefined;
afterEach(() => {
	fixture?.cleanup();
	fixture = undefined;
});

/** The rows inside the timeline pane (the right one of the top row), as the frame shows them. */
const timelineRows = (frame: string) =>
	frame
		.split('\n')
		.map((line) => line.split(/[│║]/u).at(-2))
		.filter((inside): inside is string => inside !== undefined)
		.map((inside) => inside.trimEnd());

describe('key S: the timeline shown, saved as SVG', () => {
	it.skipIf(skip)(
		'writes the lines the pane drew, says "wrote FILE" in the status bar, a new file each time',
		async () => {
			const svgExport = new TimelineSvgExport(directory);
			let drawn: string[] = [];
			const record = svgExport.sinkFor('sim');
			// Watch what the pane hands the export: it must be what the terminal frame shows.
			svgExport.sinkFor = () => (lines, width) => {
				drawn = lines.map((line) => lineText(line).trimEnd());
				record(lines, width);
			};

			fixture = renderDashboardApp({
				timeline: {sim: createSimHostedPane(parseSimSpec('-P c3,i:c2,i,c1:i,c4 -L 4'))},
				initialView: 'sim',
				svgExport,
			});
			await fixture.press(keys.shiftTab, '..');
			expect(fixture.frame()).toContain('t 2/');
			await fixture.press('S');
			const frame = fixture.frame();
			const written = /wrote (\S+\.svg)/u.exec(frame)?.[1];
			expect(written, frame).toBeDefined();
			expect(timelineRows(frame).slice(0, drawn.length)).toEqual(drawn);
			const files = readdirSync(directory);
			expect(files).toHaveLength(1);
			expect(files[0]).toMatch(/^socktui-timeline-\d{8}-\d{6}\.svg$/u);
			const parsed = parseSvg(readFileSync(join(directory, files[0]!)));
			expect(parsed.lanes.filter((lane) => lane.kind === 'process').map((lane) => lane.lane)).toEqual([
				'P0',
				'P1',
				'P2',
			]);
			expect(parsed.text).toContain('t 2/');

			// The hint lasts until the next key; a second save in the same second gets a file of its own.
			await fixture.press('.');
			expect(fixture.frame()).not.toContain('wrote ');
			await fixture.press('S', 'S');
			expect(readdirSync(directory).length).toBeGreaterThanOrEqual(2);
		},
	);

	it('says there is nothing to save when the view shown drew no timeline', () => {
		const svgExport = new TimelineSvgExport(directory);
		expect(svgExport.save('live')).toEqual({note: 'svg-nothing', view: 'live'});
	});

	it('says why when the file cannot be written', () => {
		const svgExport = new TimelineSvgExport(join(directory, 'no', 'such', 'dir'));
		svgExport.sinkFor('sched')([[{text: 'J0 ', lane: {kind: 'process', id: 'J0'}}]], 10);
		expect(svgExport.save('sched')).toEqual({note: 'svg-failed', reason: 'no such directory'});
	});

	it('never writes over a file: a name taken gets -2', () => {
		const now = new Date(2026, 10, 29, 4, 30, 12);
		const svgExport = new TimelineSvgExport(directory);
		svgExport.sinkFor('sched')([[{text: 'J0 '}]], 10);
		svgExport.save('sched', now);
		svgExport.save('sched', now);
		expect(svgFileName(now)).toBe('socktui-timeline-20261129-043012.svg');
		expect(existsSync(join(directory, 'socktui-timeline-20261129-043012.svg'))).toBe(true);
		expect(existsSync(join(directory, 'socktui-timeline-20261129-043012-2.svg'))).toBe(true);
	});
});
