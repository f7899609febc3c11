import {Box} from 'ink';
import {memo} from 'react';
import type {SessionView} from '../../core/dashboard/snapshot.js';
import {Line} from '../components/line.js';
import {PaneFrame} from '../components/pane-frame.js';
import {visibleWindow} from '../layout.js';
import type {Focus} from '../state/ui-state.js';
import {useMessages} from '../i18n/use-messages.js';
import {useTheme} from '../theme.js';
import {emptySessionRows, SessionPane} from './session-pane.js';

/**
 * The rows the row needs when none of the sessions it shows has a conversation yet (the tallest empty pane;
 * 3 for "no sessions"), or undefined when one has: then it keeps its usual share.
 */
export function emptySessionsRowRows(
	sessions: readonly SessionView[],
	focus: Focus,
	visible: number,
): number | undefined {
	if (sessions.length === 0) return 3;
	const focusedIndex =
		focus.kind === 'session' ? sessions.findIndex((session) => session.sessionId === focus.sessionId) : -1;
	const {start, end} = visibleWindow(sessions.length, visible, Math.max(0, focusedIndex));
	let rows = 0;
	for (const session of sessions.slice(start, end)) {
		const need = emptySessionRows(session);
		if (need === undefined) return undefined;
		rows = Math.max(rows, need);
	}

	return rows;
}

export interface SessionsRowProps {
	sessions: readonly SessionView[];
	focus: Focus;
	typing: boolean;
	draft: string;
	width: number;
	height: number;
	/** How many panes fit side by side. */
	visible: number;
}

/** The client session panes side by side; when there are more than fit, the window follows the focus. */
export const SessionsRow = memo(function SessionsRow({
	sessions,
	focus,
	typing,
	draft,
	width,
	height,
	visible,
}: SessionsRowProps) {
	const theme = useTheme();
	const messages = useMessages();
	if (height < 3) return null;
	if (sessions.length === 0) {
		return (
			<PaneFrame title={messages.panes.sessions} focused={false} width={width} height={height}>
				<Line color={theme.tone('muted')}>{messages.panes.noSessions}</Line>
			</PaneFrame>
		);
	}

	const focusedIndex =
		focus.kind === 'session' ? sessions.findIndex((session) => session.sessionId === focus.sessionId) : -1;
	const {start, end} = visibleWindow(sessions.length, visible, Math.max(0, focusedIndex));
	const shown = sessions.slice(start, end);
	const hidden = sessions.length - shown.length;
	const paneWidth = Math.floor(width / shown.length);
	return (
		<Box flexDirection="row" width={width} height={height}>
			{shown.map((session, index) => {
				const focused = focus.kind === 'session' && focus.sessionId === session.sessionId;
				// The last pane takes the remainder so the row fills the width exactly.
				const paneW = index === shown.length - 1 ? width - paneWidth * (shown.length - 1) : paneWidth;
				return (
					<SessionPane
						key={session.sessionId}
						session={session}
						width={paneW}
						height={height}
						focused={focused}
						typing={focused && typing}
						draft={focused && typing ? draft : ''}
						hiddenBefore={index === 0 ? start : 0}
						hiddenAfter={index === shown.length - 1 && hidden > 0 ? sessions.length - end : 0}
					/>
				);
			})}
		</Box>
	);
});
