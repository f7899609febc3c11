import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {displayWidth, fitWidth, sliceWidth} from '../../core/text/display-width.js';
import {cutMarker} from '../segments.js';
import {useTheme} from '../theme.js';

export interface PaneFrameProps {
	title: string;
	focused: boolean;
	width: number;
	height: number;
	children?: ReactNode;
}

/**
 * A bordered pane whose title sits in the top border. The focused pane has a double (ASCII: `#`/`=`)
 * border and a marker before its title, so focus never depends on colour. Children get
 * `width - 2` columns and `height - 2` rows; anything taller is clipped.
 */
export function PaneFrame({title, focused, width, height, children}: PaneFrameProps) {
	const theme = useTheme();
	const rule = focused ? theme.focusedRule : theme.rule;
	const left = focused ? theme.corners.focusedLeft : theme.corners.left;
	const right = focused ? theme.corners.focusedRight : theme.corners.right;
	const mark = focused ? `${theme.focusMark} ` : '';
	const room = Math.max(0, width - 3);
	// Columns, not characters: a CJK title is twice as wide as its length, and a cut never halves a character.
	// A title too long for the border is shortened at its end with the marker, never cut mid-word unmarked.
	const label = ` ${mark}${fitWidth(title, room - 2 - displayWidth(mark), cutMarker(theme.ascii))} `;
	const shown = sliceWidth(label, room);
	const top = `${left}${rule}${shown}${rule.repeat(Math.max(0, room - displayWidth(shown)))}${right}`;
	const borderColor = focused ? theme.tone('accent') : theme.tone('muted');
	return (
		<Box flexDirection="column" width={width} height={height} flexShrink={0}>
			<Text color={borderColor} bold={focused} wrap="truncate-end">
				{top}
			</Text>
			{/* Keyed by focus: Ink 6.8 applies style diffs, and a changed borderStyle alone re-enables the top
			    border we turned off (the first content row vanished on every focus change). Remount instead. */}
			<Box
				key={focused ? 'focused' : 'plain'}
				flexDirection="column"
				width={width}
				height={Math.max(1, height - 1)}
				borderStyle={focused ? theme.focusedBorder : theme.border}
				borderTop={false}
				borderColor={borderColor}
				overflow="hidden"
			>
				{children}
			</Box>
		</Box>
	);
}
