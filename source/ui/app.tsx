import {Box, useInput} from 'ink';
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import type {DashboardSnapshot} from '../core/store/snapshot.js';
import {HelpOverlay} from './components/help-overlay.js';
import {StatusBar} from './components/status-bar.js';
import {TooSmall} from './components/too-small.js';
import type {DashboardActions} from './dashboard-actions.js';
import {useSnapshot, type SnapshotSource} from './hooks/use-snapshot.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {dashboardBindings} from './keymap/dashboard-bindings.js';
import {activeScopes, dispatchKey, type Effect} from './keymap/dispatch-key.js';
import type {KeyBinding, KeyScope} from './keymap/key-binding.js';
import {keyName} from './keymap/key-name.js';
import {splitInput} from './keymap/split-input.js';
import {burstSteps, intervalSteps, replyDelaySteps, step} from './keymap/steps.js';
import {computeLayout} from './layout.js';
import {ServerPane} from './panes/server-pane.js';
import {SessionsRow} from './panes/sessions-row.js';
import {TimelineArea} from './panes/timeline-area.js';
import {initialUiState, reconcileUiState, type SessionSummary, type TimelineView, type UiState} from './state/ui-state.js';
import {ThemeContext, type Theme} from './theme.js';
import type {TimelineHost} from './timeline-host.js';

export interface AppProps {
	store: SnapshotSource;
	actions: DashboardActions;
	theme: Theme;
	timeline?: TimelineHost;
	initialView?: TimelineView;
}

function summaries(snapshot: DashboardSnapshot): SessionSummary[] {
	return snapshot.sessions.map((session) => ({sessionId: session.sessionId, exited: session.state === 'exited'}));
}

function runEffect(effect: Effect, snapshot: DashboardSnapshot, actions: DashboardActions): void {
	const session = 'sessionId' in effect ? snapshot.sessions.find((candidate) => candidate.sessionId === effect.sessionId) : undefined;
	switch (effect.type) {
		case 'quit':
			actions.quit();
			return;
		case 'open':
			actions.openSession(effect.protocol);
			return;
		case 'close':
			actions.closeSession(effect.sessionId);
			return;
		case 'dismiss':
			actions.dismissSession(effect.sessionId);
			return;
		case 'send':
			actions.send(effect.sessionId, effect.text);
			return;
		case 'toggle-auto':
			if (session) actions.setAuto(effect.sessionId, {...session.auto, enabled: !session.auto.enabled});
			return;
		case 'auto-interval':
			if (session) actions.setAuto(effect.sessionId, {...session.auto, intervalMs: step(intervalSteps, session.auto.intervalMs, effect.direction)});
			return;
		case 'auto-burst':
			if (session) actions.setAuto(effect.sessionId, {...session.auto, burstMs: step(burstSteps, session.auto.burstMs, effect.direction)});
			return;
		case 'reply-delay': {
			const current = snapshot.servers[0]?.replyDelayMs ?? 0;
			actions.setReplyDelay(step(replyDelaySteps, current, effect.direction));
			return;
		}

		case 'one-cpu':
			actions.toggleOneCpu();
			return;
		case 'toggle-dashboard-lane':
			actions.toggleDashboardLane();
			return;
		case 'restart-server':
			actions.restartServer();
			return;
		case 'timeline':
			// Delivered through state (see App); nothing to do here.
			return;
	}
}

