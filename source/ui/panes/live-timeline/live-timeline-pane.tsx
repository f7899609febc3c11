import {SegmentLines} from '../../components/segment-lines.js';
import {memo} from 'react';
import type {TimelineSnapshot} from '../../../core/procs/types.js';
import {buildTimelineLines, type TimelineLine, type TimelineLineOptions} from './timeline-lines.js';

/** The line options (size in columns and rows, ascii, color, focused, one-CPU note) plus the data. */
export interface LiveTimelinePaneProps extends TimelineLineOptions {
	/** The sampler's latest snapshot. */
	snapshot: TimelineSnapshot;
}

/** The live process/CPU timeline: one lane per watched process, its self-reported phases, one lane per core. */
export const LiveTimelinePane = memo(function LiveTimelinePane({
	snapshot,
	width,
	height,
	ascii,
	color,
	focused,
	oneCpuNote,
	laneMemory,
}: LiveTimelinePaneProps) {
	return (
		<LiveTimelineLines
			lines={buildTimelineLines(snapshot, {
				width,
				height,
				ascii,
				color,
				focused,
				oneCpuNote,
				...(laneMemory === undefined ? {} : {laneMemory}),
			})}
			width={width}
			height={height}
			color={color}
		/>
	);
});

export interface LiveTimelineLinesProps {
	/** From buildTimelineLines; the same array again (see useTimelineLines) skips the re-render. */
	lines: TimelineLine[];
	width: number;
	height: number;
	color: boolean;
}

/** The timeline's lines as Ink rows. */
export const LiveTimelineLines = SegmentLines;
