import {memo, type ReactNode} from 'react';
import {Line} from '../components/line.js';
import {PaneFrame} from '../components/pane-frame.js';
import type {TimelineView} from '../state/ui-state.js';
import {useTheme} from '../theme.js';

export interface TimelineAreaProps {
	view: TimelineView;
	/** The view `v` leads to. */
	next: TimelineView;
	width: number;
	height: number;
	focused: boolean;
	/** The hosted pane for this view, already sized to the inside of the frame; undefined = not available. */
	content?: ReactNode;
	/** One line saying why the view is unavailable (when `content` is undefined). */
	unavailable?: string;
}

const titles: Record<TimelineView, string> = {
	live: 'Timeline: live processes',
	sim: 'Timeline: simulator',
	sched: 'Timeline: scheduler',
	experiment: 'Timeline: experiment',
};
const names: Record<TimelineView, string> = {
	live: 'live timeline',
	sim: 'simulator',
	sched: 'scheduler',
	experiment: 'experiment',
};

/** The place of the process/CPU timeline: the live view of real processes or the simulator (`v` switches). */
export const TimelineArea = memo(function TimelineArea({
	view,
	next,
	width,
	height,
	focused,
	content,
	unavailable,
}: TimelineAreaProps) {
	const theme = useTheme();
	return (
		<PaneFrame title={`${titles[view]} (v: ${next})`} focused={focused} width={width} height={height}>
			{content ?? (
				<>
					<Line color={theme.tone('muted')}>{unavailable ?? `the ${names[view]} is not available in this build`}</Line>
					<Line color={theme.tone('muted')}>press v for the {names[next]} view</Line>
				</>
			)}
		</PaneFrame>
	);
});
