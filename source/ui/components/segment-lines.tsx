import {Box, Text} from 'ink';
import {memo, useContext, useLayoutEffect} from 'react';
import type {Segment} from '../segments.js';
import {LinesSinkContext} from '../svg/lines-sink.js';

export interface SegmentLinesProps {
	/** Lines already fitted to `width`; the same array again skips the re-render. */
	lines: readonly Segment[][];
	width: number;
	height: number;
	/** Without colour, dim is not used either (it is a colour attribute on many terminals). */
	color: boolean;
}

/** Chart lines (the live timeline, the simulator, the scheduler, the experiment) as Ink rows. */
export const SegmentLines = memo(function SegmentLines({lines, width, height, color}: SegmentLinesProps) {
	// The SVG export (key S) takes the lines from here: the very ones this frame draws.
	const sink = useContext(LinesSinkContext);
	useLayoutEffect(() => {
		sink?.(lines.slice(0, Math.max(0, height)), width);
	}, [sink, lines, width, height]);
	return (
		<Box flexDirection="column" width={width} height={Math.max(0, Math.min(height, lines.length))} overflow="hidden">
			{lines.map((line, row) => (
				// Rows are positional: the same row index is the same lane from frame to frame.
				<Text key={row} wrap="truncate-end">
					{line.map((segment, index) => (
						<Text
							key={index}
							color={segment.color}
							bold={segment.bold}
							italic={segment.italic}
							inverse={segment.inverse}
							dimColor={color ? segment.dim : undefined}
						>
							{segment.text}
						</Text>
					))}
				</Text>
			))}
		</Box>
	);
});
