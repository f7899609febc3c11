import {Text} from 'ink';
import {memo, type ReactElement} from 'react';
import {defaults} from '../../core/defaults.js';
import {formatHostPort} from '../../core/errors.js';
import type {SessionView} from '../../core/dashboard/snapshot.js';
import {sliceEndWidth} from '../../core/text/display-width.js';
import {safeText} from '../../core/text/safe-text.js';
import {Line} from '../components/line.js';
import {PaneFrame} from '../components/pane-frame.js';
import {formatMs} from '../format.js';
import {useWaitClock} from '../hooks/use-wait-clock.js';
import {messagesEn, type Messages} from '../i18n/messages-en.js';
import {useMessages} from '../i18n/use-messages.js';
import {useTheme} from '../theme.js';

export interface SessionPaneProps {
	session: SessionView;
	width: number;
	height: number;
	focused: boolean;
	typing: boolean;
	/** The input line's text (only while this pane is being typed into). */
	draft: string;
	/** Sessions scrolled off to the left / right of the row (shown in the title). */
	hiddenBefore?: number;
	hiddenAfter?: number;
}

/** The state in words (colour only repeats it); `now` (ms since the epoch) says how long a TCP wait has lasted. */
export function sessionStateText(session: SessionView, messages: Messages = messagesEn, now?: number): string {
	const words = messages.session;
	if (session.state === 'exited') {
		const exit = session.exit;
		if (!exit) return words.exited;
		if (exit.signal) return words.exitedSignal(exit.signal);
		return words.exitedCode(exit.code ?? '?');
	}

	if (session.closing) return words.closing;
	const computing = session.phase === 'computing' ? words.computing : '';
	if (session.protocol === 'udp') return udpStateText(session, computing, words);
	switch (session.state) {
		case 'connecting':
			return words.connecting;
		case 'connected':
		case 'ready':
			return `${words.connected}${computing}`;
		case 'waiting':
			return now === undefined || session.stateSince === undefined
				? words.waiting
				: words.waitingFor(waitedSeconds(now - session.stateSince));
		case 'no-reply':
			return words.noReply;
		case 'unreachable':
			return words.refused;
		case 'closed':
			return words.closed;
	}
}

/** UDP has no connection, so a UDP session never says "connected" (the first lesson of the tutorial). */
function udpStateText(session: SessionView, computing: string, words: Messages['session']): string {
	switch (session.state) {
		case 'connecting':
			return words.udpOpening;
		case 'connected':
		case 'ready':
			return `${words.udpReady}${computing}`;
		case 'waiting':
			return words.udpWaiting;
		case 'no-reply':
			return `${words.udpNoReply(session.replyTimeoutMs ?? defaults.udpReplyTimeoutMs)}${computing}`;
		case 'unreachable':
			return `${words.udpUnreachable}${computing}`;
		default:
			return session.state === 'closed' ? words.closed : session.state;
	}
}

/** `3.2` under ten seconds, then whole seconds (`15`). */
function waitedSeconds(ms: number): string {
	const clamped = Math.max(0, ms);
	return clamped < 10_000 ? (clamped / 1000).toFixed(1) : String(Math.floor(clamped / 1000));
}

function stateTone(session: SessionView): 'good' | 'warn' | 'bad' | 'muted' {
	if (session.state === 'exited') return session.exit?.code === 0 ? 'muted' : 'bad';
	if (session.state === 'connected' || session.state === 'ready') return 'good';
	if (session.state === 'no-reply' || session.state === 'unreachable') return 'bad';
	if (session.state === 'closed') return 'muted';
	return 'warn';
}

/** The detail (an error, why it closed) belongs to a state that ended something; UDP errors are in the conversation. */
function showsDetail(session: SessionView): boolean {
	return (
		session.state === 'closed' ||
		session.state === 'exited' ||
		session.state === 'connecting' ||
		(session.protocol === 'tcp' && session.state !== 'connected')
	);
}

/**
 * The rows a pane needs while its conversation is empty (frame, state, address, auto mode, input line), or
 * undefined once the conversation has begun: the layout gives the rest to the panes above.
 */
