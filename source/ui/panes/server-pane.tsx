import {Text} from 'ink';
import {memo, type ReactElement} from 'react';
import {formatHostPort} from '../../core/errors.js';
import {displayWidth} from '../../core/text/display-width.js';
import type {Endpoint} from '../../core/echo/types.js';
import type {
	DemoMemoryView,
	KnobsView,
	LogEntry,
	NoticeEntry,
	ServerProcessView,
	ServerView,
	SessionView,
} from '../../core/dashboard/snapshot.js';
import {Line} from '../components/line.js';
import {PaneFrame} from '../components/pane-frame.js';
import {formatBytes, formatCount, formatRate} from '../format.js';
import {useTickingClock} from '../hooks/use-ticking-clock.js';
import type {ServerPaneMessages} from '../i18n/pane-messages.js';
import {messagesEn, type Messages} from '../i18n/messages-en.js';
import {useMessages} from '../i18n/use-messages.js';
import {useTheme, type Theme} from '../theme.js';
import {serverModelLines} from './server-model-lines.js';
import {wrapWords} from '../wrap-words.js';

export interface ServerPaneProps {
	servers: readonly ServerView[];
	/** The knobs as asked for, and which the server has not reported in force yet (shown as pending). */
	knobs?: KnobsView;
	log: readonly LogEntry[];
	notices: readonly NoticeEntry[];
	remote?: Endpoint;
	/** Per protocol, the other server its sessions use (`--connect-tcp`, `--connect-udp`). */
	remotes?: Readonly<Partial<Record<'tcp' | 'udp', Endpoint>>>;
	/** Resident memory of the demo's processes together, once measured. */
	memory?: DemoMemoryView;
	serverPid: number;
	/** The echo server's own process (absent with --connect). */
	serverProcess?: ServerProcessView;
	/** One-CPU mode: the CPU the server runs on. */
	pinnedCpu?: number;
	/** With --connect: the sessions, whose own counts are all this dashboard can see of the traffic. */
	remoteSessions?: readonly SessionView[];
	width: number;
	height: number;
	focused: boolean;
	/**
	 * Rows the log keeps at least (the tour's step about the server log): the memory, knob and model lines
	 * give way to it, in that order, when the pane is short.
	 */
	minLogRows?: number;
}

function serverLine(server: ServerView, words: ServerPaneMessages): string {
	const where = server.local ? formatHostPort(server.local.address, server.local.port) : '';
	const who = words.connections(server.protocol, server.activeConnections);
	return `${server.protocol.toUpperCase()} ${words.state[server.state]} ${where}  ${who}`;
}

function trafficLine(server: ServerView, theme: Theme, words: ServerPaneMessages): string {
	const {rates} = server;
	return words.traffic(
		formatCount(server.messagesIn),
		formatBytes(server.bytesIn),
		formatRate(rates.messagesInPerSec),
		theme.dot,
		formatCount(server.messagesOut),
		formatBytes(server.bytesOut),
		formatRate(rates.messagesOutPerSec),
	);
}

/** What the guards did, compactly ('' on a quiet network): `guards loop 1 · muted 98 · bad src 3 · kernel drops 1.2k`. */
function guardsLine(servers: readonly ServerView[], theme: Theme, words: ServerPaneMessages['guards']): string {
	const sum = (pick: (server: ServerView) => number) => servers.reduce((total, server) => total + pick(server), 0);
	const parts: Array<[string, number]> = [
		[words.loop, sum((server) => server.guards?.loopsSuspected ?? 0)],
		[words.muted, sum((server) => server.guards?.muted ?? 0)],
		[
			words.badSource,
			sum((server) =>
				server.guards ? server.guards.unreplyable + server.guards.ownAddress + server.guards.lowPort : 0,
			),
		],
		[words.rate, sum((server) => server.guards?.rateLimited ?? 0)],
		[words.idle, sum((server) => (server.guards ? server.guards.idleClosed + server.guards.evicted : 0))],
		[
			words.kernelDrops,
			sum((server) => (server.kernelDrops && 'count' in server.kernelDrops ? server.kernelDrops.count : 0)),
		],
	];
	const shown = parts.filter(([, count]) => count > 0).map(([label, count]) => `${label} ${formatCount(count)}`);
	return shown.length === 0 ? '' : `${words.title} ${shown.join(` ${theme.dot} `)}`;
}

