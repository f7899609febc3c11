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
	const rows: Array<{key: string; text: string; heading?: boolean}> = [];
	for (const scope of scopeOrder) {
		const group = bindings.filter((binding) => binding.scope === scope);
		if (group.length === 0) continue;
		rows.push({key: `h-${scope}`, text: scopeTitles[scope], heading: true});
		for (const [index, binding] of group.entries()) {
			rows.push({key: `${scope}-${index}`, text: `${formatKeys(binding.keys).padEnd(12)} ${binding.description}`});
		}
	}

	const inner = Math.max(1, height - 3);
	const columnCount = Math.max(1, Math.min(3, Math.ceil(rows.length / inner)));
	const columnWidth = Math.floor((width - 2) / columnCount);
	const columns = Array.from({length: columnCount}, (_, index) => rows.slice(index * inner, (index + 1) * inner));
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
