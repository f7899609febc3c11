import {memoryFigure} from '../../../core/procs/demo-memory.js';
import {formatBytes} from '../../format.js';
import {displayWidth, fitWidth, padEndWidth, sliceWidth} from '../../../core/text/display-width.js';
import {
	cellKinds,
	coreIdle,
	coreOther,
	coreUnknown,
	phaseKinds,
	type CoreLaneSnapshot,
	type ProcessLaneSnapshot,
	type TimelineSnapshot,
} from '../../../core/procs/types.js';
import {
	asciiLiveGlyphs,
	cellColors,
	laneMark,
	markColors,
	phaseColors,
	unicodeLiveGlyphs,
	type LiveGlyphs,
} from './live-glyphs.js';
import type {TimelineMessages} from '../../i18n/pane-messages.js';
import {paneMessagesEn} from '../../i18n/pane-messages-en.js';
import {laneDetailLines, reasonLegendLines} from './lane-detail.js';
import {formatCount} from '../../format.js';
import {liveDisturbance} from '../../../core/procs/live-disturbance.js';
import {wrapWords} from '../../wrap-words.js';
import {cutMarker, fitLine, lineText, type Segment} from '../../segments.js';

export {fitLine, lineText, type Segment};

/**
 * Turns a sampler snapshot into the pane's lines, pure and Ink-free. Every line's segments together fit in
 * `width` columns (all glyphs are one column wide) and there are never more than `height` lines: lanes
 * are dropped or cut, never wrapped. The newest tick is the rightmost column.
 */
export type TimelineLine = Segment[];

export interface TimelineLineOptions {
	/** Columns and rows the lines may use: lanes are cut, never wrapped. */
	width: number;
	height: number;
	ascii: boolean;
	color: boolean;
	focused: boolean;
	/** One-CPU mode, in words: "pinned to CPU 1", or why it is unavailable. */
	oneCpuNote?: string;
	/** The lane the guided tour is talking about: its label is shown inverted, so a projector shows it too. */
	highlightPid?: number | undefined;
	/** One-CPU mode's demo CPU: its core row is what the demo is about, kept like a process lane. */
	demoCpu?: number | undefined;
	/** The words, in the dashboard's language (English when unset). */
	words?: TimelineMessages;
	/**
	 * Each process lane shows its memory (PSS, or RSS where PSS is unreadable) on its own row, right of its
	 * label, so it is on screen at any height (tour step 9, "look at each lane").
	 */
	laneMemory?: boolean | undefined;
}

interface Row {
	line: TimelineLine;
	/** Lower is kept first when rows are short. */
	priority: number;
	order: number;
}

const labelMax = 22;