export function emptySessionRows(session: SessionView): number | undefined {
	if (session.conversation.length > 0) return undefined;
	return 2 + 2 + (session.auto.enabled ? 1 : 0) + (session.state === 'exited' ? 0 : 1);
}

/** One client session: a real process with its own input line and conversation. */
export const SessionPane = memo(function SessionPane({
	session,
	width,
	height,
	focused,
	typing,
	draft,
	hiddenBefore = 0,
	hiddenAfter = 0,
}: SessionPaneProps) {
	const theme = useTheme();
	const messages = useMessages();
	const inner = Math.max(0, height - 2);
	const innerWidth = Math.max(0, width - 2);
	// A TCP wait for a reply that lasts grows on screen: tenths of a second from the first second, then whole seconds.
	const now = useWaitClock(session.protocol === 'tcp' && session.state === 'waiting' ? session.stateSince : undefined);
	const head: ReactElement[] = [
		<Line key="state" color={theme.tone(stateTone(session))}>
			{sessionStateText(session, messages, now)}
			{session.detail !== undefined && showsDetail(session) ? (
				<Text color={theme.tone('muted')}>
					{' '}
					{session.problem ? messages.session.problem(session.problem) : session.detail}
				</Text>
			) : null}
		</Line>,
		<Line key="addr" color={theme.tone('muted')}>
			{session.local ? formatHostPort(session.local.address, session.local.port) : '?'} {theme.arrow}{' '}
			{formatHostPort(session.remote.address, session.remote.port)}
		</Line>,
	];
	if (session.auto.enabled) {
		head.push(
			<Line key="auto" color={theme.tone('accent')}>
				{messages.session.auto(session.auto.intervalMs, session.auto.burstMs)}
			</Line>,
		);
	}

	const input = (() => {
		if (session.state === 'exited') return null;
		if (typing) {
			const cursor = theme.ascii ? '_' : '█';
			const room = Math.max(1, innerWidth - 3);
			// The user's own text passes the same rule as the log: a pasted bidi override or escape shows escaped.
			const visible = sliceEndWidth(safeText(draft, {ascii: theme.ascii}), room - 1);
			return (
				<Line key="input" bold>
					{'> '}
					{visible}
					{cursor}
				</Line>
			);
		}

		return (
			<Line key="input" color={theme.tone('muted')}>
				{focused ? messages.session.typeHint : '>'}
			</Line>
		);
	})();

	const room = Math.max(0, inner - head.length - (input ? 1 : 0));
	const conversation = room > 0 ? session.conversation.slice(-room) : [];
	const body = conversation.map((entry) => {
		if (entry.kind === 'sent') {
			return (
				<Line key={entry.id} color={theme.tone('sent')}>
					{'>>> '}
					{entry.text}
				</Line>
			);
		}

		if (entry.kind === 'reply') {
			return (
				<Line key={entry.id}>
					<Text color={theme.tone('reply')}>{entry.text}</Text>
					{entry.rttMs === undefined ? null : <Text color={theme.tone('muted')}> ({formatMs(entry.rttMs)})</Text>}
				</Line>
			);
		}

		if (entry.kind === 'reads' && entry.reads) {
			return (
				<Line key={entry.id} color={theme.tone('accent')}>
					{messages.session.pairReads(session.protocol, entry.reads)}
				</Line>
			);
		}

		return (
			<Line key={entry.id} color={theme.tone(entry.kind === 'error' ? 'bad' : 'muted')}>
				{entry.kind === 'error' ? '! ' : ''}
				{entry.problem ? messages.session.problem(entry.problem) : entry.text}
			</Line>
		);
	});
	const padding = Math.max(0, room - body.length);
	const fill = Array.from({length: padding}, (_, index) => <Line key={`pad-${index}`}> </Line>);
	const more = `${hiddenBefore > 0 ? `<${hiddenBefore} ` : ''}`;
	const after = hiddenAfter > 0 ? ` ${hiddenAfter}>` : '';
	const title = `${more}${messages.panes.sessionTitle(session.sessionId, session.protocol.toUpperCase(), session.pid, session.pinnedCpu)}${after}`;
	return (
		<PaneFrame title={title} focused={focused} width={width} height={height}>
			{[...head, ...body, ...fill, ...(input ? [input] : [])].slice(0, inner)}
		</PaneFrame>
	);
});
