import {defaults} from '../core/defaults.js';

/** Where every pane goes for a terminal size. Pure: the resize hook feeds it, tests table it. */
export interface Layout {
	columns: number;
	rows: number;
	tooSmall: boolean;
	/** Lines the frame may use: always below the terminal height (Ink clears the screen otherwise). */
	frameHeight: number;
	top: {height: number; serverWidth: number; timelineWidth: number};
	sessions: {height: number; paneWidth: number; visible: number};
	statusHeight: number;
	/** The guided tour's narration strip, above the status bar (0 when the tour is off). */
	stripHeight: number;
}

const minSessionWidth = 30;

/**
 * `sessionsNeed`: the rows the session row needs when no visible session has a conversation yet (frame,
 * state, address, input line); the rows it would take beyond that go to the server pane and the timeline, so
 * the live legend and the switch reasons fit at 80x24. Undefined once a conversation has started.
 */
export function computeLayout(
	columns: number,
	rows: number,
	sessionCount: number,
	stripHeight = 0,
	sessionsNeed?: number,
): Layout {
	const tooSmall = columns < defaults.minColumns || rows < defaults.minRows;
	const frameHeight = Math.max(1, rows - 1);
	const statusHeight = 1;
	const body = frameHeight - statusHeight - stripHeight;
	const usualTop = Math.max(7, Math.floor(body * 0.45));
	const usualSessions = Math.max(0, body - usualTop);
	const sessionsHeight =
		sessionsNeed === undefined ? usualSessions : Math.min(usualSessions, Math.max(3, Math.ceil(sessionsNeed)));
	const topHeight = body - sessionsHeight;
	const serverWidth = Math.min(60, Math.max(38, Math.floor(columns * 0.5)));
	const timelineWidth = Math.max(0, columns - serverWidth);
	const fit = Math.max(1, Math.floor(columns / minSessionWidth));
	const visible = Math.max(1, Math.min(fit, Math.max(1, sessionCount), 4));
	const paneWidth = Math.floor(columns / visible);
	return {
		columns,
		rows,
		tooSmall,
		frameHeight,
		top: {height: topHeight, serverWidth, timelineWidth},
		sessions: {height: sessionsHeight, paneWidth, visible},
		statusHeight,
		stripHeight,
	};
}

/** Which `count` items of `total` to show so that `focused` stays visible (a window that follows focus). */
export function visibleWindow(total: number, count: number, focused: number): {start: number; end: number} {
	if (total <= count) return {start: 0, end: total};
	const clamped = Math.min(Math.max(focused, 0), total - 1);
	const start = Math.min(Math.max(0, clamped - Math.floor((count - 1) / 2)), total - count);
	return {start, end: start + count};
}
