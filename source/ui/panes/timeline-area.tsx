import {memo, type ReactNode} from 'react';
import {Line} from '../components/line.js';
import {PaneFrame} from '../components/pane-frame.js';
import type {TimelineView} from '../state/ui-state.js';
import {useTheme} from '../theme.js';

export interface TimelineAreaProps {
	view: TimelineView;
	width: number;
	height: number;
	focused: boolean;
	/** The hosted pane for this view, already sized to the inside of the frame; undefined = not available. */
	content?: ReactNode;
	/** One line saying why the view is unavailable (when `content` is undefined). */
	unavailable?: string;
}

/** The place of the process/CPU timeline: the live view of real processes or the simulator (`v` switches). */
export const TimelineArea = memo(function TimelineArea({
	view,
	width,
	height,
	focused,
	content,
	unavailable,
}: TimelineAreaProps) {
	const theme = useTheme();
	const title = view === 'live' ? 'Timeline: live processes' : 'Timeline: simulator';
	return (
		<PaneFrame
			title={`${title} (v: ${view === 'live' ? 'sim' : 'live'})`}
			focused={focused}
			width={width}
			height={height}
		>
			{content ?? (
				<>
					<Line color={theme.tone('muted')}>
						{unavailable ?? `the ${view === 'live' ? 'live timeline' : 'simulator'} is not available in this build`}
					</Line>
					<Line color={theme.tone('muted')}>press v for the {view === 'live' ? 'simulator' : 'live'} view</Line>
				</>
			)}
		</PaneFrame>
	);
});