export function buildTimelineLines(snapshot: TimelineSnapshot, options: TimelineLineOptions): TimelineLine[] {
	const {width, height} = options;
	if (width <= 0 || height <= 0) return [];
	const glyphs = options.ascii ? asciiLiveGlyphs : unicodeLiveGlyphs;
	const words = options.words ?? paneMessagesEn.timeline;
	const paint = (color: string | undefined) => (options.color ? color : undefined);
	const caps = snapshot.capabilities;
	// A lane's letter is its slot, kept by the sampler while the lane is: never shifted by other lanes.
	const allLanes = snapshot.processes.map((lane, index) => ({
		lane,
		label: words.laneLabel(lane.label),
		mark: laneMark(lane.slot ?? index),
		markColor: markColors[(lane.slot ?? index) % markColors.length]!,
	}));
	const marks = new Map(allLanes.map((entry) => [entry.lane.pid, entry]));

	// Column layout: label | cells | stats. Stats shrink, then go, before the cells get too narrow.
	const labelWidth = Math.min(
		labelMax,
		Math.max(8, ...allLanes.map(({lane, label}) => 2 + displayWidth(label) + 1 + String(lane.pid).length)),
	);
	let statsWidth = width >= 100 ? 38 : width >= 80 ? 30 : width >= 56 ? 12 : 0;
	if (statsWidth > 0 && width - labelWidth - 1 - (statsWidth + 1) < 10) statsWidth = 0;
	// The memory column ("12 MB", "9.9 MB", "123 MB"): the label gives way to it before the cells do.
	const memoryWidth = options.laneMemory && width >= 24 ? 6 : 0;

	const labelCol = Math.min(labelWidth, Math.max(0, width - 2 - (memoryWidth > 0 ? memoryWidth + 1 : 0)));
	const cellsWidth = Math.max(
		0,
		width - labelCol - 1 - (statsWidth > 0 ? statsWidth + 1 : 0) - (memoryWidth > 0 ? memoryWidth + 1 : 0),
	);
	const visible = Math.min(cellsWidth, snapshot.columns);
	const pad = cellsWidth - visible;
	const from = snapshot.columns - visible;

	// An exited process whose visible cells are all "exited" has scrolled off: its lane goes.
	const lanes = allLanes.filter(({lane}) => !lane.exited || hasLiveCell(lane, from));

	const rows: Row[] = [];
	let order = 0;
	const add = (line: TimelineLine, priority: number) => rows.push({line, priority, order: order++});

	add(header(snapshot, options, glyphs, words), 0);
	if (caps.notes.length > 0) {
		const notes = caps.notes.map((note) =>
			note.code === 'readFailed' || note.code === 'readError'
				? words.notes[note.code](note.detail)
				: words.notes[note.code],
		);
		add([{text: words.notMeasured(notes.join('; ')), color: paint('yellow')}], 2);
	}
	// Other programs on the demo's CPU: said in words, the meter's threshold (live-disturbance.ts).
	const disturbance = liveDisturbance(snapshot, options.demoCpu);
	if (disturbance && disturbance.disturbed.length > 0) {
		const said = words.disturbed(
			disturbance.disturbed.map(({cpu, otherPct}) => ({cpu, pct: otherPct})),
			disturbance.seconds,
		);
		for (const text of wrapWords(said, width)) add([{text, color: paint('yellow')}], 0);
	}

	if (lanes.length === 0) add([{text: words.noProcesses, color: paint('gray')}], 1);

	for (const {lane, label: laneWords, mark, markColor} of lanes) {
		const label = laneLabel(`${mark} ${laneWords}`, lane.pid, labelCol, cutMarker(options.ascii));
		const line: TimelineLine = [
			{
				text: padEndWidth(label, labelCol),
				color: paint(markColor),
				bold: true,
				...(lane.pid === options.highlightPid ? {inverse: true} : {}),
				lane: {kind: 'process', id: String(lane.pid)},
			},
			{text: ' '},
		];
		if (memoryWidth > 0) line.push({text: `${laneMemoryText(lane).padStart(memoryWidth)} `, bold: true});
		if (pad > 0) line.push({text: ' '.repeat(pad)});
		line.push(
			...runs(withRan(lane), from, (code) => {
				const kind = cellKinds[code & cellMask] ?? 'none';
				const ranPart = (code & ranFlag) !== 0 && (kind === 'runnable' || kind === 'sleeping');
				return {text: ranPart ? glyphs.ranPart[kind] : glyphs.cell[kind], color: paint(cellColors[kind])};
			}),
		);
		if (statsWidth > 0) line.push({text: ' '}, ...stats(lane, statsWidth, caps.cpuPercentIsAverage, paint, words));
		add(line, 1);
		if (hasPhase(lane, from)) {
			const phaseLabel =
				labelCol >= 15 ? words.selfLabel.long : labelCol >= 11 ? words.selfLabel.medium : words.selfLabel.short;
			const phaseLine: TimelineLine = [
				{
					text: padEndWidth(sliceWidth(`  ${glyphs.selfArrow} ${phaseLabel}`, labelCol), labelCol),
					dim: true,
					italic: true,
				},
				{text: ' '},
			];
			if (pad > 0) phaseLine.push({text: ' '.repeat(pad)});
			phaseLine.push(
				...runs(lane.phases, from, (code) => {
					const phase = phaseKinds[code];
					return phase === undefined || phase === 'none'
						? {text: ' '}
						: {text: glyphs.phase[phase], color: paint(phaseColors[phase]), italic: true};
				}),
			);
			if (statsWidth > 0 && lane.phase)
				phaseLine.push(
					{text: ' '},
					{text: sliceWidth(said(words, lane.phase, statsWidth), statsWidth), dim: true, italic: true},
				);
			add(phaseLine, 4);
		}

		// Memory and why it lost the CPU, in words, under the lane (and its self-reported phases).
		const indent = width >= 30 ? `  ${glyphs.selfArrow} ` : `${glyphs.selfArrow} `;
		for (const detail of laneDetailLines(lane, {
			width: width - indent.length,
			maxLines: 2,
			ascii: options.ascii,
			words,
		})) {
			add(
				[
					{text: indent, dim: true},
					{text: detail, color: paint(detailColor(lane))},
				],
				3,
			);
		}
	}

	for (const core of pickCores(snapshot.cores, from, height)) {
		const line: TimelineLine = [
			{
				text: `cpu${core.cpu}`.padEnd(labelCol).slice(0, labelCol),
				bold: true,
				lane: {kind: 'cpu', id: `cpu${core.cpu}`},
			},
			{text: ' '},
		];
		if (pad > 0) line.push({text: ' '.repeat(pad)});
		line.push(...runs(core.owners, from, (owner) => coreCell(owner, marks, glyphs, paint)));
		if (statsWidth > 0)
			line.push({text: ' '}, {text: sliceWidth(coreNow(core, marks, words, statsWidth), statsWidth), dim: true});
		// The demo's CPU in one-CPU mode is what the demo is about: kept before any lane.
		add(line, core.cpu === options.demoCpu ? 0 : 3);
	}

	const [measuredLegend, reportedLegend] = legend(glyphs, paint, caps.coreBusy, width, words);
	for (const line of measuredLegend) add(line, 2);
	if (lanes.length > 0 && snapshot.columns > 0) for (const line of ranLegend(glyphs, paint, width, words)) add(line, 2);
	if (caps.contextSwitches && lanes.length > 0)
		for (const text of reasonLegendLines(width, words, glyphs.separator)) add([{text}], 2);
	for (const line of reportedLegend) add(line, 3);

	// Keep the most important rows that fit, then show them in their natural order.
	const kept = [...rows].sort((a, b) => a.priority - b.priority || a.order - b.order).slice(0, height);
	const droppedProcesses = rows.filter((row) => row.priority === 1 && !kept.includes(row)).length;
	if (droppedProcesses > 0 && kept.length > 1) {
		// Say that processes are missing rather than silently cutting them.
		const last = kept.filter((row) => row.priority === 1).at(-1);
		if (last) last.line = [{text: words.moreProcesses(droppedProcesses + 1), color: paint('yellow')}];
	}

	return kept.sort((a, b) => a.order - b.order).map((row) => fitLine(row.line, width, cutMarker(options.ascii)));
}

