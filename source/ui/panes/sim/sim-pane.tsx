import {Box, Text} from 'ink';
import {memo} from 'react';
import {buildSimLines} from './sim-chart.js';
import type {SimPlayerState} from './sim-player.js';

export interface SimPaneProps {
	player: SimPlayerState;
	/** Columns and rows the pane may use; it never draws more. */
	width: number;
	height: number;
	ascii: boolean;
	color: boolean;
	focused: boolean;
}

/** The simulator's Gantt timeline: one lane per process, CPU and IO lanes, one column per tick. */
export const SimPane = memo(function SimPane({player, width, height, ascii, color, focused}: SimPaneProps) {
	const lines = buildSimLines(player, {width, height, ascii, color, focused});
	return (
		<Box flexDirection="column" width={width} height={Math.max(0, Math.min(height, lines.length))} overflow="hidden">
			{lines.map((line, row) => (
				// Rows are positional: the same row index is the same lane from frame to frame.
				<Text key={row} wrap="truncate-end">
					{line.map((segment, index) => (
						<Text key={index} color={segment.color} bold={segment.bold} dimColor={color ? segment.dim : undefined}>
							{segment.text}
						</Text>
					))}
				</Text>
			))}
		</Box>
	);
});
