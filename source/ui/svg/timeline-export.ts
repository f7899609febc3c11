import {relative} from 'node:path';
import process from 'node:process';
import {describeFileProblem} from '../../core/file-error.js';
import type {Segment} from '../segments.js';
import type {KeyNote, TimelineView} from '../state/ui-state.js';
import type {LinesSink} from './lines-sink.js';
import {writeNewSvgFile} from './svg-file.js';
import {timelineSvg} from './timeline-svg.js';

const viewNames: Record<TimelineView, string> = {
	live: 'live processes',
	sim: 'simulator',
	sched: 'scheduler',
	experiment: 'experiment',
};

/**
 * The `S` key: remembers the lines each timeline view last drew, and saves the shown view's as an SVG
 * file in `directory` (the working directory). `save` says what happened, for the status bar.
 */
export class TimelineSvgExport {
	readonly #shown = new Map<TimelineView, {lines: readonly Segment[][]; width: number}>();
	readonly #sinks = new Map<TimelineView, LinesSink>();
	readonly #directory: string;

	constructor(directory = process.cwd()) {
		this.#directory = directory;
	}

	/** The sink for one view (the same function every time, so the context value never changes). */
	sinkFor(view: TimelineView): LinesSink {
		let sink = this.#sinks.get(view);
		if (!sink) {
			sink = (lines, width) => this.#shown.set(view, {lines, width});
			this.#sinks.set(view, sink);
		}

		return sink;
	}

	save(view: TimelineView, now = new Date()): KeyNote {
		const shown = this.#shown.get(view);
		if (!shown || shown.lines.length === 0) return {note: 'svg-nothing', view};
		const svg = timelineSvg({
			title: `socktui timeline: ${viewNames[view]}`,
			caption: `${now.toLocaleString('en-GB')}, as the dashboard showed it (${shown.width} columns)`,
			lines: shown.lines,
			columns: shown.width,
		});
		const written = writeNewSvgFile(svg, this.#directory, now);
		return written.ok
			? {note: 'svg-wrote', file: relative(process.cwd(), written.path)}
			: {note: 'svg-failed', reason: describeFileProblem(written.problem)};
	}
}