function header(
	snapshot: TimelineSnapshot,
	options: TimelineLineOptions,
	glyphs: LiveGlyphs,
	words: TimelineMessages,
): TimelineLine {
	const caps = snapshot.capabilities;
	const source =
		caps.source === 'proc' ? words.source.proc : caps.source === 'ps' ? words.source.ps : words.source.none;
	const seconds = (snapshot.columns * snapshot.intervalMs) / 1000;
	const parts: TimelineLine = [
		{text: snapshot.paused ? words.paused : '', color: options.color ? 'yellow' : undefined, bold: true},
		{text: source},
	];
	// The sampling period, the span shown and the keys' hint come only whole: never cut at the pane's edge.
	const fits = (part: Segment) => displayWidth(lineText(parts)) + displayWidth(part.text) <= options.width;
	const perColumn = {text: ` ${glyphs.separator} ${words.perColumn(snapshot.intervalMs)}`};
	if (fits(perColumn)) parts.push(perColumn);
	if (options.oneCpuNote)
		parts.push({text: ` ${glyphs.separator} ${options.oneCpuNote}`, color: options.color ? 'cyan' : undefined});
	const shown = {text: ` ${glyphs.separator} ${words.shown(seconds.toFixed(1))}`};
	if (fits(shown)) parts.push(shown);
	const hint = {text: ` ${glyphs.separator} ${words.focusHint}`, dim: true};
	if (options.focused && fits(hint)) parts.push(hint);
	return parts.filter((part) => part.text !== '');
}

/**
 * A legend's items laid out by whole items: the prefix opens the first row, items follow two spaces apart,
 * and an item that would pass the edge starts the next row (indented), so no legend word is cut at the edge.
 */
export function packLegend(prefix: TimelineLine, items: TimelineLine[], width: number): TimelineLine[] {
	const rows: TimelineLine[] = [];
	let row: TimelineLine = [...prefix];
	let used = displayWidth(lineText(prefix));
	let fresh = true;
	for (const item of items) {
		const itemWidth = displayWidth(lineText(item));
		if (!fresh && used + 2 + itemWidth > width) {
			rows.push(row);
			row = [{text: '  '}];
			used = 2;
			fresh = true;
		}

		if (!fresh) {
			row.push({text: '  '});
			used += 2;
		}

		row.push(...item);
		used += itemWidth;
		fresh = false;
	}

	rows.push(row);
	return rows;
}

