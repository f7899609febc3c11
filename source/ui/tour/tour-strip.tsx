import {Box, Text} from 'ink';
import {useEffect, useSyncExternalStore} from 'react';
import {tourFigures, spokenPid} from '../../core/tour/tour-figures.js';
import type {DashboardSnapshot} from '../../core/dashboard/snapshot.js';
import {Line} from '../components/line.js';
import {useTickingClock} from '../hooks/use-ticking-clock.js';
import {laneMark} from '../panes/live-timeline/live-glyphs.js';
import {useMessages} from '../i18n/use-messages.js';
import {useTheme} from '../theme.js';
import {cutMarker, fitLine} from '../segments.js';
import {narrate} from './narration.js';
import {pageAt, stripPages} from './strip-pages.js';
import type {TourHost} from './tour-host.js';

export interface TourStripProps {
	tour: TourHost;
	snapshot: DashboardSnapshot;
	width: number;
	/** Lines: a header, the narration, the legend of the glyphs on screen. */
	height: number;
}

/** Lines the strip takes above the status bar while the tour is on (2-4, fewer on a short terminal). */
export function tourStripHeight(rows: number): number {
	return rows >= 20 ? 4 : rows >= 17 ? 3 : 2;
}

/**
 * The tour's narration strip: which step, what the live figures say now, what to look at, and the glyphs
 * of the view named in words. Re-read four times a second while the tour is on (a wait grows as you watch).
 */
export function TourStrip({tour, snapshot, width, height}: TourStripProps) {
	const theme = useTheme();
	const state = useSyncExternalStore(tour.director.subscribe, tour.director.getSnapshot);
	const now = useTickingClock(state.active, 250);
	const step = tour.director.steps[state.index]!;
	const timeline = tour.timeline?.();
	const measured = tourFigures({
		step: step.id,
		sessions: state.sessions,
		snapshot,
		...(timeline ? {timeline} : {}),
		...(tour.experiment ? {experiment: tour.experiment()} : {}),
		now,
	});
	const figures = tour.held.telling(measured);
	const spoken = state.busy ? undefined : spokenPid(figures);
	useEffect(() => {
		tour.spoken.set(spoken);
	}, [tour, spoken]);
	useEffect(() => () => tour.spoken.set(undefined), [tour]);

	const messages = useMessages().tour;
	const view = step.setup.find((action) => action.kind === 'view')?.view ?? 'live';
	// The letters the live timeline shows (each lane's slot), so the narration names a process as its lane does.
	const marks = new Map(timeline?.processes.map((lane, index) => [lane.pid, laneMark(lane.slot ?? index)]));
	const narration = narrate(figures, {
		messages,
		markOf: (pid) => marks.get(pid),
		ascii: theme.ascii,
		view,
		...(state.error === undefined ? {} : {error: state.error}),
	});
	const header = ` ${messages.header(state.index + 1, tour.director.steps.length)} `;
	const title = ` ${messages.titles[step.id]}${state.busy ? `  ${messages.busy}` : ''}`;
	// Fitted here, not by Ink: its cut can leave a line with wide (Chinese) characters a column too wide.
	const headerLine = fitLine(
		[
			{text: header, inverse: true, bold: true},
			{text: title, bold: true, color: theme.tone('accent')},
			{text: ` ${messages.keys}`, color: theme.tone('muted')},
		],
		width,
		cutMarker(theme.ascii),
	);
	const textLines = Math.max(0, height - (height >= 3 ? 2 : 1));
	// The figures and what to look at; on a small terminal, page after page (nothing left out).
	const said = state.busy ? messages.pending[step.id] : narration.said;
	const pages = stripPages(
		said,
		narration.look,
		messages.sentences(said, narration.look),
		width - 1,
		textLines,
		cutMarker(theme.ascii),
	);
	const lines = pages[pageAt(pages.length, now - state.since)] ?? [];
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Line>
				{headerLine.map((segment, index) => (
					// The header's parts, in order: the index is their identity.
					<Text key={index} inverse={segment.inverse} bold={segment.bold} color={segment.color}>
						{segment.text}
					</Text>
				))}
			</Line>
			{lines.map((line, index) => (
				// The lines of one paragraph, in order: the index is their identity.
				<Line key={index}>{` ${line}`}</Line>
			))}
			{Array.from({length: textLines - lines.length}, (_, index) => (
				<Line key={`blank-${index}`}> </Line>
			))}
			{height >= 3 ? <Line color={theme.tone('muted')}>{` ${narration.legend}`}</Line> : null}
		</Box>
	);
}

/** `T`: the steps of the tour, the current one marked; a digit goes to a step. */
export function TourStepList({tour, width, height}: {tour: TourHost; width: number; height: number}) {
	const theme = useTheme();
	const state = useSyncExternalStore(tour.director.subscribe, tour.director.getSnapshot);
	const messages = useMessages().tour;
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Line bold>{` ${messages.stepsTitle}`}</Line>
			{tour.director.steps.map((step, index) => (
				<Line key={step.id} inverse={index === state.index}>
					{` ${index + 1}  ${messages.titles[step.id]}`}
				</Line>
			))}
			<Line color={theme.tone('muted')}>{` ${messages.stepsHint}`}</Line>
		</Box>
	);
}
