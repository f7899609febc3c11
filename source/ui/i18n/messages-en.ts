import type {KeyScope} from '../keymap/key-binding.js';
import {englishTour, type TourMessages} from '../tour/tour-messages.js';
import {englishExperiment, type ExperimentMessages} from './experiment-messages.js';
import type {TimelineView} from '../state/ui-state.js';
import type {PaneMessages} from './pane-messages.js';
import {paneMessagesEn} from './pane-messages-en.js';
import type {ReadReport} from '../../core/echo/read-report.js';
import type {PairReads} from '../../core/dashboard/snapshot.js';
import {formatHostPort} from '../../core/errors.js';
import type {NoReplyProblem, SessionProblem} from '../../core/sessions/session-problem.js';

/** A socket error in words, as the CLI says it (source/core/errors.ts). */
/** `2 s`, `0.5 s`, `500 ms`: a wait as the user would write it. */
function waitEn(ms: number): string {
	return ms < 1000 ? `${ms} ms` : `${ms / 1000} s`;
}

/** No reply, or part of one, within the wait (TCP: the reply timeout; UDP: the datagram's). */
function noReplyEn(problem: NoReplyProblem): string {
	const where = `${problem.protocol} ${formatHostPort(problem.host, problem.port)}`;
	const within = `within ${waitEn(problem.waitMs)}`;
	const {partial} = problem;
	if (partial === undefined)
		return `no reply from ${where} ${within}${problem.protocol === 'UDP' ? ' (is a UDP server listening?)' : ''}`;
	const got =
		partial.expectedBytes === undefined
			? `${partial.bytes} bytes and no newline`
			: `${partial.bytes} of ${partial.expectedBytes} bytes`;
	return `incomplete reply from ${where} ${within}: ${got} (${partial.start})`;
}

function socketProblemEn(problem: Extract<SessionProblem, {code: 'socket'}>): string {
	const where = `${problem.protocol} ${formatHostPort(problem.host, problem.port)}`;
	switch (problem.kind) {
		case 'PortInUse':
			return `port ${problem.port} is already in use (${where})`;
		case 'AddressUnavailable':
			return `cannot bind ${where}: address not available on this machine`;
		case 'ConnectionRefused':
			return `connection refused by ${where} (is the server running?)`;
		case 'HostNotFound':
			return `host not found: ${problem.host}`;
		case 'PeerClosed':
			return `connection reset by ${where}`;
		case 'PortUnreachable':
			return `port unreachable: nothing listens on ${problem.protocol.toLowerCase()} ${formatHostPort(problem.host, problem.port)}`;
	}
}
import type {SimTuning} from '../panes/sim/sim-player.js';

/**
 * Every word the dashboard's frame says (help, key descriptions, status bar, pane titles), one catalogue per
 * language. A parameterised message is a function; a new section is a new field here (with its English text
 * below), and tsc then asks for it in every other catalogue.
 */