const logArrows: Record<LogEntry['kind'], string> = {
	in: '>>',
	out: '<<',
	open: '++',
	close: '--',
	refused: '!!',
	dropped: '!!',
	error: '!!',
	skipped: '..',
};

/** The server process's state in words (one or two lines), when it is not simply running. */
export function serverProcessLines(
	view: ServerProcessView | undefined,
	words: ServerPaneMessages = messagesEn.server,
): string[] {
	if (!view) return [];
	switch (view.state) {
		case 'starting':
			return [words.processStarting(view.pid)];
		case 'running':
			return [];
		case 'stopped':
			return [words.processStopped(view.pid)];
		case 'exited': {
			const how = view.signal
				? words.processKilled(view.pid, view.signal)
				: words.processExited(view.pid, String(view.code ?? '?'));
			return [how, words.restartHint];
		}
	}
}

function logWord(kind: LogEntry['kind'], words: ServerPaneMessages['log']): string | undefined {
	const of: Partial<Record<LogEntry['kind'], string>> = {
		open: words.connected,
		close: words.disconnected,
		refused: words.refused,
		dropped: words.dropped,
		error: words.error,
	};
	return of[kind];
}

/** A notice from the core (a code and its parameters) in the dashboard's language. */
export function noticeText(notice: NoticeEntry['notice'], messages: Messages): string {
	if (notice.code === 'pinning') {
		const {failure} = notice.params;
		return (messages.pinFailure[failure.code] as (value: typeof failure) => string)(failure);
	}

	return (messages.notices[notice.code] as (params: typeof notice.params) => string)(notice.params);
}

/** A log line that is not a payload, in words. */
function logNoteText(note: NonNullable<LogEntry['note']>, words: ServerPaneMessages): string {
	switch (note.code) {
		case 'skipped':
			return words.skipped(note.count);
		case 'closed':
			return words.closeReasons[note.reason];
		case 'refused':
			return words.refusedLimit;
		case 'dropped':
			return words.dropped(note.bytes, words.dropReasons[note.reason]);
		case 'muted':
			return words.muted(note.seconds);
		case 'error':
			return note.detail;
	}
}

function LogLine({
	entry,
	theme,
	words,
	messages,
}: {
	entry: LogEntry;
	theme: Theme;
	words: ServerPaneMessages;
	messages: Messages;
}) {
	const word = logWord(entry.kind, words.log);
	const text = entry.note ? logNoteText(entry.note, words) : entry.text;
	// A TCP read is not a message: say so when it held more or less than one line.
	const read = entry.read ? messages.panes.serverRead(entry.read) : '';
	const tone =
		entry.kind === 'in'
			? 'sent'
			: entry.kind === 'out'
				? 'reply'
				: entry.kind === 'open' || entry.kind === 'close'
					? 'muted'
					: 'warn';
	const peer =
		entry.peer === '' ? entry.protocol.toUpperCase() : `${entry.protocol === 'udp' ? 'u' : 't'} ${entry.peer}`;
	return (
		<Line>
			<Text color={theme.tone('muted')}>{peer} </Text>
			<Text color={theme.tone(tone)}>
				{logArrows[entry.kind]} {read}
				{word === undefined ? text : `${word}${text === '' ? '' : ` (${text})`}`}
			</Text>
		</Line>
	);
}

function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
	return a.address === b.address && a.port === b.port;
}

