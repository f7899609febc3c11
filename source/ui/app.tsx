import {Box, useInput} from 'ink';
import {useLayoutEffect, useState, useSyncExternalStore, type ReactNode} from 'react';
import type {DashboardCommands} from '../core/dashboard/dashboard-commands.js';
import {HelpOverlay, helpPaging} from './components/help-overlay.js';
import {StatusBar} from './components/status-bar.js';
import {TooSmall} from './components/too-small.js';
import {useSnapshot, type SnapshotSource} from './hooks/use-snapshot.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {messagesFor} from './i18n/catalogues.js';
import type {Language} from './i18n/language.js';
import type {Messages} from './i18n/messages-en.js';
import {MessagesContext} from './i18n/use-messages.js';
import {dashboardBindings} from './keymap/dashboard-bindings.js';
import {activeScopes} from './keymap/dispatch-key.js';
import type {KeyBinding, KeyScope} from './keymap/key-binding.js';
import {computeLayout} from './layout.js';
import {ServerPane} from './panes/server-pane.js';
import {emptySessionsRowRows, SessionsRow} from './panes/sessions-row.js';
import {TimelineArea} from './panes/timeline-area.js';
import {nextTimelineView, type Focus, type TimelineView, type UiState} from './state/ui-state.js';
import {UiStore} from './state/ui-store.js';
import {ThemeContext, type Theme} from './theme.js';
import {availableViews, hostedPaneFor, unavailableFor, type TextCapture, type TimelineHost} from './timeline-host.js';
import type {TourHost} from './tour/tour-host.js';
import {TourStepList, TourStrip, tourStripHeight} from './tour/tour-strip.js';
import {LinesSinkContext} from './svg/lines-sink.js';
import type {TimelineSvgExport} from './svg/timeline-export.js';

/** A subscription to nothing (no tour). */
const noSubscribe = () => () => {};

export interface AppProps {
	store: SnapshotSource;
	commands: DashboardCommands;
	theme: Theme;
	timeline?: TimelineHost;
	initialView?: TimelineView;
	/** The guided tour (`t`, `socktui tour`). */
	tour?: TourHost;
	/** The first sessions open after the first frame: focus goes to the first as it appears. */
	focusFirstSession?: boolean;
	/** Key S: the timeline's lines as drawn, saved as SVG. */
	svgExport?: TimelineSvgExport;
	/** The words of the help, status bar and pane titles (English when not given). */
	language?: Language;
}

const noSubscription = () => () => {};
const noCapture = (): TextCapture | undefined => undefined;

/**
 * The dashboard: one snapshot source, one key path (UiStore, outside React), panes laid out for the terminal
 * size. The props are read once, when it mounts.
 */
