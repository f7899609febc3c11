import {totalmem} from 'node:os';
import type {ExperimentResult} from '../experiment/experiment.js';
import {experimentFigures, roundMs, type ExperimentFigures, type Verdict} from '../experiment/run-figures.js';
import type {RunResult} from '../experiment/types.js';
import {memoryFigure} from '../procs/demo-memory.js';
import {liveDisturbance} from '../procs/live-disturbance.js';
import {coreIdle, coreOther, type TimelineSnapshot} from '../procs/types.js';
import type {DashboardSnapshot, LogEntry, PairReads, SessionView} from '../dashboard/snapshot.js';
import type {TourStepId} from './tour-steps.js';

/** The experiment view as far as the narration goes. */
export type ExperimentPhase =
	| {phase: 'idle' | 'failed'}
	| {phase: 'running'; kind?: RunResult['kind']; pids: readonly number[]; since: number}
	| {phase: 'done'; result: ExperimentResult; recorded?: Recorded};

/** A run loaded from a file (`--load-experiment`): when and where it was saved. */
export interface Recorded {
	savedAt: string;
	hostname: string;
}

/** What the narration of a finished experiment needs beside its verdict. */
export interface RunContext {
	/** Some run's load could not be measured (/proc/stat unreadable): its times may include other programs. */
	loadUnknown?: boolean;
	/** The run shown is a recording, not measured now. */
	recorded?: Recorded;
}

export interface FigureInput {
	step: TourStepId;
	/** The sessions the step opened, in order. */
	sessions: readonly number[];
	snapshot: DashboardSnapshot;
	timeline?: TimelineSnapshot;
	experiment?: ExperimentPhase;
	now: number;
}

/** A process named the way the screen names it. */
export interface Named {
	/** `#2` for a session, else the lane's label (`server`, `job P0`). */
	name: string;
	pid: number;
}

/**
 * The live figures each step's narration cites, measured now (the UI turns them into sentences in the
 * chosen language). Undefined fields: not measured yet, and the sentence says so instead of inventing one.
 */
export type TourFigures =
	| {step: 'udp-messages'; datagrams: number; last?: {from: string; text: string; session?: number}; pair?: Pair}
	| {
			step: 'tcp-stream';
			accepted: number;
			open: number;
			streams: Array<{session: number; sent: number; replies: number}>;
			pair?: Pair;
	  }
	| {step: 'iterative'; served?: number; waiting?: {session?: number; peer: string; waitedMs: number}}
	| {
			step: 'threads-processes';
			workers: Array<{kind: 'thread' | 'process'; id: number; session?: number}>;
			serverPid?: number;
	  }
	| {step: 'program-process'; processes: Array<Named & {rssBytes?: number; sent: number; auto: boolean}>}
	| ({
			step: 'serial-concurrent';
			running?: RunResult['kind'];
			serialMs?: number;
			concurrentMs?: number;
			predictedSerialMs?: number;
			predictedConcurrentMs?: number;
			/** The experiment's verdict by rule (run-figures.ts): `disturbed` when other programs took the CPU. */
			verdict?: Verdict;
	  } & RunContext)
	| {
			step: 'time-io';
			cpu?: number;
			/** Other programs took the demo's CPU over the last seconds (the live timeline's figure, over the threshold). */
			disturbed?: {cpus: Array<{cpu: number; pct: number}>; seconds: number};
			waiting?: {
				session: number;
				pid: number;
				waitedMs: number;
				ran: Array<{name: string; ms: number}>;
				/** The core was busy with processes outside the demo this long meanwhile. */
				othersMs: number;
			};
	  }
	| ({
			step: 'time-cpu';
			running?: RunResult['kind'];
			involuntaryLastSecond: number;
			jobs: Array<{job: string; aloneMs?: number; togetherMs?: number}>;
			/** The experiment's verdict by rule (run-figures.ts): `disturbed` when other programs took the CPU. */
			verdict?: Verdict;
	  } & RunContext)
	| {
			step: 'space';
			/** Each of the demo's processes with its memory (PSS, or RSS where PSS is unreadable). */
			processes: Array<Named & {bytes: number}>;
			/** The demo's total: the same figure the server pane shows (the store's demo memory). */
			totalBytes: number;
			/** What summing RSS would count more than once (pages the processes share). */
			sharedBytes: number;
			/** The figures are PSS (false: RSS, PSS being unreadable). */
			byPss: boolean;
			machineBytes: number;
	  };

