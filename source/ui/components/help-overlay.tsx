import {Box, Text} from 'ink';
import {memo} from 'react';
import type {KeyBinding, KeyScope} from '../keymap/key-binding.js';
import {formatKeys} from '../keymap/dashboard-bindings.js';
import {Line} from './line.js';
import {PaneFrame} from './pane-frame.js';
import {padEndWidth} from '../../core/text/display-width.js';
import type {Messages} from '../i18n/messages-en.js';
import {useMessages} from '../i18n/use-messages.js';
import {useTheme} from '../theme.js';
import {wrapWords} from '../wrap-words.js';

export interface HelpOverlayProps {
	bindings: ReadonlyArray<KeyBinding<unknown>>;
	width: number;
	height: number;
	/** First row shown when the keys do not fit (a page start, or wherever arrows or j/k moved it). */
	offset?: number;
}

/** A column narrower than this truncates the descriptions; use fewer columns and scroll instead. */
const minColumnWidth = 40;
/** The keys' column inside an entry. */
const keyWidth = 12;

// The tour's keys last: they work only while it is on. Exported for the README's key table (scripts/readme-keys.ts).
export const scopeOrder: KeyScope[] = [
	'global',
	'session',
	'typing',
	'server',
	'timeline',
	'sim',
	'sched',
	'experiment',
	'tour',
];

type Row = {key: string; text: string; heading?: boolean};

/** How the overlay lays out: the rows in groups, packed into columns of `inner` rows, `maxColumns` side by side. */
function helpLayout(bindings: ReadonlyArray<KeyBinding<unknown>>, messages: Messages, width: number, height: number) {
	const inner = Math.max(1, height - 3);
	const maxColumns = Math.max(1, Math.floor((width - 2) / minColumnWidth));
	// Columns are at least minColumnWidth wide (or the whole width): wrap descriptions to fit that.
	const descriptionWidth = Math.max(10, Math.min(minColumnWidth, width - 2) - 2 - keyWidth);
	const groups: Row[][] = [];
	for (const scope of scopeOrder) {
		const group = bindings.filter((binding) => binding.scope === scope);
		if (group.length === 0) continue;
		groups.push([
			{key: `h-${scope}`, text: messages.help.scopes[scope], heading: true},
			// A long description continues on the next rows, under itself: every entry is shown whole.
			...group.flatMap((binding, index) =>
				wrapWords(binding.description(messages), descriptionWidth).map((text, part) => ({
					key: `${scope}-${index}-${part}`,
					text: `${padEndWidth(part === 0 ? formatKeys(binding.keys) : '', keyWidth)} ${text}`,
				})),
			),
		]);
	}

	// Pack whole groups into columns so a heading is never cut off from its keys (unless a group alone is
	// taller than a column).
	const columns: Row[][] = [[]];
	for (const rows of groups) {
		let column = columns.at(-1)!;
		if (column.length > 0 && column.length + rows.length > inner) {
			column = [];
			columns.push(column);
		}

		for (const row of rows) {
			if (column.length >= inner) {
				column = [];
				columns.push(column);
			}

			column.push(row);
		}
	}

	// Too many columns for the width: one flowing list instead, in pages of `pageRows` rows.
	const scrolling = columns.length > maxColumns;
	const all = groups.flat();
	const pageRows = inner * maxColumns;
	const pages = scrolling ? Math.ceil(all.length / pageRows) : 1;
	return {inner, maxColumns, columns, all, scrolling, pageRows, pages, maxOffset: (pages - 1) * pageRows};
}

/** How the help pages at this size: rows a page, pages, and the first row of the last page (End). */
export function helpPaging(
	bindings: ReadonlyArray<KeyBinding<unknown>>,
	messages: Messages,
	width: number,
	height: number,
): {pageRows: number; pages: number; maxOffset: number} {
	const {pageRows, pages, maxOffset} = helpLayout(bindings, messages, width, height);
	return {pageRows, pages, maxOffset};
}

/**
 * Every key, grouped by where it works; rendered from the same binding data the dispatcher uses. When the
 * keys do not fit, they come in pages (PgDn/Space, PgUp, Home, End; arrows or j/k move a row).
 */
export const HelpOverlay = memo(function HelpOverlay({bindings, width, height, offset = 0}: HelpOverlayProps) {
	const theme = useTheme();
	const messages = useMessages();
	const {inner, maxColumns, columns, all, scrolling, pageRows, pages, maxOffset} = helpLayout(
		bindings,
		messages,
		width,
		height,
	);
	const start = scrolling ? Math.min(Math.max(0, offset), maxOffset) : 0;
	const shownColumns = scrolling
		? Array.from({length: maxColumns}, (_, index) =>
				all.slice(start + index * inner, start + (index + 1) * inner),
			).filter((column) => column.length > 0)
		: columns;
	const columnWidth = Math.floor((width - 2) / shownColumns.length);
	const more = scrolling ? messages.help.page(Math.floor(start / pageRows) + 1, pages) : '';
	return (
		<PaneFrame title={messages.help.title} focused width={width} height={height}>
			<Box flexDirection="row">
				{shownColumns.map((column, index) => (
					<Box key={index} flexDirection="column" width={columnWidth}>
						{column.map((row) => (
							<Line key={row.key} bold={row.heading} color={row.heading ? theme.tone('accent') : undefined}>
								{row.heading ? row.text : ` ${row.text}`}
							</Line>
						))}
					</Box>
				))}
			</Box>
			<Text color={theme.tone('muted')} wrap="truncate-end">
				{more === '' ? messages.help.footer : more}
			</Text>
		</PaneFrame>
	);
});
