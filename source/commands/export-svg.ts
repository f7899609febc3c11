import process from 'node:process';
import {SocktuiError} from '../core/errors.js';
import {fileProblemError} from '../core/file-error.js';
import {writeNewFile} from '../core/files/safe-open.js';
import {schedChart, simChart} from '../ui/svg/export-charts.js';
import {timelineSvg} from '../ui/svg/timeline-svg.js';
import type {Command} from './command.js';
import {flagText} from './options.js';

const minWidth = 20;
const maxWidth = 1000;

const help = `  Usage
    $ socktui export-svg --sim "OPTIONS" [-o FILE [--overwrite]] [--width COLS]
    $ socktui export-svg --sched "OPTIONS" [-o FILE [--overwrite]] [--width COLS]

  Draws a timeline as an SVG image (for slides), with the same chart lines the dashboard's timeline
  pane shows, without a terminal. In the dashboard, S saves the timeline shown as an SVG file.

  Options
    --sim "OPTIONS"    a simulator run: 'socktui sim' options, e.g. --sim "-l 5:100,5:100 -S SWITCH_ON_IO"
                       (--compare draws the serial and the multiprogrammed runs)
    --sched "OPTIONS"  scheduler jobs: 'socktui sched' options, e.g. --sched "-p RR -q 2 -l 10,5,8"
    -o, --output FILE  write the SVG to a new file FILE, mode 0600 (default: standard output); an
                       existing FILE is refused, and so is a symlink, a FIFO, a device or a directory
    --overwrite        replace FILE if it is an existing regular file (never a symlink)
    --width COLS       columns of the chart, ${minWidth}-${maxWidth} (default: the whole simulator run; 100 for
                       the scheduler)
    --ascii            ASCII glyphs, as the dashboard draws them with --ascii

  Examples
    $ socktui export-svg --sim "-P c3,i:c2,i,c1:i,c4 -L 4" -o multiplexing.svg
    $ socktui export-svg --sched "-p RR -q 1 -l 10,10,10" > rr.svg`;

function parseWidth(value: unknown): number | undefined {
	if (value === undefined) return undefined;
	const text = flagText(value).trim();
	if (!/^\d+$/.test(text) || Number(text) < minWidth || Number(text) > maxWidth)
		throw new SocktuiError(
			'BadUsage',
			`--width must be a number of columns from ${minWidth} to ${maxWidth}, got '${text}'`,
		);
	return Number(text);
}

async function writeStdout(text: string): Promise<void> {
	await new Promise<void>((resolve) => {
		// A reader that went away (`| head`) is not an error worth a stack trace.
		process.stdout.once('error', () => resolve());
		process.stdout.write(text, () => resolve());
	});
}

export const exportSvgCommand: Command = {
	name: 'export-svg',
	summary: 'draw a simulator or scheduler timeline as an SVG image, for slides',
	help,
	flags: {
		sim: {type: 'string'},
		sched: {type: 'string'},
		output: {type: 'string', shortFlag: 'o'},
		width: {type: 'string'},
		ascii: {type: 'boolean', default: false},
		overwrite: {type: 'boolean', default: false},
	},
	async run({flags}) {
		const sim = flags['sim'] === undefined ? undefined : flagText(flags['sim']);
		const sched = flags['sched'] === undefined ? undefined : flagText(flags['sched']);
		if ((sim === undefined) === (sched === undefined))
			throw new SocktuiError(
				'BadUsage',
				'export-svg needs one of --sim "OPTIONS" or --sched "OPTIONS" (try \'socktui export-svg --help\')',
			);
		const output = flags['output'] === undefined ? undefined : flagText(flags['output']);
		if (output !== undefined && output.trim() === '')
			throw new SocktuiError('BadUsage', '-o needs a file name, e.g. -o timeline.svg');
		const format = {width: parseWidth(flags['width']), ascii: flags['ascii'] === true};
		const chart = sim === undefined ? schedChart(sched!, format) : simChart(sim, format);
		const svg = timelineSvg(chart);
		if (output === undefined) {
			await writeStdout(svg);
			return 0;
		}

		const problem = writeNewFile(output, svg, {overwrite: flags['overwrite'] === true});
		if (problem) throw fileProblemError('-o', output, problem);

		return 0;
	},
};
