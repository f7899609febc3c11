import {Box, Text} from 'ink';
import {memo} from 'react';
import type {KeyBinding, KeyScope} from '../keymap/key-binding.js';
import {formatKeys} from '../keymap/dashboard-bindings.js';
import {Line} from './line.js';
import {PaneFrame} from './pane-frame.js';
import {useTheme} from '../theme.js';

export interface HelpOverlayProps {
	bindings: ReadonlyArray<KeyBinding<unknown>>;
	width: number;
	height: number;
}

const scopeTitles: Record<KeyScope, string> = {
	global: 'Anywhere',
	session: 'Session pane',
	typing: 'While typing',
	server: 'Server pane',
	timeline: 'Timeline pane',
	sim: 'Simulator view',
};

const scopeOrder: KeyScope[] = ['global', 'session', 'typing', 'server', 'timeline', 'sim'];

/** Every key, grouped by where it works; rendered from the same binding data the dispatcher uses. */
export const HelpOverlay = memo(function HelpOverlay({bindings, width, height}: HelpOverlayProps) {
	const theme = useTheme();
	const inner = Math.max(1, height - 3);
	// Pack whole groups into columns so a heading is never cut off from its keys (unless a group alone is
	// taller than a column).
	type Row = {key: string; text: string; heading?: boolean};
	const columns: Row[][] = [[]];
	for (const scope of scopeOrder) {
		const group = bindings.filter((binding) => binding.scope === scope);
		if (group.length === 0) continue;
		const rows: Row[] = [
			{key: `h-${scope}`, text: scopeTitles[scope], heading: true},
			...group.map((binding, index) => ({key: `${scope}-${index}`, text: `${formatKeys(binding.keys).padEnd(12)} ${binding.description}`})),
		];
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

	const columnWidth = Math.floor((width - 2) / columns.length);
	return (
		<PaneFrame title="Keys (? or Esc closes)" focused width={width} height={height}>
			<Box flexDirection="row">
				{columns.map((column, index) => (
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
				States are always words: connected, waiting for reply, exited (code N).
			</Text>
		</PaneFrame>
	);
});
