import {formatFixed} from '../../../core/ostep/python-compat/format-fixed.js';
import type {TraceCell, TraceRow} from '../../../core/ostep/process-run/simulator.js';
import {
	asciiGlyphs,
	cellColors,
	legendOrder,
	pidGlyph,
	unicodeGlyphs,
	type CellKind,
	type GlyphSet,
} from './sim-glyphs.js';
import {lastTick, simSpeeds, trackStateAt, type SimPlayerState, type SimTrack} from './sim-player.js';
import {wrapWords} from '../../wrap-words.js';
import {cutMarker, fitLine, lineText, type Segment} from '../../segments.js';
import {displayWidth} from '../../../core/text/display-width.js';
import type {SimMessages} from '../../i18n/pane-messages.js';
import {paneMessagesEn} from '../../i18n/pane-messages-en.js';

export {fitLine, lineText, type Segment};

/**
 * Turns a player state into the pane's lines, pure and Ink-free: each line is segments of plain text that
 * together never exceed `width` characters (every glyph used is one column), and never more than `height`
 * lines. Long runs scroll so the current tick is always the rightmost visible column once it passes the edge.
 */
export type ChartLine = Segment[];

export interface ChartOptions {
	width: number;
	height: number;
	ascii: boolean;
	color: boolean;
	focused: boolean;
	/** The words, in the dashboard's language (English when unset). */
	words?: SimMessages;
	/** What the quantum or switch cost just changed, in words: shown in place of the preset's story. */
	verdict?: string;
}

export function cellKind(cell: TraceCell): CellKind {
	if (cell.ioCompleted) return 'io-done';
	if (cell.instruction !== undefined) return 'run';
	switch (cell.state) {
		case 'READY':
			return 'ready';
		case 'BLOCKED':
			return 'blocked';
		case 'DONE':
			return 'done';
		case 'RUNNING':
			// Running without executing: switching in (--switch-cost) or an empty process being dispatched.
			return 'switch';
	}
}

const percent = (count: number, total: number) => (total === 0 ? '0.0' : formatFixed((100 * count) / total, 1));

interface Window {
	first: number;
	columns: number;
}

/** Ticks [first, first + columns) are visible; the cursor stays in view. */
function tickWindow(cursor: number, columns: number): Window {
	return {first: Math.max(1, cursor - columns + 1), columns: Math.max(0, columns)};
}

function rowsOf(track: SimTrack, window: Window, cursor: number): Array<TraceRow | undefined> {
	const rows: Array<TraceRow | undefined> = [];
	for (let t = window.first; t < window.first + window.columns; t++) {
		rows.push(t <= cursor ? track.states[t]?.row : undefined);
	}
	return rows;
}

function run(text: string, kind: CellKind, glyphs: GlyphSet, color: boolean): Segment {
	return {text, color: color ? cellColors[kind] : undefined};
}

/** Collapses consecutive same-kind cells into one segment. */
function laneSegments(kinds: Array<CellKind>, glyphs: GlyphSet, color: boolean): Segment[] {
	const segments: Segment[] = [];
	let text = '';
	let current: CellKind | undefined;
	for (const kind of kinds) {
		if (kind !== current && text !== '') {
			segments.push(run(text, current!, glyphs, color));
			text = '';
		}
		current = kind;
		text += glyphs.cell[kind];
	}
	if (text !== '') segments.push(run(text, current!, glyphs, color));
	return segments;
}

/** Tick numbers every 10 ticks up to the run's end, and the cursor mark; a number never overlaps the mark. */
function rulerLine(
	window: Window,
	cursor: number,
	end: number,
	labelWidth: number,
	glyphs: GlyphSet,
	color: boolean,
): ChartLine {
	const chars = Array.from({length: window.columns}, () => ' ');
	const cursorAt = cursor - window.first;
	for (let t = window.first; t <= Math.min(end, window.first + window.columns - 1); t++) {
		if (t % 10 !== 0) continue;
		const label = String(t);
		const at = t - window.first;
		const overlapsCursor = cursorAt >= at - 1 && cursorAt <= at + label.length;
		if (at + label.length <= window.columns && !overlapsCursor) {
			for (let index = 0; index < label.length; index++) chars[at + index] = label[index]!;
		}
	}
	const line: ChartLine = [{text: 't'.padEnd(labelWidth), dim: true}];
	if (cursorAt >= 0 && cursorAt < window.columns) {
		line.push({text: chars.slice(0, cursorAt).join(''), dim: true});
		line.push({text: glyphs.cursor, bold: true, color: color ? 'cyan' : undefined});
		line.push({text: chars.slice(cursorAt + 1).join(''), dim: true});
	} else {
		line.push({text: chars.join(''), dim: true});
	}
	return line;
}