export interface Messages extends PaneMessages {
	/** The guided tour's strip and step list (source/ui/tour). */
	tour: TourMessages;
	/** The experiment view and the `socktui experiment` text output. */
	experiment: ExperimentMessages;
	status: {
		help: string;
		quit: string;
		/** Where the keys go, in the status bar's first cell. */
		server: string;
		timeline: string;
		/** The timeline pane with focus, naming its view (what its keys act on). */
		timelineView: (view: TimelineView) => string;
		session: (sessionId: number) => string;
		typingInto: (sessionId: number) => string;
		typingIntoTimeline: string;
		helpShown: string;
		watchProcess: string;
		watchPrompt: (draft: string) => string;
		/** A key bound nowhere here: `where` is paneName or a session. */
		unboundKey: (key: string, where: string) => string;
		paneName: (kind: 'server' | 'timeline') => string;
		/** An exited session's only key. */
		removePane: string;
		/** What a key did, said once in the status bar. */
		tourHold: string;
		noTour: string;
		/** Right on the tour's last step. */
		tourLast: (steps: number) => string;
		svgWrote: (file: string) => string;
		svgNothing: (view: TimelineView) => string;
		svgFailed: (reason: string) => string;
	};
	help: {
		title: string;
		/** The overlay comes in pages: which one, of how many, and the keys that turn them. */
		page: (page: number, pages: number) => string;
		footer: string;
		scopes: Record<KeyScope, string>;
	};
	/** The dashboard's keys (dashboard-bindings.ts). */
	keys: {
		sendLine: string;
		stopTyping: string;
		deleteCharacter: string;
		typeMessage: string;
		closeSession: string;
		autoMode: string;
		sendPair: string;
		autoLessOften: string;
		autoMoreOften: string;
		autoLongerBurst: string;
		autoShorterBurst: string;
		longerReplyDelay: string;
		shorterReplyDelay: string;
		moreHandlerCpu: string;
		lessHandlerCpu: string;
		nextView: string;
		newTcpSession: string;
		newUdpSession: string;
		nextPane: string;
		previousPane: string;
		jumpToSession: string;
		oneCpuMode: string;
		serverModel: string;
		dashboardLane: string;
		restartServer: string;
		watchProcess: string;
		zoom: string;
		tourToggle: string;
		tourNext: string;
		tourPrev: string;
		tourList: string;
		tourLeave: string;
		tourHold: string;
		saveSvg: string;
		help: string;
		quit: string;
	};
	/** What a new quantum or switch cost changed in the simulated run, in one line. */
	simVerdict: (tuned: SimTuning) => string;
	simKeys: {
		playPause: string;
		stepForward: string;
		stepBack: string;
		faster: string;
		slower: string;
		restart: string;
		switchPolicy: string;
		ioDonePolicy: string;
		compare: string;
		quantumUp: string;
		quantumDown: string;
		switchCostUp: string;
		switchCostDown: string;
		nextPreset: string;
		editProgram: string;
		loadProgram: string;
		cancel: string;
	};
	liveKeys: {
		pause: string;
		faster: string;
		slower: string;
	};
	schedKeys: {
		nextJobSet: string;
		longerQuantum: string;
		shorterQuantum: string;
		leftPolicy: string;
	};
	experimentKeys: {
		run: string;
		otherPreset: string;
		stop: string;
	};
	/** A session pane's state line and hints. */
	session: {
		exited: string;
		exitedSignal: (signal: string) => string;
		exitedCode: (code: number | string) => string;
		closing: string;
		/** Appended to a state while the session burns its CPU burst. */
		computing: string;
		connecting: string;
		connected: string;
		waiting: string;
		/** A TCP session's wait for a reply, with how long it has lasted (`3.2`, `15`). */
		waitingFor: (seconds: string) => string;
		noReply: string;
		refused: string;
		closed: string;
		udpOpening: string;
		udpReady: string;
		udpWaiting: string;
		/** UDP's state after a datagram got no reply within `waitMs`. */
		udpNoReply: (waitMs: number) => string;
		udpUnreachable: string;
		/** A session's error or why it closed, from its code (issue 21: no English crosses the IPC as text). */
		problem: (problem: SessionProblem) => string;
		typeHint: string;
		auto: (intervalMs: number, burstMs: number) => string;
		/** How two messages sent in one go (key b) came back: TCP in how many reads, UDP as two datagrams. */
		pairReads: (protocol: 'tcp' | 'udp', reads: PairReads) => string;
	};
	panes: {
		server: (pid: number | undefined, cpu: number | undefined, model: string | undefined) => string;
		serverRemote: string;
		/** `--connect-tcp` and `--connect-udp` to two servers: one line each. */
		remoteServerOf: (protocol: string, where: string) => string;
		/** One protocol's sessions use another server (socktui's own serves the other). */
		remoteElsewhere: (protocol: string, where: string) => string;
		serverLogEmpty: string;
		serverLogRemote: string;
		/**
		 * Before a TCP read's payload in the server log when it is not exactly one line ('' when it is); the
		 * payload's visible `\n` shows where the lines ended.
		 */
		serverRead: (read: ReadReport) => string;
		sessions: string;
		noSessions: string;
		sessionTitle: (sessionId: number, protocol: string, pid: number, cpu: number | undefined) => string;
		timelineTitle: (view: TimelineView, next: TimelineView) => string;
		viewNames: Record<TimelineView, string>;
		viewUnavailable: (view: TimelineView) => string;
		pressV: (next: TimelineView) => string;
		tooSmall: (needColumns: number, needRows: number, columns: number, rows: number) => string;
		tooSmallQuits: string;
		/**
		 * The demo's memory: total by PSS (or RSS where PSS is unreadable), in how many processes, and how much
		 * an RSS sum would count more than once (shared). `short` for a narrow pane.
		 */
		memory: (total: string, processes: number, shared: string, pssReadable: boolean, short: boolean) => string;
	};
}

