import {Text} from 'ink';
import stringWidth from 'string-width';
import {memo, type ReactElement} from 'react';
import {formatHostPort} from '../../core/errors.js';
import type {Endpoint} from '../../core/echo/types.js';
import type {
	DemoMemoryView,
	LogEntry,
	NoticeEntry,
	ServerProcessView,
	ServerView,
	SessionView,
} from '../../core/store/snapshot.js';
import {Line} from '../components/line.js';
import {PaneFrame} from '../components/pane-frame.js';
import {formatBytes, formatCount, formatRate} from '../format.js';
import {useTickingClock} from '../hooks/use-ticking-clock.js';
import {useMessages} from '../i18n/use-messages.js';
import {useTheme, type Theme} from '../theme.js';
import {serverModelLines} from './server-model-lines.js';

export interface ServerPaneProps {
	servers: readonly ServerView[];
	log: readonly LogEntry[];
	notices: readonly NoticeEntry[];
	remote?: Endpoint;
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

const stateWords: Record<ServerView['state'], string> = {
	starting: 'starting',
	listening: 'listening',
	closed: 'closed',
	failed: 'failed',
};

function serverLine(server: ServerView): string {
	const where = server.local ? formatHostPort(server.local.address, server.local.port) : '';
	const who =
		server.protocol === 'tcp'
			? `${server.activeConnections} conn`
			: `${server.activeConnections} peer${server.activeConnections === 1 ? '' : 's'}`;
	return `${server.protocol.toUpperCase()} ${stateWords[server.state]} ${where}  ${who}`;
}

function trafficLine(server: ServerView, theme: Theme): string {
	const {rates} = server;
	return `  in ${formatCount(server.messagesIn)} msg ${formatBytes(server.bytesIn)} ${formatRate(rates.messagesInPerSec)} ${theme.dot} out ${formatCount(server.messagesOut)} ${formatBytes(server.bytesOut)} ${formatRate(rates.messagesOutPerSec)}`;
}

/** What the guards did, compactly ('' on a quiet network): `guards loop 1 · muted 98 · bad src 3 · kernel drops 1.2k`. */
function guardsLine(servers: readonly ServerView[], theme: Theme): string {
	const sum = (pick: (server: ServerView) => number) => servers.reduce((total, server) => total + pick(server), 0);
	const parts: Array<[string, number]> = [
		['loop', sum((server) => server.guards?.loopsSuspected ?? 0)],
		['muted', sum((server) => server.guards?.muted ?? 0)],
		[
			'bad src',
			sum((server) =>
				server.guards ? server.guards.unreplyable + server.guards.ownAddress + server.guards.lowPort : 0,
			),
		],
		['rate', sum((server) => server.guards?.rateLimited ?? 0)],
		['idle', sum((server) => (server.guards ? server.guards.idleClosed + server.guards.evicted : 0))],
		[
			'kernel drops',
			sum((server) => (server.kernelDrops && 'count' in server.kernelDrops ? server.kernelDrops.count : 0)),
		],
	];
	const shown = parts.filter(([, count]) => count > 0).map(([label, count]) => `${label} ${formatCount(count)}`);
	return shown.length === 0 ? '' : `guards ${shown.join(` ${theme.dot} `)}`;
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
export function serverProcessLines(view: ServerProcessView | undefined): string[] {
	if (!view) return [];
	switch (view.state) {
		case 'starting':
			return [`starting the server process (pid ${view.pid})`];
		case 'running':
			return [];
		case 'stopped':
			return [`server process ${view.pid} stopped`];
		case 'exited': {
			const how = view.signal ? `was killed (${view.signal})` : `exited with code ${view.code ?? '?'}`;
			return [`server process ${view.pid} ${how}:`, 'R restarts it (same port)'];
		}
	}
}

const logWords: Partial<Record<LogEntry['kind'], string>> = {
	open: 'connected',
	close: 'disconnected',
	refused: 'refused',
	dropped: 'dropped',
	error: 'error',
};

function LogLine({entry, theme}: {entry: LogEntry; theme: Theme}) {
	const word = logWords[entry.kind];
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
				{logArrows[entry.kind]}{' '}
				{word === undefined ? entry.text : `${word}${entry.text === '' ? '' : ` (${entry.text})`}`}
			</Text>
		</Line>
	);
}

/** What the sessions sent and got back: the only traffic visible when the server is someone else's. */
function remoteTrafficLine(sessions: readonly SessionView[], theme: Theme): string {
	const sent = sessions.reduce((sum, session) => sum + session.sent, 0);
	const replies = sessions.reduce((sum, session) => sum + session.replies, 0);
	const count = `${sessions.length} ${sessions.length === 1 ? 'session' : 'sessions'}`;
	return `${count}: sent ${formatCount(sent)} ${theme.dot} replies ${formatCount(replies)}`;
}

/** The echo servers this dashboard runs (or the remote server the sessions use), with a scrolling log. */
export const ServerPane = memo(function ServerPane({
	servers,
	log,
	notices,
	remote,
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
	const now = useTickingClock(servers.some((server) => (server.models?.queuedCount ?? 0) > 0));
	const inner = Math.max(0, height - 2);
	const lines: ReactElement[] = [];
	for (const [index, text] of serverProcessLines(serverProcess).entries()) {
		lines.push(
			<Line key={`process-${index}`} bold color={theme.tone(serverProcess?.state === 'exited' ? 'bad' : 'warn')}>
				{text}
			</Line>,
		);
	}
	if (remote) {
		lines.push(
			<Line key="remote" bold>
				Remote server {formatHostPort(remote.address, remote.port)}
			</Line>,
			<Line key="remote2">sessions talk to it; socktui runs no server</Line>,
			<Line key="remote3" color={theme.tone('muted')}>
				(its side is not visible here)
			</Line>,
			<Line key="remote4">{remoteTrafficLine(remoteSessions ?? [], theme)}</Line>,
		);
	}

	for (const server of servers) {
		const tone = server.state === 'listening' ? 'good' : server.state === 'starting' ? 'warn' : 'bad';
		lines.push(
			<Line key={`${server.protocol}-state`} color={theme.tone(tone)}>
				{serverLine(server)}
			</Line>,
			<Line key={`${server.protocol}-traffic`}>{trafficLine(server, theme)}</Line>,
		);
	}

	if (servers.length > 0) {
		const first = servers[0]!;
		const dropped = servers.reduce((sum, server) => sum + server.dropped, 0);
		const refused = servers.reduce((sum, server) => sum + server.refused, 0);
		const cpu = first.models?.handlerCpuMs ?? 0;
		lines.push(
			<Line key="totals">
				delay {first.replyDelayMs} ms {theme.dot} cpu {cpu} ms {theme.dot} dropped {formatCount(dropped)} {theme.dot}{' '}
				refused {formatCount(refused)}
				{focused ? <Text color={theme.tone('muted')}>{' (+/- delay, </> cpu, m model)'}</Text> : null}
			</Line>,
		);
		for (const [index, line] of serverModelLines(servers, now).entries()) {
			lines.push(
				<Line key={`model-${index}`} color={line.tone === 'normal' ? undefined : theme.tone(line.tone)}>
					{line.text}
				</Line>,
			);
		}

		const guards = guardsLine(servers, theme);
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
				{stringWidth(text) <= width - 2 ? text : say(true)}
			</Line>,
		);
	}

	for (const notice of notices.slice(-2)) {
		lines.push(
			<Line key={`notice-${notice.id}`} color={theme.tone(notice.level === 'warn' ? 'warn' : 'accent')}>
				{notice.level === 'warn' ? '! ' : 'i '}
				{notice.text}
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

	for (const entry of shown) lines.push(<LogLine key={entry.id} entry={entry} theme={theme} />);
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