function trackLines(
	track: SimTrack,
	cursor: number,
	options: ChartOptions & {labelWidth: number; laneBudget: number},
	glyphs: GlyphSet,
): ChartLine[] {
	const window = tickWindow(cursor, options.width - options.labelWidth);
	const rows = rowsOf(track, window, cursor);
	const processes = track.states[0]!.procs.length;
	const lines: ChartLine[] = [];
	const shown = processes <= options.laneBudget ? processes : Math.max(0, options.laneBudget - 1);
	for (let pid = 0; pid < shown; pid++) {
		const kinds = rows.map((row): CellKind => (row ? cellKind(row.cells[pid]!) : 'future'));
		lines.push([
			{
				text: `P${pid}`.padEnd(options.labelWidth),
				bold: pid === trackStateAt(track, cursor).current,
				lane: {kind: 'process', id: `P${pid}`},
			},
			...laneSegments(kinds, glyphs, options.color),
		]);
	}
	if (shown < processes && options.laneBudget > 0)
		lines.push([{text: (options.words ?? paneMessagesEn.sim).moreProcesses(processes - shown), dim: true}]);
	const cpu: Segment[] = [{text: 'CPU'.padEnd(options.labelWidth), lane: {kind: 'cpu', id: 'CPU'}}];
	for (const row of rows) {
		if (!row) cpu.push({text: ' '});
		else if (row.cpu === 'busy') cpu.push(run(pidGlyph(row.ran), 'run', glyphs, options.color));
		else if (row.cpu === 'switch') cpu.push(run(glyphs.cell.switch, 'switch', glyphs, options.color));
		else cpu.push({text: ' '});
	}
	const io: Segment[] = [{text: 'IO'.padEnd(options.labelWidth), lane: {kind: 'io', id: 'IO'}}];
	for (const row of rows) {
		io.push(
			row && row.ios > 0 ? run(row.ios > 9 ? '+' : String(row.ios), 'blocked', glyphs, options.color) : {text: ' '},
		);
	}
	lines.push(cpu, io);
	return lines;
}

function trackStats(track: SimTrack, cursor: number, words: SimMessages): string {
	const state = trackStateAt(track, cursor);
	const total = track.truncated ? `${track.states.length - 1}+` : String(track.states.length - 1);
	return words.stats(
		state.t,
		total,
		percent(state.cpuBusy, state.t),
		percent(state.ioBusy, state.t),
		state.switchTicks > 0 ? percent(state.switchTicks, state.t) : undefined,
	);
}

/** A run's title in words: the compare view's two runs have names; a single run is its policies. */
function trackTitle(track: SimTrack, words: SimMessages): string {
	const english = paneMessagesEn.sim;
	if (track.title === english.serialTitle) return words.serialTitle;
	if (track.title === english.multiprogrammedTitle) return words.multiprogrammedTitle;
	return track.title;
}

/** The workload's name and story: a preset's in the catalogue, or "your workload". */
function workloadWords(player: SimPlayerState, words: SimMessages): {label: string; story: string} {
	const preset = words.presets[player.presetIndex];
	if (preset) return {label: preset.name, story: preset.story};
	const english = paneMessagesEn.sim;
	const {described} = player;
	const story = described
		? words.workload(
				described.whose === 'program' ? words.yourProgram : words.yourWorkload,
				described.processes,
				described.cpu,
				described.io,
			)
		: player.story === english.yourWorkload
			? words.yourWorkload
			: player.story === english.yourProgram
				? words.yourProgram
				: player.story;
	return {label: player.label, story};
}

