import type {DashboardCommands} from '../store/dashboard-commands.js';
import type {DashboardRuntime} from '../store/dashboard-runtime.js';
import type {DashboardStore} from '../store/dashboard-store.js';
import {TourDirector, type TourControls} from './tour-director.js';

export interface DashboardTourDeps {
	runtime: Pick<DashboardRuntime, 'openSession' | 'closeSession'>;
	store: Pick<DashboardStore, 'apply' | 'getSnapshot'>;
	commands: Pick<
		DashboardCommands,
		| 'setAuto'
		| 'sendPair'
		| 'setModel'
		| 'setReplyDelay'
		| 'setHandlerCpu'
		| 'knobs'
		| 'dismissSession'
		| 'toggleDashboardLane'
	>;
	oneCpu: {readonly enabled: boolean; toggle(): Promise<void>};
	/** The dashboard's own lane is shown in the live timeline. */
	dashboardLane: () => boolean;
}

/** The tour's controls on a running dashboard: the same runtime, knobs and one-CPU mode the keys use. */
export function dashboardTourControls({
	runtime,
	store,
	commands,
	oneCpu,
	dashboardLane,
}: DashboardTourDeps): TourControls {
	return {
		openSession: (protocol) => runtime.openSession(protocol),
		async closeSession(sessionId) {
			await runtime.closeSession(sessionId);
			commands.dismissSession(sessionId);
		},
		setAuto: (sessionId, auto) => commands.setAuto(sessionId, auto),
		sendPair: (sessionId) => commands.sendPair(sessionId),
		model: () => commands.knobs().model,
		setModel: (model) => commands.setModel(model),
		replyDelay: () => commands.knobs().replyDelayMs,
		setReplyDelay: (ms) => commands.setReplyDelay(ms),
		handlerCpu: () => commands.knobs().handlerCpuMs,
		setHandlerCpu: (ms) => commands.setHandlerCpu(ms),
		oneCpu: () => oneCpu.enabled,
		toggleOneCpu: async () => oneCpu.toggle(),
		dashboardLane,
		toggleDashboardLane: () => commands.toggleDashboardLane(),
		workerCount: () =>
			store.getSnapshot().servers.find((server) => server.protocol === 'tcp')?.models?.workerCount ?? 0,
	};
}

export function createDashboardTour(deps: DashboardTourDeps): TourDirector {
	return new TourDirector({controls: dashboardTourControls(deps)});
}
