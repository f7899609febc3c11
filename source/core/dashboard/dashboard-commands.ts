import type {Protocol} from '../defaults.js';
import type {AutoMode} from '../sessions/types.js';
import type {DashboardRuntime} from './dashboard-runtime.js';
import type {DashboardStore} from './dashboard-store.js';
import {nextServerModel, type ServerModel} from '../echo/server-model.js';
import {burstSteps, handlerCpuSteps, intervalSteps, replyDelaySteps, step} from './knob-steps.js';

/**
 * Everything a key may ask of the core, in one interface: key bindings name these methods (see
 * source/ui/keymap/dashboard-bindings.ts) and the dashboard command implements them below. Adding a key
 * that reaches the core is one method here and one binding there.
 */
export interface DashboardCommands {
	quit: () => void;
	openSession: (protocol: Protocol) => void;
	closeSession: (sessionId: number) => void;
	/** Removes an exited session's pane. */
	dismissSession: (sessionId: number) => void;
	send: (sessionId: number, text: string) => void;
	/** Two messages back to back in one go: TCP shows a stream (one read), UDP two datagrams. */
	sendPair: (sessionId: number) => void;
	toggleAuto: (sessionId: number) => void;
	stepAutoInterval: (sessionId: number, direction: 1 | -1) => void;
	stepAutoBurst: (sessionId: number, direction: 1 | -1) => void;
	stepReplyDelay: (direction: 1 | -1) => void;
	/** The handler's CPU cost per message, one step up or down. */
	stepHandlerCpu: (direction: 1 | -1) => void;
	/** The next server model (event-loop, iterative, threads, processes) for new connections. */
	cycleModel: () => void;
	toggleOneCpu: () => void;
	/** Shows or hides the timeline lane of the dashboard process itself (the observer). */
	toggleDashboardLane: () => void;
	/** Adds outside processes (PIDs as typed, comma-separated) to the live timeline, with threads and children. */
	watchProcess: (pids: string) => void;
	/** Starts the server process again after it stopped (a running server says so instead). */
	restartServer: () => void;
	/** The knobs set directly (the guided tour): the same values the keys above step from. */
	setAuto: (sessionId: number, auto: AutoMode) => void;
	setReplyDelay: (ms: number) => void;
	setHandlerCpu: (ms: number) => void;
	setModel: (model: ServerModel) => void;
	/** The knobs as last asked for, by anyone (the runtime's record; the snapshot shows which are pending). */
	knobs: () => {model: ServerModel; replyDelayMs: number; handlerCpuMs: number};
}

export interface DashboardCommandDeps {
	runtime: Pick<
		DashboardRuntime,
		| 'openSession'
		| 'closeSession'
		| 'send'
		| 'sendPair'
		| 'setAuto'
		| 'setReplyDelay'
		| 'setModel'
		| 'setHandlerCpu'
		| 'restartServer'
		| 'knobs'
	>;
	store: Pick<DashboardStore, 'apply' | 'getSnapshot'>;
	oneCpu: {toggle(): Promise<void>};
	toggleDashboardLane: () => void;
	watchProcess: (pids: string) => void;
	quit: () => void;
}

export function createDashboardCommands({
	runtime,
	store,
	oneCpu,
	toggleDashboardLane,
	watchProcess,
	quit,
}: DashboardCommandDeps): DashboardCommands {
	// No copies here: the store folds each event at once (a session's auto mode, `closing`), and the runtime
	// keeps the knobs as last asked for by anyone, so two keys in one read step twice.
	const autoOf = (sessionId: number) =>
		store.getSnapshot().sessions.find((session) => session.sessionId === sessionId)?.auto;
	const changeAuto = (sessionId: number, change: (auto: AutoMode) => AutoMode) => {
		const auto = autoOf(sessionId);
		if (auto) runtime.setAuto(sessionId, change(auto));
	};
	const knobs = () => runtime.knobs();

	return {
		quit,
		openSession: (protocol) => runtime.openSession(protocol),
		closeSession(sessionId) {
			void runtime.closeSession(sessionId);
		},
		dismissSession(sessionId) {
			store.apply({type: 'session-dismissed', sessionId});
		},
		send: (sessionId, text) => runtime.send(sessionId, text),
		sendPair: (sessionId) => runtime.sendPair(sessionId),
		toggleAuto: (sessionId) => changeAuto(sessionId, (auto) => ({...auto, enabled: !auto.enabled})),
		stepAutoInterval: (sessionId, direction) =>
			changeAuto(sessionId, (auto) => ({...auto, intervalMs: step(intervalSteps, auto.intervalMs, direction)})),
		stepAutoBurst: (sessionId, direction) =>
			changeAuto(sessionId, (auto) => ({...auto, burstMs: step(burstSteps, auto.burstMs, direction)})),
		stepReplyDelay: (direction) => runtime.setReplyDelay(step(replyDelaySteps, knobs().replyDelayMs, direction)),
		stepHandlerCpu: (direction) => runtime.setHandlerCpu(step(handlerCpuSteps, knobs().handlerCpuMs, direction)),
		cycleModel: () => runtime.setModel(nextServerModel(knobs().model)),
		toggleOneCpu() {
			void oneCpu.toggle();
		},
		toggleDashboardLane,
		watchProcess,
		restartServer() {
			void runtime.restartServer();
		},
		setAuto: (sessionId, auto) => runtime.setAuto(sessionId, auto),
		setReplyDelay: (ms) => runtime.setReplyDelay(ms),
		setHandlerCpu: (ms) => runtime.setHandlerCpu(ms),
		setModel: (model) => runtime.setModel(model),
		knobs,
	};
}
