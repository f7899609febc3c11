import type {DashboardCommands} from '../dashboard/dashboard-commands.js';
import type {DashboardRuntime} from '../dashboard/dashboard-runtime.js';
import type {DashboardStore} from '../dashboard/dashboard-store.js';
import type {ExperimentLauncher} from '../experiment/dashboard-launcher.js';
import {TourDirector, type TourControls} from './tour-director.js';

export interface DashboardTourDeps {
	runtime: Pick<DashboardRuntime, 'openSession' | 'closeSession'> & Partial<Pick<DashboardRuntime, 'confirmKnobs'>>;
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
	/** Runs the experiment view's experiments: the tour awaits the end of a run it stops (bounded). */
	experiments?: Pick<ExperimentLauncher, 'ended'>;
}

/** How long leaving a step waits for its experiment run to end. */
const runEndMs = 10_000;

/** The tour's controls on a running dashboard: the same runtime, knobs and one-CPU mode the keys use. */
export function dashboardTourControls({
	runtime,
	store,
	commands,
	oneCpu,
	dashboardLane,
	experiments,
}: DashboardTourDeps): TourControls {
	return {
		...(experiments ? {experimentEnded: async () => within(experiments.ended?.() ?? Promise.resolve(), runEndMs)} : {}),
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
		async confirmKnobs() {
			return (await runtime.confirmKnobs?.()) ?? true;
		},
	};
}

/** Resolves with `promise`, or after `timeoutMs`, whichever comes first. */
async function within(promise: Promise<void>, timeoutMs: number): Promise<void> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<void>((resolve) => {
		timer = setTimeout(resolve, timeoutMs);
	});
	await Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function createDashboardTour(deps: DashboardTourDeps): TourDirector {
	return new TourDirector({controls: dashboardTourControls(deps)});
}
