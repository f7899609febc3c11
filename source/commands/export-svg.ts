import {readFileSync, statSync} from 'node:fs';
import process from 'node:process';
import {isSocktuiError, SocktuiError} from '../core/errors.js';
import {describeFileError, fileProblemError} from '../core/file-error.js';
import {writeNewFile} from '../core/files/safe-open.js';
import {schedChart, simChart} from '../ui/svg/export-charts.js';
import {lastScreen, maxCastBytes} from '../ui/svg/screen-replay.js';
import {screenSvg} from '../ui/svg/screen-svg.js';
import {timelineSvg} from '../ui/svg/timeline-svg.js';
import type {Command} from './command.js';
import {flagText} from './options.js';

const minWidth = 20;
const maxWidth = 1000;

const help = `  Usage
    $ socktui export-svg --sim "OPTIONS" [-o FILE [--overwrite]] [--width COLS]
    $ socktui export-svg --sched "OPTIONS" [-o FILE [--overwrite]] [--width COLS]
    $ socktui export-svg --screen CAST [-o FILE [--overwrite]]

  Draws a timeline as an SVG image (for slides), with the same chart lines the dashboard's timeline
  pane shows, without a terminal. In the dashboard, S saves the timeline shown as an SVG file.
  With --screen, draws the whole dashboard as a recording made with --record last showed it.

  Options
    --sim "OPTIONS"    a simulator run: 'socktui sim' options, e.g. --sim "-l 5:100,5:100 -S SWITCH_ON_IO"
                       (--compare draws the serial and the multiprogrammed runs)
    --sched "OPTIONS"  scheduler jobs: 'socktui sched' options, e.g. --sched "-p RR -q 2 -l 10,5,8"
    --screen CAST      the whole dashboard as it was when a recording ended: the last screen of an
                       asciicast v2 file written with 'socktui --record CAST' (before quitting)
    -o, --output FILE  write the SVG to a new file FILE, mode 0600 (default: standard output); an
                       existing FILE is refused, and so is a symlink, a FIFO, a device or a directory
    --overwrite        replace FILE if it is an existing regular file (never a symlink)
    --width COLS       columns of the chart, ${minWidth}-${maxWidth} (default: the whole simulator run; 100 for
                       the scheduler)
    --ascii            ASCII glyphs, as the dashboard draws them with --ascii

  Examples
    $ socktui export-svg --sim "-P c3,i:c2,i,c1:i,c4 -L 4" -o multiplexing.svg
    $ socktui export-svg --sched "-p RR -q 1 -l 10,10,10" > rr.svg
    $ socktui --record demo.cast   (then q)   and   $ socktui export-svg --screen demo.cast -o dashboard.svg`;

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

/** `--screen CAST`: the recording's last screen, or one line (exit 2) saying why it cannot be read. */
function readScreen(path: string): ReturnType<typeof lastScreen> {
	if (path.trim() === '') throw new SocktuiError('BadUsage', '--screen needs a recording, e.g. --screen demo.cast');
	let text: string;
	try {
		// A FIFO or a device would block or never end: only a regular file, of a size a recording has.
		const stat = statSync(path);
		if (stat.isDirectory()) throw Object.assign(new Error('directory'), {code: 'EISDIR'});
		if (!stat.isFile())
			throw new SocktuiError('BadInput', `--screen: cannot read '${path}': not a regular file`, {exitCode: 2});
		if (stat.size > maxCastBytes)
			throw new SocktuiError('BadInput', `--screen: cannot read '${path}': larger than 64 MiB`, {exitCode: 2});
		text = readFileSync(path, 'utf8');
	} catch (error: unknown) {
		if (isSocktuiError(error)) throw error;
		const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : describeFileError(error);
		throw new SocktuiError('BadInput', `--screen: cannot read '${path}': ${why}`, {exitCode: 2});
	}

	try {
		return lastScreen(text, `'${path}'`);
	} catch (error: unknown) {
		const message = isSocktuiError(error) ? error.message : String(error);
		throw new SocktuiError('BadInput', `--screen: ${message}`, {exitCode: 2});
	}
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
	summary: 'draw a simulator or scheduler timeline, or a recorded dashboard screen, as an SVG image',
	help,
	flags: {
		sim: {type: 'string'},
		sched: {type: 'string'},
		screen: {type: 'string'},
		output: {type: 'string', shortFlag: 'o'},
		width: {type: 'string'},
		ascii: {type: 'boolean', default: false},
		overwrite: {type: 'boolean', default: false},
	},
	async run({flags}) {
		const sim = flags['sim'] === undefined ? undefined : flagText(flags['sim']);
		const sched = flags['sched'] === undefined ? undefined : flagText(flags['sched']);
		const screen = flags['screen'] === undefined ? undefined : flagText(flags['screen']);
		if ([sim, sched, screen].filter((source) => source !== undefined).length !== 1)
			throw new SocktuiError(
				'BadUsage',
				'export-svg needs one of --sim "OPTIONS", --sched "OPTIONS" or --screen CAST (try \'socktui export-svg --help\')',
			);
		const output = flags['output'] === undefined ? undefined : flagText(flags['output']);
		if (output !== undefined && output.trim() === '')
			throw new SocktuiError('BadUsage', '-o needs a file name, e.g. -o timeline.svg');
		let svg: string;
		if (screen === undefined) {
			const format = {width: parseWidth(flags['width']), ascii: flags['ascii'] === true};
			const chart = sim === undefined ? schedChart(sched!, format) : simChart(sim, format);
			svg = timelineSvg(chart);
		} else {
			if (flags['width'] !== undefined || flags['ascii'] === true)
				throw new SocktuiError(
					'BadUsage',
					'--width and --ascii do not apply to --screen (the screen is drawn as it was recorded)',
				);
			svg = screenSvg(readScreen(screen), 'socktui: the dashboard');
		}
		if (output === undefined) {
			await writeStdout(svg);
			return 0;
		}

		const problem = writeNewFile(output, svg, {overwrite: flags['overwrite'] === true});
		if (problem) throw fileProblemError('-o', output, problem);

		return 0;
	},
};