export function App({
	store,
	commands,
	theme,
	timeline,
	initialView = 'live',
	tour,
	svgExport,
	language = 'en',
	focusFirstSession = false,
}: AppProps) {
	const messages = messagesFor(language);
	const snapshot = useSnapshot(store);
	const {columns, rows} = useTerminalSize();
	const [uiStore] = useState(
		() =>
			new UiStore({
				snapshots: store,
				commands,
				timeline,
				initialView,
				focusFirstSession,
				...(tour ? {tour: tour.director} : {}),
				...(svgExport ? {saveSvg: (view: TimelineView) => svgExport.save(view)} : {}),
			}),
	);
	const ui = useSyncExternalStore(uiStore.subscribe, uiStore.getSnapshot, uiStore.getSnapshot);
	// The tour's own state says whether it is on (the strip, its keys in the status bar).
	const tourState = useSyncExternalStore(tour?.director.subscribe ?? noSubscribe, () => tour?.director.getSnapshot());
	const touring = tour !== undefined && tourState?.active === true;
	// The tour's step that says "look at the server log" keeps the log on screen at 80x24.
	const logStep = touring && tourState !== undefined && tour.director.steps[tourState.index]?.id === 'udp-messages';
	const stripRows = touring ? tourStripHeight(rows) : 0;
	const usual = computeLayout(columns, rows, snapshot.sessions.length, stripRows);
	// Session panes with nothing said yet give their spare rows to the server pane and the timeline.
	const layout = computeLayout(
		columns,
		rows,
		snapshot.sessions.length,
		stripRows,
		emptySessionsRowRows(snapshot.sessions, ui.focus, usual.sessions.visible),
	);
	const hosted = hostedPaneFor(timeline, ui.view);
	const capture = useSyncExternalStore(
		hosted?.textInput?.subscribe ?? noSubscription,
		hosted?.textInput?.current ?? noCapture,
	);
	useLayoutEffect(() => {
		uiStore.setTooSmall(layout.tooSmall);
	}, [uiStore, layout.tooSmall]);
	const helpBindings: ReadonlyArray<KeyBinding<unknown>> = [
		...dashboardBindings,
		...(timeline?.sim?.bindings ?? []),
		...(timeline?.live?.bindings ?? []),
		...(timeline?.sched?.bindings ?? []),
		...(timeline?.experiment?.bindings ?? []),
	];
	// The help's pages at this size, for the paging keys (PgDn, PgUp, Space, Home, End).
	const paging = helpPaging(
		helpBindings,
		messages,
		columns,
		layout.frameHeight - layout.statusHeight - layout.stripHeight,
	);
	useLayoutEffect(() => {
		uiStore.setHelpPaging({pageRows: paging.pageRows, maxOffset: paging.maxOffset});
	}, [uiStore, paging.pageRows, paging.maxOffset]);
	useInput(uiStore.input);

	if (layout.tooSmall) {
		return (
			<Contexts theme={theme} messages={messages}>
				<TooSmall columns={columns} rows={rows} />
			</Contexts>
		);
	}

	const focus = ui.focus;
	const statusBindings =
		capture && focus.kind === 'timeline'
			? [...capture.bindings]
			: statusBindingsFor(
					ui,
					hosted?.bindings,
					focus.kind === 'session' &&
						snapshot.sessions.find((session) => session.sessionId === focus.sessionId)?.state === 'exited',
					touring,
				);
	const where =
		capture && focus.kind === 'timeline'
			? messages.status.typingIntoTimeline
			: ui.typing && focus.kind === 'session'
				? messages.status.typingInto(focus.sessionId)
				: focus.kind === 'session'
					? messages.status.session(focus.sessionId)
					: focus.kind === 'timeline'
						? // The timeline's keys act on its view (r restarts the simulation, + speeds the sampler): say which.
							messages.status.timelineView(ui.view)
						: messages.status[focus.kind];
	const bodyHeight = layout.frameHeight - layout.statusHeight - layout.stripHeight;
	const TimelineContent = hosted?.Component;
	const serverPane = (width: number, height: number) => (
		<ServerPane
			servers={snapshot.servers}
			{...(snapshot.knobs ? {knobs: snapshot.knobs} : {})}
			memory={snapshot.demoMemory}
			log={snapshot.serverLog}
			notices={snapshot.notices}
			remote={snapshot.remote}
			{...(snapshot.remotes ? {remotes: snapshot.remotes} : {})}
			serverPid={snapshot.serverPid}
			serverProcess={snapshot.serverProcess}
			pinnedCpu={snapshot.oneCpu.enabled && snapshot.serverProcess ? snapshot.oneCpu.cpu : undefined}
			{...(snapshot.remote ? {remoteSessions: snapshot.sessions} : {})}
			width={width}
			height={height}
			focused={focus.kind === 'server'}
			{...(logStep ? {minLogRows: 2} : {})}
		/>
	);
	const timelinePane = (width: number, height: number) => (
		<TimelineArea
			view={ui.view}
			next={nextTimelineView(ui.view, availableViews(timeline))}
			width={width}
			height={height}
			focused={focus.kind === 'timeline'}
			unavailable={unavailableFor(timeline, ui.view)}
			content={
				TimelineContent ? (
					<LinesSinkContext.Provider value={svgExport?.sinkFor(ui.view)}>
						<TimelineContent
							width={Math.max(0, width - 2)}
							height={Math.max(0, height - 2)}
							focused={focus.kind === 'timeline'}
						/>
					</LinesSinkContext.Provider>
				) : undefined
			}
		/>
	);
	const sessionsRow = (width: number, height: number, visible: number) => (
		<SessionsRow
			sessions={snapshot.sessions}
			focus={focus}
			typing={ui.typing}
			draft={ui.draft}
			width={width}
			height={height}
			visible={visible}
		/>
	);
	// `z`: the focused pane alone, with every row and column above the status bar.
	const zoomed =
		ui.zoom === true
			? focus.kind === 'server'
				? serverPane(columns, bodyHeight)
				: focus.kind === 'timeline'
					? timelinePane(columns, bodyHeight)
					: sessionsRow(columns, bodyHeight, 1)
			: undefined;
	return (
		<Contexts theme={theme} messages={messages}>
			<Box flexDirection="column" width={columns} height={layout.frameHeight}>
				{ui.help ? (
					<HelpOverlay bindings={helpBindings} width={columns} height={bodyHeight} offset={ui.helpOffset} />
				) : touring && ui.tourList ? (
					<TourStepList tour={tour} width={columns} height={bodyHeight} />
				) : (
					(zoomed ?? (
						<>
							<Box flexDirection="row" height={layout.top.height}>
								{serverPane(layout.top.serverWidth, layout.top.height)}
								{timelinePane(layout.top.timelineWidth, layout.top.height)}
							</Box>
							{sessionsRow(columns, layout.sessions.height, layout.sessions.visible)}
						</>
					))
				)}
				{touring ? <TourStrip tour={tour} snapshot={snapshot} width={columns} height={layout.stripHeight} /> : null}
				<StatusBar
					where={
						ui.help ? messages.status.helpShown : ui.watchDraft === undefined ? where : messages.status.watchProcess
					}
					bindings={statusBindings}
					width={columns}
					{...(ui.watchDraft === undefined
						? ui.hint === undefined
							? {}
							: {hint: hintText(ui.hint, messages)}
						: {hint: messages.status.watchPrompt(ui.watchDraft)})}
				/>
			</Box>
		</Contexts>
	);
}

