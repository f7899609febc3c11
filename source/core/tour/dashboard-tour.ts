import type {DashboardCommands} from '../dashboard/dashboard-commands.js';
import type {DashboardRuntime} from '../dashboard/dashboard-runtime.js';
import type {DashboardStore} from '../dashboard/dashboard-store.js';
import type {ExperimentLauncher} from '../experiment/dashboard-launcher.js';
import {TourDirector, type TourControls} from './tour-director.js';

export interface DashboardTourDeps {
	runtime: Pick<DashboardRuntime, 'openSession' | 'closeSession'> & Partial<Pick<DashboardRuntime, 'confirmKnobs'>>;
	store: Pick<DashboardStore, 'apply' | 'getSnapshot'> & Partial<Pick<DashboardStore, 'subscribe'>>;
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
			const confirmed = (await runtime.confirmKnobs?.()) ?? true;
			// The published snapshot too (what an experiment's run reads as the delay to put back), bounded.
			if (confirmed && store.subscribe) await published(store as Required<typeof store>, commands, 1000);
			return confirmed;
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

/** Resolves once the published snapshot shows the knobs as asked (or after `timeoutMs`). */
async function published(
	store: Pick<DashboardStore, 'getSnapshot' | 'subscribe'>,
	commands: Pick<DashboardCommands, 'knobs'>,
	timeoutMs: number,
): Promise<void> {
	const shown = () => {
		const {replyDelayMs, model, handlerCpuMs} = commands.knobs();
		const servers = store.getSnapshot().servers;
		const tcp = servers.find((server) => server.protocol === 'tcp');
		return (
			servers.every((server) => server.replyDelayMs === replyDelayMs) &&
			(tcp?.models === undefined || (tcp.models.model === model && tcp.models.handlerCpuMs === handlerCpuMs))
		);
	};

	if (shown()) return;
	await new Promise<void>((resolve) => {
		const done = () => {
			clearTimeout(timer);
			unsubscribe();
			resolve();
		};

		const timer = setTimeout(done, timeoutMs);
		const unsubscribe = store.subscribe(() => {
			if (shown()) done();
		});
	});
}

export function createDashboardTour(deps: DashboardTourDeps): TourDirector {
	return new TourDirector({controls: dashboardTourControls(deps)});
}