/** How the step's two messages sent in one go came back, and from which session. */
export type Pair = PairReads & {session: number};

/** The first of the step's sessions whose two messages in one go came back. */
function pairOf(sessions: readonly SessionView[]): {pair?: Pair} {
	const session = sessions.find((candidate) => candidate.lastPair !== undefined);
	return session?.lastPair ? {pair: {session: session.sessionId, ...session.lastPair}} : {};
}

const sessionName = (id: number) => `#${id}`;

/** The session a peer address belongs to (its local port), among the step's own. */
function sessionOfPeer(peer: string, sessions: readonly SessionView[]): number | undefined {
	const port = Number(peer.slice(peer.lastIndexOf(':') + 1));
	return sessions.find((session) => session.local?.port === port)?.sessionId;
}

function own(input: FigureInput): SessionView[] {
	return input.sessions
		.map((id) => input.snapshot.sessions.find((session) => session.sessionId === id))
		.filter((session): session is SessionView => session !== undefined);
}

function lastIn(log: readonly LogEntry[], protocol: 'tcp' | 'udp'): LogEntry | undefined {
	for (let index = log.length - 1; index >= 0; index--) {
		const entry = log[index]!;
		if (entry.protocol === protocol && entry.kind === 'in') return entry;
	}

	return undefined;
}

/** A process's memory as every pane shows it: PSS (RSS where unreadable), by the one rounding rule. */
function rssOf(timeline: TimelineSnapshot | undefined, pid: number): number | undefined {
	const latest = timeline?.processes.find((lane) => lane.pid === pid)?.latest;
	const bytes = latest?.pssBytes ?? latest?.rssBytes;
	return bytes === undefined ? undefined : memoryFigure(bytes);
}

/**
 * Who had the CPU over the last `ticks` ticks, in ms per process, most first (the idle core left out), and
 * how long processes outside the demo had it.
 */
function cpuShares(
	timeline: TimelineSnapshot,
	cpu: number | undefined,
	ticks: number,
	names: Map<number, string>,
): {ran: Array<{name: string; ms: number}>; othersMs: number} {
	const counts = new Map<number, number>();
	const core = timeline.cores.find((lane) => lane.cpu === cpu);
	if (core) {
		for (let index = Math.max(0, core.owners.length - ticks); index < core.owners.length; index++) {
			const owner = core.owners[index]!;
			if (owner > coreIdle || owner === coreOther) counts.set(owner, (counts.get(owner) ?? 0) + 1);
		}
	} else {
		// Without per-core data: the ticks in which each process got CPU time.
		for (const lane of timeline.processes) {
			let ran = 0;
			for (let index = Math.max(0, lane.ran.length - ticks); index < lane.ran.length; index++) ran += lane.ran[index]!;
			if (ran > 0) counts.set(lane.pid, ran);
		}
	}

	const ran = [...counts]
		.filter(([pid]) => names.has(pid))
		.map(([pid, count]) => ({name: names.get(pid)!, ms: count * timeline.intervalMs}))
		.sort((a, b) => b.ms - a.ms);
	const others = [...counts].filter(([pid]) => !names.has(pid)).reduce((sum, [, count]) => sum + count, 0);
	return {ran, othersMs: others * timeline.intervalMs};
}

function experimentRun(experiment: ExperimentPhase | undefined): {
	running?: RunResult['kind'];
	result?: ExperimentResult;
	recorded?: Recorded;
} {
	if (experiment?.phase === 'running') return experiment.kind ? {running: experiment.kind} : {};
	if (experiment?.phase === 'done')
		return {
			result: experiment.result,
			...(experiment.recorded
				? {recorded: {savedAt: experiment.recorded.savedAt, hostname: experiment.recorded.hostname}}
				: {}),
		};
	return {};
}

