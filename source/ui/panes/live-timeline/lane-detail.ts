import type {ProcessLaneSnapshot} from '../../../core/procs/types.js';
import {wrapWords} from '../../wrap-words.js';
import {displayWidth, fitWidth} from '../../../core/text/display-width.js';
import {cutMarker} from '../../segments.js';
import type {TimelineMessages} from '../../i18n/pane-messages.js';
import {paneMessagesEn} from '../../i18n/pane-messages-en.js';
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
	/** The words, in the dashboard's language (English when unset). */
	words?: TimelineMessages;
}

/** The legend row that explains the short words, whatever the lanes could show. */
export function reasonLegend(
	width: number,
	words: TimelineMessages = paneMessagesEn.timeline,
	separator = '·',
): string {
	const {involuntary, voluntary} = words.reasons;
	const long = words.reasonLegend(involuntary, voluntary, separator);
	if (displayWidth(long) <= width) return long;
	const medium = `${involuntary} ${separator} ${voluntary}`;
	if (displayWidth(medium) <= width) return medium;
	return words.reasonLegendTiny(separator);
}

/** The reasons legend as lines: one when it fits, else the medium form wrapped by words (never cut mid-word). */
export function reasonLegendLines(
	width: number,
	words: TimelineMessages = paneMessagesEn.timeline,
	separator = '·',
): string[] {
	const one = reasonLegend(width, words, separator);
	if (displayWidth(one) <= width) return [one];
	const {involuntary, voluntary} = words.reasons;
	return [...wrapWords(involuntary, width), ...wrapWords(`${separator} ${voluntary}`, width)];
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
	const items = detailItems(lane, options.ascii, options.words ?? paneMessagesEn.timeline);
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
	// Too narrow even for the short words: shortened at the end, with the marker.
	return [fitWidth(texts.join(separator), width, cutMarker(options.ascii))];
}

function detailItems(lane: ProcessLaneSnapshot, ascii: boolean, words: TimelineMessages): Item[] {
	const latest = lane.latest;
	const items: Item[] = [];
	if (latest.rssBytes !== undefined)
		items.push({
			full: words.rss(formatBytes(latest.rssBytes)),
			short: words.rss(formatBytes(latest.rssBytes)),
			optional: false,
		});
	const times = ascii ? 'x' : '×';
	const recent = [
		{kind: 'involuntary', count: latest.involuntaryRecent},
		{kind: 'voluntary', count: latest.voluntaryRecent},
	] as const;
	const happened = recent.filter((entry) => entry.count !== undefined && entry.count > 0);
	const seconds = latest.recentMs === undefined ? '' : words.inSeconds(formatSeconds(latest.recentMs));
	for (const [index, entry] of happened.entries()) {
		// "in 1 s" once, after the last reason named.
		const last = index === happened.length - 1 ? seconds : '';
		items.push({
			full: words.recent(formatCount(entry.count!), times, words.reasons[entry.kind], last),
			short: words.recent(formatCount(entry.count!), times, words.reasonsShort[entry.kind], ''),
			optional: false,
		});
	}

	if (lane.hidden && lane.hidden.threads + lane.hidden.children > 0) {
		const {threads, children} = lane.hidden;
		const parts = [threads > 0 ? words.moreThreads(threads) : '', children > 0 ? words.moreChildren(children) : ''];
		const text = parts.filter((part) => part !== '').join(', ');
		items.push({full: words.withoutLane(text), short: words.notShown(threads + children), optional: false});
	}

	if (latest.voluntary !== undefined && latest.involuntary !== undefined) {
		const totals = words.totals(formatCount(latest.involuntary), formatCount(latest.voluntary));
		// With nothing happening now, the totals are all there is to say: never dropped then.
		items.push({full: words.inAll(totals), short: totals, plain: totals, optional: happened.length > 0});
	}

	return items;
}

/** Items joined by `separator` into lines of at most `width`; undefined when one item alone is too wide. */
function pack(texts: string[], width: number, separator: string): string[] | undefined {
	const lines: string[] = [];
	let current = '';
	for (const text of texts) {
		if (displayWidth(text) > width) return undefined;
		const joined = current === '' ? text : `${current}${separator}${text}`;
		if (displayWidth(joined) <= width) {
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
	return String(Number.isInteger(seconds) ? seconds : seconds.toFixed(1));
}