/** The dashboard: one snapshot source, one key listener, panes laid out for the terminal size. */
export function App({store, actions, theme, timeline, initialView = 'live'}: AppProps) {
	const snapshot = useSnapshot(store);
	const {columns, rows} = useTerminalSize();
	const [ui, setUi] = useState<UiState>(() => initialUiState(initialView, snapshot.sessions[0]?.sessionId));
	const [timelineIntent, setTimelineIntent] = useState<{seq: number; value: unknown} | undefined>(undefined);
	const [timelineCapturing, setTimelineCapturing] = useState(false);
	const sessions = useMemo(() => summaries(snapshot), [snapshot.sessions]);
	const layout = computeLayout(columns, rows, snapshot.sessions.length);
	const hosted = ui.view === 'live' ? timeline?.live : timeline?.sim;
	const capture =
		timelineCapturing && hosted?.captureBindings && hosted.textIntent ? {bindings: hosted.captureBindings, textIntent: hosted.textIntent} : undefined;

	// A pane that unmounts while capturing text cannot say it stopped.
	useEffect(() => {
		setTimelineCapturing(false);
	}, [ui.view]);

	// Keep focus valid as sessions come and go (and focus a session just opened with n/u).
	// Functional update: a key handled between this render and the effect must not be overwritten by a stale copy.
	const reconciled = reconcileUiState(ui, sessions);
	useEffect(() => {
		setUi((previous) => reconcileUiState(previous, sessions));
	}, [sessions]);

	// The single key listener reads the latest values through a ref, so it never goes stale.
	const latest = useRef({ui: reconciled, snapshot, sessions, tooSmall: layout.tooSmall, hosted, capture});
	latest.current = {ui: reconciled, snapshot, sessions, tooSmall: layout.tooSmall, hosted, capture};
	const onKey = useCallback(
		(input: string, key: Parameters<Parameters<typeof useInput>[0]>[1]) => {
			// Esc then a letter arriving in one read (a busy moment, a slow SSH link) parses as Alt+letter. No
			// Alt chord is bound, so take it for what a person typed: Esc, then the letter.
			if (key.meta && !key.escape && !key.ctrl && [...input].length === 1 && input >= ' ') {
				onKeyName('\u001B', 'escape');
				onKeyName(input, keyName(input, {...key, meta: false}));
				return;
			}

			const name = keyName(input, key);
			if (name !== undefined || [...input].length <= 1 || key.ctrl || key.meta) {
				onKeyName(input, name);
				return;
			}

			// A chunk of several keys ("hello\r", a paste, "nu" typed fast): text runs and control keys in order;
			// outside the input line every character is its own shortcut.
			for (const piece of splitInput(input)) {
				if (piece.name !== undefined || latest.current.ui.typing || latest.current.capture) onKeyName(piece.text, piece.name);
				else for (const char of piece.text) onKeyName(char, char === ' ' ? 'space' : char);
			}
		},
		[actions],
	);
	const onKeyName = useCallback(
		(input: string, name: string | undefined) => {
			const current = latest.current;
			const result = dispatchKey(current.ui, input, name, {
				sessions: current.sessions,
				tooSmall: current.tooSmall,
				timelineBindings: current.hosted?.bindings,
				timelineCapture: current.capture,
			});
			if (!result.handled) return;
			if (result.state !== current.ui) {
				latest.current = {...current, ui: result.state};
				setUi(result.state);
			}

			for (const effect of result.effects) {
				if (effect.type === 'timeline') setTimelineIntent((previous) => ({seq: (previous?.seq ?? 0) + 1, value: effect.intent}));
				else runEffect(effect, current.snapshot, actions);
			}
		},
		[actions],
	);
	useInput(onKey);

	if (layout.tooSmall) {
		return (
			<ThemeContext.Provider value={theme}>
				<TooSmall columns={columns} rows={rows} />
			</ThemeContext.Provider>
		);
	}

	const focus = reconciled.focus;
	const statusBindings = capture && focus.kind === 'timeline' ? [...capture.bindings] : statusBindingsFor(reconciled, hosted?.bindings);
	const where =
		capture && focus.kind === 'timeline'
			? 'typing into the timeline'
			: reconciled.typing && focus.kind === 'session'
			? `typing into #${focus.sessionId}`
			: focus.kind === 'session'
				? `session #${focus.sessionId}`
				: focus.kind;
	const bodyHeight = layout.frameHeight - layout.statusHeight;
	const helpBindings: Array<KeyBinding<unknown>> = [...dashboardBindings, ...(timeline?.sim?.bindings ?? []), ...(timeline?.live?.bindings ?? [])];
	const TimelineContent = hosted?.Component;
	const timelineInner = {width: Math.max(0, layout.top.timelineWidth - 2), height: Math.max(0, layout.top.height - 2)};
	return (
		<ThemeContext.Provider value={theme}>
			<Box flexDirection="column" width={columns} height={layout.frameHeight}>
				{reconciled.help ? (
					<HelpOverlay bindings={helpBindings} width={columns} height={bodyHeight} offset={reconciled.helpOffset} />
				) : (
					<>
						<Box flexDirection="row" height={layout.top.height}>
							<ServerPane
								servers={snapshot.servers}
								log={snapshot.serverLog}
								notices={snapshot.notices}
								remote={snapshot.remote}
								serverPid={snapshot.serverPid}
								serverProcess={snapshot.serverProcess}
								pinnedCpu={snapshot.oneCpu.enabled && snapshot.serverProcess ? snapshot.oneCpu.cpu : undefined}
								width={layout.top.serverWidth}
								height={layout.top.height}
								focused={focus.kind === 'server'}
							/>
							<TimelineArea
								view={reconciled.view}
								width={layout.top.timelineWidth}
								height={layout.top.height}
								focused={focus.kind === 'timeline'}
								unavailable={reconciled.view === 'live' ? timeline?.liveUnavailable : timeline?.simUnavailable}
								content={
									TimelineContent ? (
										<TimelineContent
											width={timelineInner.width}
											height={timelineInner.height}
											focused={focus.kind === 'timeline'}
											intent={timelineIntent}
											onCaptureChange={setTimelineCapturing}
										/>
									) : undefined
								}
							/>
						</Box>
						<SessionsRow
							sessions={snapshot.sessions}
							focus={focus}
							typing={reconciled.typing}
							draft={reconciled.draft}
							width={columns}
							height={layout.sessions.height}
							visible={layout.sessions.visible}
						/>
					</>
				)}
				<StatusBar where={reconciled.help ? 'help' : where} bindings={statusBindings} width={columns} />
			</Box>
		</ThemeContext.Provider>
	);
}

/** The keys worth showing in the status bar for the focused pane: its own first, then the common ones. */
function statusBindingsFor(ui: UiState, hostedBindings: ReadonlyArray<KeyBinding<unknown>> | undefined): Array<KeyBinding<unknown>> {
	if (ui.help) return [];
	const scopes: KeyScope[] = activeScopes(ui).filter((scope) => scope !== 'global');
	const own: Array<KeyBinding<unknown>> = dashboardBindings.filter((binding) => scopes.includes(binding.scope));
	const hosted = ui.focus.kind === 'timeline' && !ui.typing ? [...(hostedBindings ?? [])] : [];
	const common = ui.typing ? [] : dashboardBindings.filter((binding) => binding.scope === 'global' && ['new-session', 'focus-next'].includes(binding.intent.type));
	return [...own, ...hosted, ...common];
}