/** Whether the load was unknown for some run, and whether the run is a recording. */
function runContext(figures: ExperimentFigures, recorded: Recorded | undefined): RunContext {
	return {
		...(figures.runs.some((run) => run.load.state === 'unknown') ? {loadUnknown: true} : {}),
		...(recorded ? {recorded} : {}),
	};
}

export function tourFigures(input: FigureInput): TourFigures {
	const {snapshot, timeline, now} = input;
	const sessions = own(input);
	const server = (protocol: 'tcp' | 'udp') => snapshot.servers.find((view) => view.protocol === protocol);
	switch (input.step) {
		case 'udp-messages': {
			const entry = lastIn(snapshot.serverLog, 'udp');
			const session = entry ? sessionOfPeer(entry.peer, sessions) : undefined;
			return {
				step: 'udp-messages',
				datagrams: server('udp')?.messagesIn ?? 0,
				...(entry ? {last: {from: entry.peer, text: entry.text, ...(session === undefined ? {} : {session})}} : {}),
				...pairOf(sessions),
			};
		}

		case 'tcp-stream': {
			const tcp = server('tcp');
			return {
				step: 'tcp-stream',
				accepted: tcp?.totalConnections ?? 0,
				open: tcp?.activeConnections ?? 0,
				streams: sessions.map((session) => ({
					session: session.sessionId,
					sent: session.sent,
					replies: session.replies,
				})),
				...pairOf(sessions),
			};
		}

		case 'iterative': {
			const queued = server('tcp')?.models?.queued[0];
			const waiting = queued
				? (() => {
						const peer = `${queued.peer.address}:${queued.peer.port}`;
						const session = sessionOfPeer(peer, sessions);
						return {peer, waitedMs: Math.max(0, now - queued.since), ...(session === undefined ? {} : {session})};
					})()
				: undefined;
			const served = sessions.find((session) => session.replies > 0)?.sessionId;
			return {
				step: 'iterative',
				...(served === undefined ? {} : {served}),
				...(waiting ? {waiting} : {}),
			};
		}

		case 'threads-processes': {
			const workers = (server('tcp')?.models?.workers ?? [])
				.filter((worker) => worker.connectionId !== '')
				.map((worker) => {
					const session = sessionOfPeer(worker.connectionId, sessions);
					return {
						kind: worker.kind,
						id: worker.kind === 'thread' ? worker.tid : worker.pid,
						...(session === undefined ? {} : {session}),
					};
				});
			return {
				step: 'threads-processes',
				workers,
				...(snapshot.serverProcess ? {serverPid: snapshot.serverProcess.pid} : {}),
			};
		}

		case 'program-process':
			return {
				step: 'program-process',
				processes: sessions
					.filter((session) => session.state !== 'exited')
					.map((session) => {
						const rssBytes = rssOf(timeline, session.pid);
						return {
							name: sessionName(session.sessionId),
							pid: session.pid,
							sent: session.sent,
							auto: session.auto.enabled,
							...(rssBytes === undefined ? {} : {rssBytes}),
						};
					}),
			};
		case 'serial-concurrent': {
			const {running, result, recorded} = experimentRun(input.experiment);
			// The experiment's own figures (one rounding rule), the same the view and its tables show.
			const figures = result && experimentFigures(result);
			return {
				step: 'serial-concurrent',
				...(running ? {running} : {}),
				...(figures?.serial ? {serialMs: figures.serial.makespanMs} : {}),
				...(figures?.concurrent ? {concurrentMs: figures.concurrent.makespanMs} : {}),
				...(figures
					? {
							predictedSerialMs: roundMs(result.predicted.serial.makespanMs),
							predictedConcurrentMs: roundMs(result.predicted.concurrent.makespanMs),
							verdict: figures.verdict,
							...runContext(figures, recorded),
						}
					: {}),
			};
		}

		case 'time-io': {
			const cpu = snapshot.oneCpu.enabled ? snapshot.oneCpu.cpu : undefined;
			// The live timeline's own disturbance figure: when over the threshold the step draws no conclusion.
			const live = timeline && liveDisturbance(timeline, cpu);
			const disturbed =
				live && live.disturbed.length > 0
					? {
							disturbed: {
								cpus: live.disturbed.map(({cpu: where, otherPct}) => ({cpu: where, pct: otherPct})),
								seconds: live.seconds,
							},
						}
					: {};
			const waiter = sessions
				.filter((session) => session.phase === 'waiting-reply' && session.phaseSince !== undefined)
				.sort((a, b) => a.phaseSince! - b.phaseSince!)[0];
			if (!waiter || !timeline) return {step: 'time-io', ...(cpu === undefined ? {} : {cpu}), ...disturbed};
			const waitedMs = Math.max(0, now - waiter.phaseSince!);
			const names = new Map(
				sessions
					.filter((session) => session.sessionId !== waiter.sessionId)
					.map((session) => [session.pid, sessionName(session.sessionId)]),
			);
			if (snapshot.serverProcess) names.set(snapshot.serverProcess.pid, 'server');
			// The same window for both figures: only whole columns inside the wait count, so what ran meanwhile
			// never adds up to more than the wait.
			const ticks = Math.floor(waitedMs / timeline.intervalMs);
			return {
				step: 'time-io',
				...(cpu === undefined ? {} : {cpu}),
				...disturbed,
				waiting: {
					session: waiter.sessionId,
					pid: waiter.pid,
					waitedMs,
					...cpuShares(timeline, cpu, ticks, names),
				},
			};
		}

		case 'time-cpu': {
			const {running, result, recorded} = experimentRun(input.experiment);
			const jobLanes = (timeline?.processes ?? []).filter((lane) => lane.label.startsWith('job ') && !lane.exited);
			const involuntary = jobLanes.reduce((sum, lane) => sum + (lane.latest.involuntaryRecent ?? 0), 0);
			const figures = result && experimentFigures(result);
			const serial = figures?.serial?.jobs ?? [];
			const concurrent = figures?.concurrent?.jobs ?? [];
			const count = Math.max(serial.length, concurrent.length);
			return {
				step: 'time-cpu',
				...(running ? {running} : {}),
				...(figures ? {verdict: figures.verdict, ...runContext(figures, recorded)} : {}),
				involuntaryLastSecond: involuntary,
				jobs: Array.from({length: count}, (_, index) => ({
					job: `P${index}`,
					...(serial[index] ? {aloneMs: serial[index].turnaroundMs} : {}),
					...(concurrent[index] ? {togetherMs: concurrent[index].turnaroundMs} : {}),
				})),
			};
		}

		case 'space': {
			// One figure for the narration and the server pane: the store's demo memory, from one sampler snapshot.
			const memory = snapshot.demoMemory;
			const names = new Map<number, string>();
			if (snapshot.serverProcess) names.set(snapshot.serverProcess.pid, 'server');
			for (const session of snapshot.sessions) names.set(session.pid, sessionName(session.sessionId));
			return {
				step: 'space',
				processes: (memory?.each ?? []).map((process) => ({
					name: names.get(process.pid) ?? `pid ${process.pid}`,
					pid: process.pid,
					bytes: process.pssBytes ?? process.rssBytes,
				})),
				totalBytes: memory?.pssBytes ?? 0,
				sharedBytes: memory?.sharedBytes ?? 0,
				byPss: memory !== undefined && memory.pssMissing === 0,
				machineBytes: totalmem(),
			};
		}
	}
}

/** The process the narration talks about, whose lane the live timeline highlights. */
export function spokenPid(figures: TourFigures): number | undefined {
	if (figures.step === 'time-io') return figures.waiting?.pid;
	if (figures.step === 'program-process') return figures.processes[0]?.pid;
	return undefined;
}
