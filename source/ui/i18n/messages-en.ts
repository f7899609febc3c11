import type {KeyScope} from '../keymap/key-binding.js';
import {englishTour, type TourMessages} from '../tour/tour-messages.js';
import type {TimelineView} from '../state/ui-state.js';
import type {SimTuning} from '../panes/sim/sim-player.js';

/**
 * Every word the dashboard's frame says (help, key descriptions, status bar, pane titles), one catalogue per
 * language. A parameterised message is a function; a new section is a new field here (with its English text
 * below), and tsc then asks for it in every other catalogue.
 */
export interface Messages {
	/** The guided tour's strip and step list (source/ui/tour). */
	tour: TourMessages;
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
		svgWrote: (file: string) => string;
		svgNothing: (view: TimelineView) => string;
		svgFailed: (reason: string) => string;
	};
	help: {
		title: string;
		/** The overlay scrolls: rows shown, of how many. */
		scrolled: (first: number, last: number, total: number) => string;
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
		noReply: string;
		refused: string;
		closed: string;
		udpOpening: string;
		udpReady: string;
		udpWaiting: string;
		udpNoReply: (wait: string) => string;
		udpUnreachable: string;
		typeHint: string;
		auto: (intervalMs: number, burstMs: number) => string;
	};
	panes: {
		server: (pid: number | undefined, cpu: number | undefined, model: string | undefined) => string;
		serverRemote: string;
		serverLogEmpty: string;
		serverLogRemote: string;
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

const cpuSuffix = (cpu: number | undefined) => (cpu === undefined ? '' : ` cpu${cpu}`);

export const messagesEn: Messages = {
	tour: englishTour,
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
		svgWrote: (file) => `wrote ${file}`,
		svgNothing: (view) => `nothing to save: the ${viewNames[view]} view draws no timeline`,
		svgFailed: (reason) => `could not save the timeline as SVG: ${reason}`,
	},
	help: {
		title: 'Keys (? or Esc closes)',
		scrolled: (first, last, total) => `(${first}-${last} of ${total}: arrows or j/k scroll)`,
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
		noReply: 'no reply',
		refused: 'connection refused',
		closed: 'closed',
		udpOpening: 'opening UDP socket',
		udpReady: 'ready (UDP: no connection)',
		udpWaiting: 'sent, waiting for reply',
		udpNoReply: (wait) => `no reply after ${wait}`,
		udpUnreachable: 'port unreachable',
		typeHint: '> (Enter to type)',
		auto: (intervalMs, burstMs) => `auto: every ${intervalMs} ms, burst ${burstMs} ms`,
	},
	panes: {
		server: (pid, cpu, model) => `Server (pid ${pid}${cpuSuffix(cpu)}${model === undefined ? '' : `, ${model}`})`,
		serverRemote: 'Server (remote)',
		serverLogEmpty: '(no messages yet)',
		serverLogRemote: "(the remote server's log is not visible)",
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