/**
 * The settings header: play state and speed, policies, IO length, quantum and switch cost, the workload.
 * When it does not fit it wraps at its separators (then by words), never cut: these are what the run means.
 */
function statusLines(
	player: SimPlayerState,
	glyphs: GlyphSet,
	options: ChartOptions,
	words: SimMessages,
	oneLine = false,
): ChartLine[] {
	const sep = ` ${glyphs.separator} `;
	const {config} = player;
	const extras = [
		config.quantum > 0 ? words.quantum(config.quantum) : '',
		config.switchCost > 0 ? words.switchCost(config.switchCost) : '',
	].filter(Boolean);
	const policy = player.compare
		? `${words.compare}${sep}${config.ioDonePolicy}`
		: `${config.switchPolicy}${sep}${config.ioDonePolicy}`;
	const play = {
		text: `${player.playing ? glyphs.play : glyphs.pause} ${simSpeeds[player.speedIndex]}/s`,
		bold: true,
		color: options.color ? (player.playing ? 'green' : 'yellow') : undefined,
	};
	const settings = [policy, `L=${config.ioLength}`, ...extras, workloadWords(player, words).label];
	const whole = `${sep}${settings.join(sep)}`;
	// One line (it fits, or the rows do not allow more): the fields keep their separators, and what does not
	// fit is shortened at the end with the marker, never run together.
	if (oneLine || displayWidth(play.text) + displayWidth(whole) <= options.width) return [[play, {text: whole}]];
	// Keep the separators' groups whole: fill a line with as many as fit, then start the next.
	const lines: ChartLine[] = [];
	let current: ChartLine = [play];
	let used = displayWidth(play.text);
	for (const part of settings) {
		const piece = `${sep}${part}`;
		if (used + displayWidth(piece) <= options.width) {
			current.push({text: piece});
			used += displayWidth(piece);
			continue;
		}

		lines.push(current);
		const wrapped = wrapWords(part, options.width);
		for (const line of wrapped.slice(0, -1)) lines.push([{text: line}]);
		current = [{text: wrapped.at(-1) ?? ''}];
		used = displayWidth(wrapped.at(-1) ?? '');
	}

	lines.push(current);
	return lines;
}

/** The glyphs' meanings, whole entries per line: as many lines as the width needs (glyphs are one column). */
function legendLines(glyphs: GlyphSet, color: boolean, width: number, words: SimMessages): ChartLine[] {
	const entries: ChartLine[] = legendOrder.map(({kind}) => [
		run(glyphs.cell[kind], kind, glyphs, color),
		{text: ` ${words.legend[kind as keyof SimMessages['legend']]}`},
	]);
	entries.push([{text: words.cpuLegend, dim: true}], [{text: words.ioLegend, dim: true}]);
	const lines: ChartLine[] = [];
	let current: ChartLine = [];
	let used = 0;
	for (const entry of entries) {
		const size = entry.reduce((sum, segment) => sum + displayWidth(segment.text), 0);
		if (used > 0 && used + 2 + size > width) {
			lines.push(current);
			current = [];
			used = 0;
		}

		if (used > 0) current.push({text: '  '});
		current.push(...entry);
		used += (used > 0 ? 2 : 0) + size;
	}

	if (current.length > 0) lines.push(current);
	return lines;
}

/**
 * Layout, most important first: the status line, the stats (or the line being typed, or an error), one
 * shared tick ruler, then per run its title (compare view), CPU and IO lanes; process lanes take what is
 * left; the legend and the preset's story only when everything else fits.
 */