const viewNames: Record<TimelineView, string> = {
	live: 'live timeline',
	sim: 'simulator',
	sched: 'scheduler',
	experiment: 'experiment',
};

const viewTitles: Record<TimelineView, string> = {
	live: 'Timeline: live processes',
	sim: 'Timeline: simulator',
	sched: 'Timeline: scheduler',
	experiment: 'Timeline: experiment',
};

/** `6+6`, `6+6+...` when more reads came than are listed. */
export const sizesOf = (sizes: readonly number[], count: number) =>
	`${sizes.join('+')}${count > sizes.length ? '+...' : ''}`;

const cpuSuffix = (cpu: number | undefined) => (cpu === undefined ? '' : ` cpu${cpu}`);

export const messagesEn: Messages = {
	...paneMessagesEn,
	tour: englishTour,
	experiment: englishExperiment,
	status: {
		help: 'help',
		quit: 'quit',
		server: 'server',
		timeline: 'timeline',
		timelineView: (view) => `timeline (${view})`,
		session: (sessionId) => `session #${sessionId}`,
		typingInto: (sessionId) => `typing into #${sessionId}`,
		typingIntoTimeline: 'typing into the timeline',
		helpShown: 'help',
		watchProcess: 'watch a process',
		watchPrompt: (draft) => `PID: ${draft}_  (Enter adds it to the timeline, Esc cancels)`,
		unboundKey: (key, where) => `${key} does nothing here (${where}); ? lists every key`,
		paneName: (kind) => `${kind} pane`,
		removePane: 'remove this pane',
		tourHold: "the tour keeps +/- from changing its step's reply delay; your terminal's own zoom is Ctrl-+/Ctrl--",
		noTour: 'this dashboard has no guided tour',
		tourLast: (steps) => `this is the last step of the tour (${steps}/${steps}): Left goes back, Esc leaves it`,
		svgWrote: (file) => `wrote ${file}`,
		svgNothing: (view) => `nothing to save: the ${viewNames[view]} view draws no timeline`,
		svgFailed: (reason) => `could not save the timeline as SVG: ${reason}`,
	},
	help: {
		title: 'Keys (? or Esc closes)',
		page: (page, pages) => `page ${page}/${pages}: PgDn/Space next, PgUp back, Home/End, arrows scroll`,
		footer: 'States are words: TCP connected, UDP ready (no connection), exited (code N).',
		scopes: {
			global: 'Anywhere',
			tour: 'During the tour',
			session: 'Session pane',
			typing: 'While typing',
			server: 'Server pane',
			timeline: 'Timeline pane',
			sim: 'Simulator view',
			sched: 'Scheduler view',
			experiment: 'Experiment view',
		},
	},
	keys: {
		sendLine: 'send the line',
		stopTyping: 'stop typing',
		deleteCharacter: 'delete a character',
		typeMessage: 'type a message',
		closeSession: 'close this session (x again: the next one; exited: remove it)',
		autoMode: 'auto mode on/off',
		sendPair: 'send two messages in one go (TCP: a stream, read count shown; UDP: two datagrams)',
		autoLessOften: 'auto: send less often',
		autoMoreOften: 'auto: send more often',
		autoLongerBurst: 'auto: longer CPU burst',
		autoShorterBurst: 'auto: shorter CPU burst',
		longerReplyDelay: 'longer reply delay',
		shorterReplyDelay: 'shorter reply delay',
		moreHandlerCpu: 'more handler CPU per message',
		lessHandlerCpu: 'less handler CPU per message',
		nextView: 'next view: live, simulator, scheduler, experiment',
		newTcpSession: 'new TCP session',
		newUdpSession: 'new UDP session',
		nextPane: 'next pane',
		previousPane: 'previous pane',
		jumpToSession: 'jump to session N',
		oneCpuMode: 'one-CPU mode on/off',
		serverModel: 'server model: event-loop, iterative, threads, processes (new connections)',
		dashboardLane: "show/hide the dashboard's own timeline lane",
		restartServer: 'restart the server process after it stopped',
		watchProcess: 'watch a process by PID in the live timeline (its threads and children too)',
		zoom: 'zoom: the focused pane gets the whole screen (z again: back)',
		tourToggle: 'guided tour on/off (off puts the dashboard back as it was)',
		tourNext: 'tour: next step',
		tourPrev: 'tour: previous step (before the first: leave it)',
		tourList: 'tour: list of steps',
		tourLeave: 'tour: leave it, keep the panes as they are',
		tourHold: "tour: +/- keep the step's reply delay (on the timeline: its speed)",
		saveSvg: 'save the timeline shown as an SVG file in the current directory (for slides)',
		help: 'help',
		quit: 'quit',
	},
	simVerdict: ({knob, value, before, after}) => {
		const finish =
			after.finish === before.finish
				? `all done at tick ${after.finish} as before`
				: `all done at tick ${after.finish} instead of ${before.finish}`;
		return knob === 'quantum'
			? value === 0
				? `no quantum: a process keeps the CPU until it blocks or ends; ${finish}`
				: `quantum ${value}: ${after.preemptions} time slices ran out (the CPU taken away); ${finish}`
			: `switch cost ${value}: ${after.switches} ticks spent switching, no process runs meanwhile; ${finish}`;
	},
	simKeys: {
		playPause: 'play / pause',
		stepForward: 'step forward one tick',
		stepBack: 'step back one tick',
		faster: 'play faster',
		slower: 'play slower',
		restart: 'restart from tick 0',
		switchPolicy: 'switch policy: SWITCH_ON_IO / SWITCH_ON_END',
		ioDonePolicy: 'IO done policy: IO_RUN_LATER / IO_RUN_IMMEDIATE',
		compare: 'compare serial vs multiprogrammed',
		quantumUp: 'longer time slice (quantum; 0 = none)',
		quantumDown: 'shorter time slice (quantum)',
		switchCostUp: 'dearer context switch (ticks per switch)',
		switchCostDown: 'cheaper context switch',
		nextPreset: 'next preset workload',
		editProgram: 'type a -P program (e.g. c3,i,c2:c4)',
		loadProgram: 'load the program',
		cancel: 'cancel',
	},
	liveKeys: {
		pause: 'pause / resume the live timeline',
		faster: 'sample faster (shorter columns)',
		slower: 'sample slower (longer columns)',
	},
	schedKeys: {
		nextJobSet: 'next job set',
		longerQuantum: 'longer RR quantum',
		shorterQuantum: 'shorter RR quantum',
		leftPolicy: 'FIFO or SJF beside RR',
	},
	experimentKeys: {
		run: 'run the experiment (serial, then concurrent)',
		otherPreset: 'other preset: IO or CPU-only jobs',
		stop: 'stop the run (every job ends)',
	},
	session: {
		exited: 'exited',
		exitedSignal: (signal) => `exited (signal ${signal})`,
		exitedCode: (code) => `exited (code ${code})`,
		closing: 'closing',
		computing: ', computing',
		connecting: 'connecting',
		connected: 'connected',
		waiting: 'waiting for reply',
		waitingFor: (seconds) => `waiting for reply ${seconds} s`,
		noReply: 'no reply',
		refused: 'connection refused',
		closed: 'closed',
		udpOpening: 'opening UDP socket',
		udpReady: 'ready (UDP: no connection)',
		udpWaiting: 'sent, waiting for reply',
		udpNoReply: (waitMs) => `no reply after ${waitEn(waitMs)}`,
		udpUnreachable: 'port unreachable',
		problem: (problem) => {
			switch (problem.code) {
				case 'tooLarge':
					return `message too large for one UDP datagram (${problem.bytes} bytes, at most ${problem.max})`;
				case 'queueFull':
					return `too many messages waiting (${problem.max}); this one was not sent`;
				case 'serverClosed':
					return 'the server closed the connection';
				case 'closedByDashboard':
					return 'closed by the dashboard';
				case 'processFailed':
					return `session process failed: ${problem.line}`;
				case 'socket':
					return socketProblemEn(problem);
				case 'noReply':
					return noReplyEn(problem);
			}
		},
		typeHint: '> (Enter to type)',
		auto: (intervalMs, burstMs) => `auto: every ${intervalMs} ms, burst ${burstMs} ms`,
		pairReads: (protocol, {writes, reads, readSizes, lines}) =>
			protocol === 'tcp'
				? `${lines} messages arrived in ${reads} ${reads === 1 ? 'read' : 'reads'} (${sizesOf(readSizes, reads)} B)`
				: `${writes} datagrams sent, ${reads} replies (${sizesOf(readSizes, reads)} B)`,
	},
	panes: {
		server: (pid, cpu, model) => `Server (pid ${pid}${cpuSuffix(cpu)}${model === undefined ? '' : `, ${model}`})`,
		serverRemote: 'Server (remote)',
		remoteServerOf: (protocol, where) => `Remote ${protocol} server ${where}`,
		remoteElsewhere: (protocol, where) => `${protocol} remote ${where} (not visible)`,
		serverLogEmpty: '(no messages yet)',
		serverLogRemote: "(the remote server's log is not visible)",
		serverRead: ({byteCount, lines}) =>
			lines === 1 ? '' : lines === 0 ? `1 read, ${byteCount} B, no line end: ` : `1 read = ${lines} msgs: `,
		sessions: 'Sessions',
		noSessions: 'no client sessions: n opens a TCP one, u a UDP one',
		sessionTitle: (sessionId, protocol, pid, cpu) => `#${sessionId} ${protocol} pid ${pid}${cpuSuffix(cpu)}`,
		timelineTitle: (view, next) => `${viewTitles[view]} (v: ${next})`,
		viewNames,
		viewUnavailable: (view) => `the ${viewNames[view]} is not available in this build`,
		pressV: (next) => `press v for the ${viewNames[next]} view`,
		tooSmall: (needColumns, needRows, columns, rows) =>
			`terminal too small: need ${needColumns}x${needRows}, have ${columns}x${rows}`,
		tooSmallQuits: '(q quits)',
		memory: (total, processes, shared, pssReadable, short) =>
			pssReadable
				? short
					? `PSS ${total}, ${processes} proc., ${shared} shared`
					: `memory (PSS) ${total} in ${processes} ${processes === 1 ? 'process' : 'processes'}, ${shared} shared`
				: short
					? `RSS ${total}, ${processes} proc. (no PSS)`
					: `memory (RSS, PSS unreadable) ${total} in ${processes} ${processes === 1 ? 'process' : 'processes'}`,
	},
};