/** The theme and the language's words, for every component below. */
function Contexts({theme, messages, children}: {theme: Theme; messages: Messages; children: ReactNode}) {
	return (
		<ThemeContext.Provider value={theme}>
			<MessagesContext.Provider value={messages}>{children}</MessagesContext.Provider>
		</ThemeContext.Provider>
	);
}

/** The keys worth showing in the status bar for the focused pane: its own first, then the common ones. */
function statusBindingsFor(
	ui: UiState,
	hostedBindings: ReadonlyArray<KeyBinding<unknown>> | undefined,
	exitedSession = false,
	touring = false,
): Array<KeyBinding<unknown>> {
	if (ui.help) return [];
	const scopes: KeyScope[] = activeScopes(ui, touring).filter((scope) => scope !== 'global');
	const own: Array<KeyBinding<unknown>> = exitedSession
		? // An exited session takes no input and runs no auto mode: only its pane can go.
			dashboardBindings
				.filter((binding) => 'ui' in binding.action && binding.action.ui === 'close-session')
				.map((binding) => ({...binding, description: (m: Messages) => m.status.removePane}))
		: dashboardBindings.filter((binding) => scopes.includes(binding.scope));
	const hosted = ui.focus.kind === 'timeline' && !ui.typing ? [...(hostedBindings ?? [])] : [];
	const common = ui.typing
		? []
		: dashboardBindings.filter(
				(binding) =>
					binding.scope === 'global' &&
					'ui' in binding.action &&
					['new-session', 'focus-next'].includes(binding.action.ui),
			);
	return [...own, ...hosted, ...common];
}

/** `session #1`, `server pane`: where a key did nothing. */
/** The status bar's words for what the last key did (or why it did nothing). */
function hintText(hint: NonNullable<UiState['hint']>, messages: Messages): string {
	if (!('note' in hint)) return messages.status.unboundKey(hint.key, focusName(hint.focus, messages));
	switch (hint.note) {
		case 'tour-hold':
			return messages.status.tourHold;
		case 'no-tour':
			return messages.status.noTour;
		case 'tour-last':
			return messages.status.tourLast(hint.step);
		case 'svg-wrote':
			return messages.status.svgWrote(hint.file);
		case 'svg-nothing':
			return messages.status.svgNothing(hint.view);
		case 'svg-failed':
			return messages.status.svgFailed(hint.reason);
	}
}

function focusName(focus: Focus, messages: Messages): string {
	return focus.kind === 'session' ? messages.status.session(focus.sessionId) : messages.status.paneName(focus.kind);
}
