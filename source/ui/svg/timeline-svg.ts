import stringWidth from 'string-width';
import type {LaneTag, Segment} from '../segments.js';

/** A timeline as the SVG export draws it: the pane's lines, as wide as the pane. */
export interface SvgChart {
	title: string;
	/** One line under the title (what was drawn, and when). */
	caption?: string;
	lines: readonly Segment[][];
	/** Columns: the lines are cut here, as the pane cuts them. */
	columns: number;
}

export const cell = {width: 8.4, height: 17};
export const fontSize = 14;
export const pad = 12;
const titleHeight = 26;
const captionHeight = 18;
export const background = '#1d1f21';
export const foreground = '#dcdfe4';
export const fontFamily = "'DejaVu Sans Mono', Menlo, Consolas, 'Noto Sans Mono CJK SC', monospace";

/** Ink's colour names (chalk's) on a dark terminal palette; anything else is the default foreground. */
const palette: Readonly<Record<string, string>> = {
	black: '#3f4451',
	red: '#e06c75',
	green: '#98c379',
	yellow: '#e5c07b',
	blue: '#61afef',
	magenta: '#c678dd',
	cyan: '#56b6c2',
	white: '#dcdfe4',
	gray: '#7f848e',
	grey: '#7f848e',
	blackBright: '#7f848e',
	redBright: '#ff7b86',
	greenBright: '#b5e890',
	yellowBright: '#ffd68a',
	blueBright: '#7cc4ff',
	magentaBright: '#de8cf0',
	cyanBright: '#6bd7e3',
	whiteBright: '#ffffff',
	// The terminal's own two colours (a screen's inverse video swaps them).
	foreground,
	background,
};

/** Block glyphs the charts fill cells with, drawn as rectangles: many slide fonts lack them or leave gaps. */
const blocks: Readonly<Record<string, number>> = {'█': 1, '▓': 0.7, '▒': 0.5, '░': 0.3};