/** The legend rows: the measured states, then the self-reported phases and the core lanes (each wraps by item). */
function legend(
	glyphs: LiveGlyphs,
	paint: (color: string | undefined) => string | undefined,
	coreBusy: boolean,
	width: number,
	words: TimelineMessages,
): [TimelineLine[], TimelineLine[]] {
	const long = width >= 84;
	const measured = (['running', 'runnable', 'sleeping', 'exited'] as const).map((kind): TimelineLine => [
		{text: glyphs.cell[kind], color: paint(cellColors[kind])},
		{text: ` ${long ? words.cells[kind] : words.cellsShort[kind]}`},
	]);
	const reported = (['computing', 'waiting-reply', 'idle'] as const).map((phase): TimelineLine => [
		{text: glyphs.phase[phase], color: paint(phaseColors[phase]), italic: true},
		{text: ` ${long ? words.phases[phase] : words.phasesShort[phase]}`, italic: true},
	]);
	reported.push([
		{text: `${glyphs.separator} ${words.cpuLegend(glyphs.coreIdle, coreBusy ? glyphs.coreOther : undefined)}`},
	]);
	return [
		packLegend([{text: words.measured}], measured, width),
		packLegend([{text: words.selfReported, italic: true}], reported, width),
	];
}

/** The marks for a column the process ran part of, on their own legend row (wrapping by item). */
function ranLegend(
	glyphs: LiveGlyphs,
	paint: (color: string | undefined) => string | undefined,
	width: number,
	words: TimelineMessages,
): TimelineLine[] {
	const long = width >= 64;
	return packLegend(
		[{text: long ? words.ranLong : words.ranShort}],
		[
			[
				{text: glyphs.ranPart.runnable, color: paint(cellColors.runnable)},
				{text: ` ${long ? words.ranParts.runnable : words.ranPartsShort.runnable}`},
			],
			[
				{text: glyphs.ranPart.sleeping, color: paint(cellColors.sleeping)},
				{text: ` ${long ? words.ranParts.sleeping : words.ranPartsShort.sleeping}`},
			],
		],
		width,
	);
}

const cellMask = 0x07;
const ranFlag = 0x08;

/** The lane's cell codes with the "got CPU time" flag folded in, so `runs` groups by both. */
function withRan(lane: ProcessLaneSnapshot): Uint8Array {
	const out = new Uint8Array(lane.cells.length);
	for (let index = 0; index < out.length; index++) out[index] = lane.cells[index]! | (lane.ran[index] ? ranFlag : 0);
	return out;
}

/** The reasons line is coloured when the process was preempted in the last second (the lesson of turns). */
function detailColor(lane: ProcessLaneSnapshot): string | undefined {
	return (lane.latest.involuntaryRecent ?? 0) > 0 ? 'yellow' : undefined;
}

/** A process lane's memory, rounded as the demo's total is (memoryFigure): PSS, else RSS; blank for a thread. */
function laneMemoryText(lane: ProcessLaneSnapshot): string {
	const bytes = lane.kind === 'thread' || lane.exited ? undefined : (lane.latest.pssBytes ?? lane.latest.rssBytes);
	return bytes === undefined ? '' : formatBytes(memoryFigure(bytes));
}

function laneLabel(name: string, pid: number, width: number, marker = '…'): string {
	const clean = name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
	const pidText = ` ${pid}`;
	// Columns, not characters: a thread or program name may be Chinese.
	const cleanWidth = displayWidth(clean);
	if (cleanWidth + pidText.length <= width) return clean + pidText;
	// A long name that fits on its own ("dashboard (this UI)") keeps its words rather than its PID.
	if (cleanWidth <= width && cleanWidth > 16) return clean;
	const room = width - pidText.length;
	// Shortened at its end with the marker, never cut mid-word unmarked.
	if (room >= 3) return fitWidth(clean, room, marker) + pidText;
	return fitWidth(clean, width, marker);
}

