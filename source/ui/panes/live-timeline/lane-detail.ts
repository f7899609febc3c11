import type {ProcessLaneSnapshot} from '../../../core/procs/types.js';
import {formatBytes, formatCount} from '../../format.js';

/**
 * The words under a live lane: its resident memory, and why it lost the CPU (the two kinds of context
 * switch) in the last second, in words. Pure; returns at most `maxLines` lines of at most `width` columns.
 *
 * The rule for shortening, tried in order until the text fits: (1) everything on one line; (2) the totals
 * since the start go (or, when nothing happened in the last second, lose their "in all"); (3) two lines;
 * (4) the reasons lose their explanation ("3× preempted"); (5) the line is cut. Counts use `formatCount` (9999 at most 4 characters: 999, 1.2k, 14k, 1.2M).
 */
export interface LaneDetailOptions {
	width: number;
	maxLines: number;
	ascii: boolean;
}

export const reasonWords = {
	involuntary: 'preempted: time slice used up',
	voluntary: 'blocked: waiting for IO',
} as const;

const reasonShort = {involuntary: 'preempted', voluntary: 'blocked'} as const;

/** The legend row that explains the short words, whatever the lanes could show. */
export function reasonLegend(width: number): string {
	const long = `why a process lost the CPU: ${reasonWords.involuntary} · ${reasonWords.voluntary}`;
	if (long.length <= width) return long;
	const medium = `${reasonWords.involuntary} · ${reasonWords.voluntary}`;
	if (medium.length <= width) return medium;
	return 'preempted: slice used up · blocked: IO wait';
}

interface Item {
	full: string;
	short: string;
	/** Dropped at step 2. */
	optional: boolean;
	/** From step 2 on, when not dropped. */
	plain?: string;
}

export function laneDetailLines(lane: ProcessLaneSnapshot, options: LaneDetailOptions): string[] {
	const {width} = options;
	if (width <= 0 || options.maxLines <= 0 || lane.exited) return [];
	const items = detailItems(lane, options.ascii);
	if (items.length === 0) return [];
	const separator = options.ascii ? ' | ' : ' · ';
	const attempts: Array<{short: boolean; optional: boolean; lines: number}> = [
		{short: false, optional: true, lines: 1},
		{short: false, optional: false, lines: 1},
		{short: false, optional: true, lines: 2},
		{short: false, optional: false, lines: 2},
		{short: true, optional: false, lines: 1},
		{short: true, optional: false, lines: 2},
	];
	for (const attempt of attempts) {
		if (attempt.lines > options.maxLines) continue;
		const texts = items
			.filter((item) => attempt.optional || !item.optional)
			.map((item) => (attempt.short ? item.short : attempt.optional ? item.full : (item.plain ?? item.full)));
		const lines = pack(texts, width, separator);
		if (lines !== undefined && lines.length <= attempt.lines) return lines;
	}

	const texts = items.filter((item) => !item.optional).map((item) => item.short);
	return [texts.join(separator).slice(0, width)];
}

function detailItems(lane: ProcessLaneSnapshot, ascii: boolean): Item[] {
	const latest = lane.latest;
	const items: Item[] = [];
	if (latest.rssBytes !== undefined)
		items.push({
			full: `RSS ${formatBytes(latest.rssBytes)}`,
			short: `RSS ${formatBytes(latest.rssBytes)}`,
			optional: false,
		});
	const times = ascii ? 'x' : '×';
	const recent = [
		{kind: 'involuntary', count: latest.involuntaryRecent},
		{kind: 'voluntary', count: latest.voluntaryRecent},
	] as const;
	const happened = recent.filter((entry) => entry.count !== undefined && entry.count > 0);
	const seconds = latest.recentMs === undefined ? '' : ` in ${formatSeconds(latest.recentMs)}`;
	for (const [index, entry] of happened.entries()) {
		// "in 1 s" once, after the last reason named.
		const last = index === happened.length - 1 ? seconds : '';
		items.push({
			full: `${formatCount(entry.count!)}${times} ${reasonWords[entry.kind]}${last}`,
			short: `${formatCount(entry.count!)}${times} ${reasonShort[entry.kind]}`,
			optional: false,
		});
	}

	if (lane.hidden && lane.hidden.threads + lane.hidden.children > 0) {
		const {threads, children} = lane.hidden;
		const parts = [
			threads > 0 ? `${threads} more ${threads === 1 ? 'thread' : 'threads'}` : '',
			children > 0 ? `${children} more ${children === 1 ? 'child' : 'children'}` : '',
		];
		const text = parts.filter((part) => part !== '').join(', ');
		items.push({full: `${text} without a lane`, short: `+${threads + children} not shown`, optional: false});
	}

	if (latest.voluntary !== undefined && latest.involuntary !== undefined) {
		const totals = `${formatCount(latest.involuntary)} preempted, ${formatCount(latest.voluntary)} blocked`;
		// With nothing happening now, the totals are all there is to say: never dropped then.
		items.push({full: `in all ${totals}`, short: totals, plain: totals, optional: happened.length > 0});
	}

	return items;
}

/** Items joined by `separator` into lines of at most `width`; undefined when one item alone is too wide. */
function pack(texts: string[], width: number, separator: string): string[] | undefined {
	const lines: string[] = [];
	let current = '';
	for (const text of texts) {
		if ([...text].length > width) return undefined;
		const joined = current === '' ? text : `${current}${separator}${text}`;
		if ([...joined].length <= width) {
			current = joined;
			continue;
		}

		lines.push(current);
		current = text;
	}

	if (current !== '') lines.push(current);
	return lines;
}

function formatSeconds(ms: number): string {
	const seconds = ms / 1000;
	return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
