import {memo, type ReactNode} from 'react';
import {Line} from '../components/line.js';
import {PaneFrame} from '../components/pane-frame.js';
import type {TimelineView} from '../state/ui-state.js';
import {useMessages} from '../i18n/use-messages.js';
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
	const messages = useMessages();
	return (
		<PaneFrame title={messages.panes.timelineTitle(view, next)} focused={focused} width={width} height={height}>
			{content ?? (
				<>
					<Line color={theme.tone('muted')}>{unavailable ?? messages.panes.viewUnavailable(view)}</Line>
					<Line color={theme.tone('muted')}>{messages.panes.pressV(next)}</Line>
				</>
			)}
		</PaneFrame>
	);
});