export function colorOf(name: string | undefined): string {
	if (name === undefined) return foreground;
	if (/^#(?:[\da-f]{3}){1,2}$/i.test(name)) return name;
	return palette[name] ?? foreground;
}

/**
 * Text that is always well-formed XML: markup characters escaped, and characters XML 1.0 does not allow
 * (controls, lone surrogates, U+FFFE/U+FFFF) shown as U+FFFD.
 */
export function xmlEscape(text: string): string {
	return text
		.replace(
			/[\u0000-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu,
			'\uFFFD',
		)
		.replace(/[&<>"']/g, (char) => `&${{'&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos'}[char]!};`);
}

const graphemes = new Intl.Segmenter('en', {granularity: 'grapheme'});

interface Run {
	column: number;
	columns: number;
	text: string;
	segment: Segment;
	block?: number;
	/** One wide character: nothing joins it, so textLength never spreads narrow glyphs over its columns. */
	wide: boolean;
}

/**
 * One line as positioned runs: each run is one column per character (wide characters, which take two
 * columns, and block glyphs get runs of their own), cut at `columns`.
 */
function lineRuns(line: readonly Segment[], columns: number): Run[] {
	const runs: Run[] = [];
	let column = 0;
	const cells = line.flatMap((segment) =>
		[...graphemes.segment(segment.text)].map(({segment: grapheme}) => ({grapheme, segment})),
	);
	for (const {grapheme, segment} of cells) {
		const size = stringWidth(grapheme);
		if (size === 0) continue;
		if (column + size > columns) break;
		const last = runs.at(-1);
		const block = blocks[grapheme];
		const joins =
			last !== undefined &&
			sameStyle(last.segment, segment) &&
			last.column + last.columns === column &&
			size === 1 &&
			!last.wide &&
			(block === undefined ? last.block === undefined && last.text.length > 0 : last.block === block);
		if (joins) {
			last.text += block === undefined ? grapheme : '';
			last.columns += 1;
		} else if (grapheme !== ' ') {
			runs.push({column, columns: size, text: block === undefined ? grapheme : '', segment, block, wide: size > 1});
		}

		column += size;
	}

	// Trailing spaces of a run would only stretch its glyphs under textLength.
	for (const run of runs) {
		if (run.block !== undefined) continue;
		const trimmed = run.text.replace(/ +$/u, '');
		run.columns -= run.text.length - trimmed.length;
		run.text = trimmed;
	}

	return runs;
}

function sameStyle(a: Segment, b: Segment): boolean {
	return a === b || (a.color === b.color && a.bold === b.bold && a.dim === b.dim && a.italic === b.italic);
}

function laneOf(line: readonly Segment[]): LaneTag | undefined {
	return line.find((segment) => segment.lane !== undefined)?.lane;
}

export const px = (value: number) => String(Math.round(value * 100) / 100);

function runElement(run: Run, top: number): string {
	const fill = colorOf(run.segment.color);
	const x = pad + run.column * cell.width;
	if (run.block !== undefined) {
		const opacity = run.block * (run.segment.dim ? 0.6 : 1);
		return `<rect x="${px(x)}" y="${px(top)}" width="${px(run.columns * cell.width)}" height="${cell.height}" fill="${fill}" shape-rendering="crispEdges"${opacity < 1 ? ` fill-opacity="${opacity}"` : ''}/>`;
	}

	const attributes = [
		`x="${px(x)}"`,
		`y="${px(top + cell.height * 0.78)}"`,
		// Each run spans exactly its columns whatever the font's advance, so columns line up like the terminal's.
		`textLength="${px(run.columns * cell.width)}"`,
		'lengthAdjust="spacingAndGlyphs"',
		...(fill === foreground ? [] : [`fill="${fill}"`]),
		...(run.segment.bold ? ['font-weight="bold"'] : []),
		...(run.segment.italic ? ['font-style="italic"'] : []),
		...(run.segment.dim ? ['fill-opacity="0.6"'] : []),
	];
	return `<text ${attributes.join(' ')}>${xmlEscape(run.text)}</text>`;
}

/** One line's text and block runs, positioned on the row whose top is at `top`. */
export function rowElements(line: readonly Segment[], columns: number, top: number): string {
	return lineRuns(line, columns)
		.map((run) => runElement(run, top))
		.join('');
}

/**
 * The chart as a standalone SVG: a monospace grid on a dark background, a title, then one group per line.
 * A lane's group says which lane it is (`class="lane" data-kind="process" data-lane="P0"`); other lines
 * (rulers, stats, the legend) are `class="row"`.
 */
export function timelineSvg(chart: SvgChart): string {
	const columns = Math.max(1, chart.columns);
	const head = titleHeight + (chart.caption === undefined ? 0 : captionHeight);
	const width = pad * 2 + columns * cell.width;
	const height = pad * 2 + head + chart.lines.length * cell.height;
	const rows = chart.lines.map((line, row) => {
		const top = pad + head + row * cell.height;
		const lane = laneOf(line);
		const group = lane
			? `<g class="lane" data-kind="${lane.kind}" data-lane="${xmlEscape(lane.id)}" data-row="${row}">`
			: `<g class="row" data-row="${row}">`;
		return `${group}${rowElements(line, columns, top)}</g>`;
	});
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<svg xmlns="http://www.w3.org/2000/svg" width="${px(width)}" height="${px(height)}" viewBox="0 0 ${px(width)} ${px(height)}" font-family="${fontFamily}" font-size="${fontSize}" xml:space="preserve">`,
		`<title>${xmlEscape(chart.title)}</title>`,
		'<style>text { white-space: pre; }</style>',
		`<rect class="background" width="100%" height="100%" fill="${background}"/>`,
		`<text class="title" x="${pad}" y="${pad + 17}" font-size="16" font-weight="bold" fill="${foreground}">${xmlEscape(chart.title)}</text>`,
		...(chart.caption === undefined
			? []
			: [
					`<text class="caption" x="${pad}" y="${pad + titleHeight + 12}" font-size="12" fill="${palette['gray']}">${xmlEscape(chart.caption)}</text>`,
				]),
		`<g class="chart">`,
		...rows,
		'</g>',
		'</svg>',
		'',
	].join('\n');
}
