import type {ServerModel} from '../../core/echo/server-model.js';
import type {CloseReason, DropReason} from '../../core/echo/types.js';
import type {PinFailure} from '../../core/procs/pinning.js';
import type {NoticeCode, NoticeParams} from '../../core/dashboard/notice.js';

/**
 * The words of the server pane, the live timeline, the simulator and scheduler views, and of the core's notices
 * (codes with parameters, source/core/dashboard/notice.ts): one section per pane, one catalogue per language
 * (pane-messages-en.ts, pane-messages-zh.ts), joined into `Messages` (messages-en.ts).
 */
export type NoticeMessages = {[C in NoticeCode]: (params: NoticeParams<C>) => string};
export type PinFailureMessages = {[C in PinFailure['code']]: (failure: Extract<PinFailure, {code: C}>) => string};

export type CellWord = 'running' | 'runnable' | 'sleeping' | 'exited';
export type PhaseWord = 'computing' | 'waiting-reply' | 'idle';

export interface ServerPaneMessages {
	state: Record<'starting' | 'listening' | 'closed' | 'failed', string>;
	/** `3 conn` (TCP) or `2 peers` (UDP). */
	connections: (protocol: 'tcp' | 'udp', count: number) => string;
	/** The traffic line; counts, bytes and rates come formatted. */
	traffic: (
		messagesIn: string,
		bytesIn: string,
		rateIn: string,
		dot: string,
		messagesOut: string,
		bytesOut: string,
		rateOut: string,
	) => string;
	guards: {
		title: string;
		loop: string;
		muted: string;
		badSource: string;
		rate: string;
		idle: string;
		kernelDrops: string;
	};
	processStarting: (pid: number) => string;
	processStopped: (pid: number) => string;
	processKilled: (pid: number, signal: string) => string;
	processExited: (pid: number, code: string) => string;
	restartHint: string;
	log: {connected: string; disconnected: string; refused: string; dropped: string; error: string};
	/** The server log's own lines (LogNote codes). */
	skipped: (count: number) => string;
	closeReasons: Record<CloseReason, string>;
	refusedLimit: string;
	dropped: (bytes: number, reason: string) => string;
	dropReasons: Record<DropReason, string>;
	muted: (seconds: number) => string;
	remote: (where: string) => string;
	remoteTalk: string;
	remoteHidden: string;
	remoteTraffic: (sessions: number, sent: string, replies: string, dot: string) => string;
	/** `pending`: the delay or the CPU was asked for and the server has not reported it in force yet. */
	totals: (
		delayMs: number,
		cpuMs: number,
		dropped: string,
		refused: string,
		dot: string,
		pending?: {delay: boolean; cpu: boolean},
	) => string;
	/** After a knob's value asked for that the server has not reported in force yet. */
	asked: string;
	/** The server model asked for, not yet in force. */
	modelAsked: (model: ServerModel) => string;
	totalsHint: string;
	memory: (bytes: string, processes: number) => string;
	memoryShort: (bytes: string) => string;
	/** The server model: each in a few words, with the tutorial's class it stands for. */
	models: Record<ServerModel, string>;
	modelLine: (model: ServerModel, words: string, pool: number) => string;
	threadsNote: string;
	finishing: (count: number, model: ServerModel) => string;
	/** `+3 more` after a list cut short. */
	more: (count: number) => string;
	seconds: (value: string) => string;
	waitingTurn: (protocol: string, waits: string) => string;
	threadsBusy: (protocol: string, count: number, tids: string, idle: number) => string;
	threadsIdle: (protocol: string, count: number) => string;
	children: (count: number, pids: string) => string;
	poolIdle: (count: number) => string;
	waitingForWorker: (protocol: string, count: number, kind: 'thread' | 'process') => string;
	handlerFailures: (protocol: string, count: number) => string;
}