export function buildSimLines(player: SimPlayerState, options: ChartOptions): ChartLine[] {
	const {width, height} = options;
	if (width <= 0 || height <= 0) return [];
	const glyphs = options.ascii ? asciiGlyphs : unicodeGlyphs;
	const words = options.words ?? paneMessagesEn.sim;
	const processes = player.tracks[0]?.states[0]?.procs.length ?? 0;
	const labelWidth = Math.max(4, `P${processes - 1}`.length + 1);
	const blocks = player.tracks.length;
	const compare = blocks > 1;
	// The header wraps when the rows allow it (every lane still shown); otherwise it keeps one line.
	const header = statusLines(player, glyphs, options, words);
	const others = 2 + blocks * ((compare ? 1 : 0) + 2 + processes);
	const lines: ChartLine[] =
		header.length === 1 || header.length + others <= height
			? header
			: statusLines(player, glyphs, options, words, true);
	// The preset's story (what the run shows) wraps by words; it is never cut mid-word.
	let story: ChartLine[] | undefined = wrapWords(workloadWords(player, words).story, width).map((text) => [
		{text, dim: true},
	]);
	if (player.editing !== undefined) {
		lines.push([{text: '-P '}, {text: player.editing, bold: true}, {text: words.editHint, dim: true}]);
		story = undefined;
	} else if (player.message) {
		lines.push([{text: player.message, color: options.color ? 'red' : undefined}]);
		story = undefined;
	} else if (!compare) {
		lines.push([{text: trackStats(player.tracks[0]!, player.cursor, words)}]);
	}

	// What the quantum or switch cost just changed: kept with the stats (at most two lines), in place of the story.
	if (options.verdict && player.editing === undefined && !player.message) {
		for (const text of wrapWords(options.verdict, width).slice(0, 2)) lines.push([{text, bold: true}]);
		story = undefined;
	}
	const window = tickWindow(player.cursor, width - labelWidth);
	lines.push(rulerLine(window, player.cursor, lastTick(player), labelWidth, glyphs, options.color));
	const fixed = lines.length + blocks * ((compare ? 1 : 0) + 2);
	const laneRoom = Math.max(0, height - fixed);
	const laneBudget = Math.floor(laneRoom / Math.max(1, blocks));
	const extras = [...legendLines(glyphs, options.color, width, words), ...(story ?? [])].slice(
		0,
		Math.max(0, laneRoom - blocks * processes),
	);
	for (const track of player.tracks) {
		if (compare)
			lines.push([
				{text: `${trackTitle(track, words)}: `, bold: true},
				{text: trackStats(track, player.cursor, words)},
			]);
		lines.push(...trackLines(track, player.cursor, {...options, labelWidth, laneBudget}, glyphs));
	}
	lines.push(...extras);
	if (player.cursor >= lastTick(player) && player.tracks.some((track) => track.truncated) && lines.length < height) {
		lines.push([{text: words.runCut(lastTick(player)), dim: true}]);
	}
	return lines.slice(0, height).map((line) => fitLine(line, width, cutMarker(options.ascii)));
}

/**
 * Finished runs drawn whole, without the player's header: one tick ruler, then per track its title and
 * stats, process lanes, CPU and IO lanes, then the legend. The experiment draws its measured runs with it
 * (each column one tick of wall time), so they read exactly like the simulator's.
 */
export function buildRunChart(
	tracks: readonly SimTrack[],
	options: Omit<ChartOptions, 'height' | 'focused'>,
): ChartLine[] {
	const {width} = options;
	if (width <= 0 || tracks.length === 0) return [];
	const glyphs = options.ascii ? asciiGlyphs : unicodeGlyphs;
	const words = options.words ?? paneMessagesEn.sim;
	const processes = Math.max(...tracks.map((track) => track.states[0]?.procs.length ?? 0));
	const labelWidth = Math.max(4, `P${processes - 1}`.length + 1);
	const cursor = Math.max(...tracks.map((track) => track.states.length - 1));
	const window = tickWindow(cursor, width - labelWidth);
	const lines: ChartLine[] = [rulerLine(window, cursor, cursor, labelWidth, glyphs, options.color)];
	for (const track of tracks) {
		lines.push([{text: `${trackTitle(track, words)}: `, bold: true}, {text: trackStats(track, cursor, words)}]);
		lines.push(
			...trackLines(
				track,
				cursor,
				{...options, height: Infinity, focused: false, labelWidth, laneBudget: processes},
				glyphs,
			),
		);
	}

	lines.push(...legendLines(glyphs, options.color, width, words));
	return lines.map((line) => fitLine(line, width, cutMarker(options.ascii)));
}