/** What the sessions sent and got back: the only traffic visible when the server is someone else's. */
function remoteTrafficLine(sessions: readonly SessionView[], theme: Theme, words: ServerPaneMessages): string {
	const sent = sessions.reduce((sum, session) => sum + session.sent, 0);
	const replies = sessions.reduce((sum, session) => sum + session.replies, 0);
	return words.remoteTraffic(sessions.length, formatCount(sent), formatCount(replies), theme.dot);
}

/** The echo servers this dashboard runs (or the remote server the sessions use), with a scrolling log. */
export const ServerPane = memo(function ServerPane({
	servers,
	knobs,
	log,
	notices,
	remote,
	remotes,
	memory,
	serverPid,
	serverProcess,
	pinnedCpu,
	remoteSessions,
	width,
	height,
	focused,
	minLogRows = 0,
}: ServerPaneProps) {
	const theme = useTheme();
	const messages = useMessages();
	const words = messages.server;
	const now = useTickingClock(servers.some((server) => (server.models?.queuedCount ?? 0) > 0));
	const inner = Math.max(0, height - 2);
	const lines: ReactElement[] = [];
	for (const [index, text] of serverProcessLines(serverProcess, words).entries()) {
		lines.push(
			<Line key={`process-${index}`} bold color={theme.tone(serverProcess?.state === 'exited' ? 'bad' : 'warn')}>
				{text}
			</Line>,
		);
	}
	// Two remote servers (the tutorial's UDP one on 8080, its socketserver TCP one on 8082): one line each.
	const split = remotes?.tcp && remotes.udp && !sameEndpoint(remotes.tcp, remotes.udp) ? remotes : undefined;
	if (remote) {
		const where = (endpoint: Endpoint) => formatHostPort(endpoint.address, endpoint.port);
		lines.push(
			...(split
				? (['tcp', 'udp'] as const).map((protocol) => (
						<Line key={`remote-${protocol}`} bold>
							{messages.panes.remoteServerOf(protocol.toUpperCase(), where(split[protocol]!))}
						</Line>
					))
				: [
						<Line key="remote" bold>
							{words.remote(where(remote))}
						</Line>,
					]),
			<Line key="remote2">{words.remoteTalk}</Line>,
			<Line key="remote3" color={theme.tone('muted')}>
				{words.remoteHidden}
			</Line>,
			<Line key="remote4">{remoteTrafficLine(remoteSessions ?? [], theme, words)}</Line>,
		);
	}

	// One protocol's sessions go to another server: say which, and that its side is not seen here.
	if (!remote) {
		for (const protocol of ['tcp', 'udp'] as const) {
			const other = remotes?.[protocol];
			if (!other) continue;
			lines.push(
				<Line key={`elsewhere-${protocol}`} color={theme.tone('warn')}>
					{messages.panes.remoteElsewhere(protocol.toUpperCase(), formatHostPort(other.address, other.port))}
				</Line>,
			);
		}
	}

	for (const server of servers) {
		const tone = server.state === 'listening' ? 'good' : server.state === 'starting' ? 'warn' : 'bad';
		lines.push(
			<Line key={`${server.protocol}-state`} color={theme.tone(tone)}>
				{serverLine(server, words)}
			</Line>,
			<Line key={`${server.protocol}-traffic`}>{trafficLine(server, theme, words)}</Line>,
		);
	}

	if (servers.length > 0) {
		const first = servers[0]!;
		const dropped = servers.reduce((sum, server) => sum + server.dropped, 0);
		const refused = servers.reduce((sum, server) => sum + server.refused, 0);
		// A knob shows the value asked for; until the server reports it in force, it says so.
		const delay = knobs?.asked.replyDelayMs ?? first.replyDelayMs;
		const cpu = knobs?.asked.handlerCpuMs ?? first.models?.handlerCpuMs ?? 0;
		const pending = {delay: knobs?.pending.replyDelayMs ?? false, cpu: knobs?.pending.handlerCpuMs ?? false};
		// The totals wrap by words; the keys' hint follows them when it fits, else takes its own line(s), whole.
		const innerWidth = Math.max(1, width - 2);
		const totals = wrapWords(
			words.totals(delay, cpu, formatCount(dropped), formatCount(refused), theme.dot, pending),
			innerWidth,
		);
		const hint = focused ? words.totalsHint : '';
		const hintJoins = hint !== '' && displayWidth(totals.at(-1) ?? '') + displayWidth(hint) <= innerWidth;
		for (const [index, text] of totals.entries()) {
			lines.push(
				<Line key={`totals-${index}`}>
					{text}
					{hintJoins && index === totals.length - 1 ? <Text color={theme.tone('muted')}>{hint}</Text> : null}
				</Line>,
			);
		}

		if (hint !== '' && !hintJoins) {
			for (const [index, text] of wrapWords(hint.trim(), innerWidth).entries()) {
				lines.push(
					<Line key={`totals-hint-${index}`} color={theme.tone('muted')}>
						{text}
					</Line>,
				);
			}
		}
		if (knobs?.pending.model) {
			for (const [index, text] of wrapWords(words.modelAsked(knobs.asked.model), innerWidth).entries()) {
				lines.push(
					<Line key={`model-asked-${index}`} color={theme.tone('warn')}>
						{text}
					</Line>,
				);
			}
		}

		for (const [index, line] of serverModelLines(servers, now, words).entries()) {
			lines.push(
				<Line key={`model-${index}`} color={line.tone === 'normal' ? undefined : theme.tone(line.tone)}>
					{line.text}
				</Line>,
			);
		}

		const guards = guardsLine(servers, theme, words.guards);
		if (guards !== '') {
			lines.push(
				<Line key="guards" color={theme.tone('warn')}>
					{guards}
				</Line>,
			);
		}
	}

	if (memory) {
		// Multiplexing in space: every process holds its own memory; PSS counts shared pages once in all.
		const say = (short: boolean) =>
			messages.panes.memory(
				formatBytes(memory.pssBytes),
				memory.processes,
				formatBytes(memory.sharedBytes),
				memory.pssMissing === 0,
				short,
			);
		const text = say(false);
		lines.push(
			<Line key="memory" color={theme.tone('muted')}>
				{displayWidth(text) <= width - 2 ? text : say(true)}
			</Line>,
		);
	}

	for (const notice of notices.slice(-2)) {
		lines.push(
			<Line key={`notice-${notice.id}`} color={theme.tone(notice.level === 'warn' ? 'warn' : 'accent')}>
				{notice.level === 'warn' ? '! ' : 'i '}
				{noticeText(notice.notice, messages)}
			</Line>,
		);
	}

	// Lines that give way to the log when it must keep rows (first to go first).
	for (const prefix of ['memory', 'guards', 'model-', 'totals']) {
		if (minLogRows === 0 || inner - lines.length >= minLogRows) break;
		for (let index = lines.length - 1; index >= 0 && inner - lines.length < minLogRows; index--)
			if (String(lines[index]!.key).startsWith(prefix)) lines.splice(index, 1);
	}

	const room = Math.max(0, inner - lines.length);
	const shown = room > 0 ? log.slice(-room) : [];
	if (room > 0 && shown.length === 0) {
		lines.push(
			<Line key="empty" color={theme.tone('muted')}>
				{remote ? messages.panes.serverLogRemote : messages.panes.serverLogEmpty}
			</Line>,
		);
	}

	for (const entry of shown)
		lines.push(<LogLine key={entry.id} entry={entry} theme={theme} words={words} messages={messages} />);
	return (
		<PaneFrame
			title={
				remote ? messages.panes.serverRemote : messages.panes.server(serverPid, pinnedCpu, servers[0]?.models?.model)
			}
			focused={focused}
			width={width}
			height={height}
		>
			{lines.slice(0, inner)}
		</PaneFrame>
	);
});