function stats(
	lane: ProcessLaneSnapshot,
	width: number,
	average: boolean,
	paint: (color: string | undefined) => string | undefined,
	words: TimelineMessages,
): TimelineLine {
	const latest = lane.latest;
	if (lane.exited) return [{text: sliceWidth(words.exited, width), color: paint('gray')}];
	if (latest.state === undefined && latest.cpuPercent === undefined)
		return [{text: sliceWidth(words.noReading, width), dim: true}];
	const letter = latest.state ?? '?';
	const word = words.stateWords[letter] ?? '?';
	// `~` marks an average (ps), not the CPU use during the last tick.
	const cpu = (
		latest.cpuPercent === undefined ? '-' : `${Math.round(latest.cpuPercent)}%${average ? '~' : ''}`
	).padStart(average ? 5 : 4);
	const head = `${letter} ${cpu} ${word}`;
	let text = head;
	if (width >= 20 && latest.voluntary !== undefined && latest.involuntary !== undefined) {
		// Counts are abbreviated (formatCount); the deltas, then the state word go before `inv` could be cut.
		const delta = (value: number | undefined) => (value ? `+${formatCount(value)}` : '');
		const vol = words.voluntary;
		const inv = words.involuntary;
		const withDeltas = ` ${vol} ${formatCount(latest.voluntary)}${delta(latest.voluntaryDelta)} ${inv} ${formatCount(latest.involuntary)}${delta(latest.involuntaryDelta)}`;
		const counts = ` ${vol} ${formatCount(latest.voluntary)} ${inv} ${formatCount(latest.involuntary)}`;
		const candidates = [
			padEndWidth(head, 14) + withDeltas,
			padEndWidth(head, 14) + counts,
			head + counts,
			`${letter} ${cpu}${counts}`,
			head,
		];
		text = candidates.find((candidate) => displayWidth(candidate) <= width) ?? head;
	}

	return [{text: sliceWidth(text, width)}];
}

function coreCell(
	owner: number,
	marks: Map<number, {mark: string; markColor: string}>,
	glyphs: LiveGlyphs,
	paint: (color: string | undefined) => string | undefined,
): Segment {
	if (owner === coreIdle) return {text: glyphs.coreIdle, color: paint('gray')};
	if (owner === coreOther) return {text: glyphs.coreOther, color: paint('gray')};
	if (owner === coreUnknown) return {text: glyphs.coreUnknown};
	const entry = marks.get(owner);
	return entry ? {text: entry.mark, color: paint(entry.markColor), bold: true} : {text: '?'};
}

/** The phase a lane says it is in: the long word when it fits, else the short one (never cut mid-word). */
function said(words: TimelineMessages, phase: keyof TimelineMessages['phases'], width: number): string {
	const long = words.says(words.phases[phase]);
	return displayWidth(long) <= width ? long : words.says(words.phasesShort[phase]);
}

/** Who has the core now; the lane's letter alone when its PID does not fit (the letter is on its lane). */
function coreNow(
	core: CoreLaneSnapshot,
	marks: Map<number, {mark: string}>,
	words: TimelineMessages,
	width: number,
): string {
	const owner = core.owners.at(-1);
	if (owner === undefined || owner === coreUnknown) return '';
	if (owner === coreIdle) return words.nowIdle;
	if (owner === coreOther) return displayWidth(words.nowOther) <= width ? words.nowOther : words.nowOtherShort;
	const entry = marks.get(owner);
	if (!entry) return words.nowPid(owner);
	const full = words.nowMark(entry.mark, owner);
	return displayWidth(full) <= width ? full : words.nowMarkShort(entry.mark);
}

/** Cores worth a row: those a watched process used in the window first; at most `limit`. */
function pickCores(cores: readonly CoreLaneSnapshot[], from: number, limit: number): CoreLaneSnapshot[] {
	const used = (core: CoreLaneSnapshot) => core.owners.subarray(from).some((owner) => owner > 0);
	const ordered = [...cores.filter(used), ...cores.filter((core) => !used(core))].slice(0, limit);
	return ordered.sort((a, b) => a.cpu - b.cpu);
}

/** Groups equal neighbouring cells into one segment each (fewer Ink nodes). */
function runs(values: Uint8Array | Int32Array, from: number, segmentOf: (value: number) => Segment): TimelineLine {
	const out: TimelineLine = [];
	let last: number | undefined;
	for (let index = from; index < values.length; index++) {
		const value = values[index]!;
		if (value === last) {
			out[out.length - 1]!.text += out[out.length - 1]!.text.slice(-1);
		} else {
			out.push({...segmentOf(value)});
			last = value;
		}
	}

	return out;
}

function hasLiveCell(lane: ProcessLaneSnapshot, from: number): boolean {
	return lane.cells.subarray(from).some((code) => cellKinds[code] !== 'exited' && cellKinds[code] !== 'none');
}

function hasPhase(lane: ProcessLaneSnapshot, from: number): boolean {
	return lane.phase !== undefined || lane.phases.subarray(from).some((code) => code !== 0);
}