export interface TimelineMessages {
	notMeasured: (notes: string) => string;
	/** Other programs took the demo's CPUs over the last seconds (over the meter's threshold): what it means. */
	disturbed: (cpus: ReadonlyArray<{cpu: number; pct: number}>, seconds: number) => string;
	notes: {
		noSchedstat: string;
		noSwitchCounts: string;
		noCoreTimes: string;
		psOnly: string;
		readFailed: (detail: string) => string;
		readError: (detail: string) => string;
	};
	noProcesses: string;
	moreProcesses: (count: number) => string;
	source: {proc: string; ps: string; none: string};
	paused: string;
	perColumn: (ms: number) => string;
	shown: (seconds: string) => string;
	focusHint: string;
	measured: string;
	selfReported: string;
	cells: Record<CellWord, string>;
	cellsShort: Record<CellWord, string>;
	phases: Record<PhaseWord, string>;
	phasesShort: Record<PhaseWord, string>;
	cpuLegend: (idleGlyph: string, otherGlyph: string | undefined) => string;
	ranLong: string;
	ranShort: string;
	ranParts: {runnable: string; sleeping: string};
	ranPartsShort: {runnable: string; sleeping: string};
	/** The label of a lane's self-reported phases, for label columns of 15+, 11+ and fewer. */
	selfLabel: {long: string; medium: string; short: string};
	says: (phase: string) => string;
	exited: string;
	noReading: string;
	/** State letters of /proc in one word. */
	stateWords: Record<string, string>;
	voluntary: string;
	involuntary: string;
	nowIdle: string;
	nowOther: string;
	nowOtherShort: string;
	nowMark: (mark: string, pid: number) => string;
	nowMarkShort: (mark: string) => string;
	nowPid: (pid: number) => string;
	reasons: {involuntary: string; voluntary: string};
	reasonsShort: {involuntary: string; voluntary: string};
	reasonLegend: (involuntary: string, voluntary: string, separator: string) => string;
	reasonLegendTiny: (separator: string) => string;
	rss: (bytes: string) => string;
	/** `3× preempted: time slice used up in 1 s`. */
	recent: (count: string, times: string, reason: string, seconds: string) => string;
	inSeconds: (seconds: string) => string;
	moreThreads: (count: number) => string;
	moreChildren: (count: number) => string;
	withoutLane: (parts: string) => string;
	notShown: (count: number) => string;
	totals: (preempted: string, blocked: string) => string;
	inAll: (totals: string) => string;
	/** A lane's label from the dashboard ("server", "dashboard (this UI)", "thread #2"...), in words. */
	laneLabel: (label: string) => string;
	oneCpuUnavailable: (reason: string) => string;
	oneCpuBoth: (cpu: number, uiCpu: number) => string;
	oneCpuMode: string;
	oneCpuPinned: (cpu: number) => string;
}

export interface SimMessages {
	/** The chart's cell kinds in the legend. */
	legend: Record<'run' | 'ready' | 'blocked' | 'io-done' | 'done' | 'switch', string>;
	/** `t 3/12  CPU busy 50.0%  IO busy 25.0%  switching 8.3%`: figures come formatted. */
	stats: (tick: number, total: string, cpuBusy: string, ioBusy: string, switching: string | undefined) => string;
	quantum: (ticks: number) => string;
	switchCost: (ticks: number) => string;
	compare: string;
	/** The preset workloads (sim-presets.ts, same order): name and what the run shows. */
	presets: Array<{name: string; story: string}>;
	yourWorkload: string;
	yourProgram: string;
	/** A typed or given workload in numbers: `your program: 2 processes, 12 CPU instructions, no IO (...)`. */
	workload: (whose: string, processes: number, cpu: number, io: number) => string;
	/** The compare view's two runs. */
	serialTitle: string;
	multiprogrammedTitle: string;
	moreProcesses: (count: number) => string;
	cpuLegend: string;
	ioLegend: string;
	editHint: string;
	runCut: (ticks: number) => string;
}

export interface SchedMessages {
	/** `scheduler.py: equal jobs (10, 10, 10), 30 time units`. */
	heading: (name: string, lengths: string, total: number) => string;
	/** The averages under each chart; figures come formatted. */
	averages: (response: string, turnaround: string, wait: string) => string;
	fifoTitle: string;
	sjfTitle: string;
	rrTitle: (quantum: number) => string;
	/** The legend after its glyphs: the run glyphs (two shades), waiting, done. */
	legend: (run: string, ready: string, done: string) => string;
	keys: string;
	/** The preset job sets (sched-view.ts, same order): name and what to look at. */
	presets: Array<{name: string; lesson: string}>;
}

export interface PaneMessages {
	notices: NoticeMessages;
	pinFailure: PinFailureMessages;
	server: ServerPaneMessages;
	timeline: TimelineMessages;
	sim: SimMessages;
	sched: SchedMessages;
}
