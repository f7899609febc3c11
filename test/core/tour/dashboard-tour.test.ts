import {spawn, type ChildProcess} from 'node:child_process';
import {afterEach, describe, expect, it} from 'vitest';
import {detectPinning, readAffinity} from '../../../source/core/procs/index.js';
import {ServerProcess} from '../../../source/core/server-process/server-process.js';
import {SessionManager} from '../../../source/core/sessions/session-manager.js';
import {createDashboardCommands} from '../../../source/core/dashboard/dashboard-commands.js';
import {startDashboardRuntime, type DashboardRuntime} from '../../../source/core/dashboard/dashboard-runtime.js';
import {DashboardStore} from '../../../source/core/dashboard/dashboard-store.js';
import {createRuntimeOneCpuMode} from '../../../source/core/dashboard/runtime-one-cpu.js';
import {createDashboardTour} from '../../../source/core/tour/dashboard-tour.js';
import {tourSteps, type TourAction} from '../../../source/core/tour/tour-steps.js';
import {assertBuilt, cliPath, isAlive, waitUntilGone} from '../sessions/session-test-kit.js';
import {waitUntil} from '../../helpers/wait.js';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
	for (const step of cleanup.reverse()) await step();
	cleanup = [];
});

async function until(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
	await waitUntil(condition, what, {timeoutMs, intervalMs: 25});
}

/** What a step leaves set when its setup is done: its last value of each knob, its sessions. */
function expected(setup: readonly TourAction[]) {
	const last = <K extends TourAction['kind']>(kind: K) =>
		setup.filter((action): action is Extract<TourAction, {kind: K}> => action.kind === kind).at(-1);
	return {
		model: last('model')?.model,
		replyDelayMs: last('reply-delay')?.ms,
		oneCpu: last('one-cpu')?.on,
		sessions: setup.filter((action) => action.kind === 'session').map((action) => action.protocol),
		experiment: last('experiment')?.preset,
	};
}

describe('the guided tour on a real dashboard runtime', () => {
	it('sets each step up (model, sessions, pinning, delays), undoes it on moving on, and all the way back leaves the dashboard as it started', async () => {
		assertBuilt();
		const store = new DashboardStore({ascii: false, frameRateHz: 50});
		const runtime: DashboardRuntime = await startDashboardRuntime({
			host: '127.0.0.1',
			port: 0,
			sessions: 0,
			store,
			createServerProcess: (server) => new ServerProcess({server, cliPath}),
			createSessionManager: (target) => new SessionManager({target, cliPath, closeGraceMs: 500}),
		});
		cleanup.push(async () => runtime.shutdown());
		const publish = setInterval(() => store.flush(), 20);
		cleanup.push(() => clearInterval(publish));
		// Stands in for the dashboard process that one-CPU mode moves to the other CPU.
		const observer: ChildProcess = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], {stdio: 'ignore'});
		cleanup.push(() => void observer.kill('SIGKILL'));
		const support = detectPinning();
		const oneCpu = createRuntimeOneCpuMode(runtime, store, observer.pid!);
		let lane = true;
		const commands = createDashboardCommands({
			runtime,
			store,
			oneCpu,
			toggleDashboardLane: () => {
				lane = !lane;
			},
			watchProcess() {},
			quit() {},
		});
		const experiments: string[] = [];
		const tour = createDashboardTour({
			runtime,
			store,
			commands,
			oneCpu,
			dashboardLane: () => lane,
			experiments: {ended: async () => void experiments.push('ended')},
		});
		// No UI: what the screen would show and run is read from the tour's state.
		let asked = tour.getSnapshot().experiment;
		tour.subscribe(() => {
			if (tour.getSnapshot().experiment === asked) return;
			asked = tour.getSnapshot().experiment;
			experiments.push(asked ? `run ${asked.preset}` : 'stop');
		});
		const screen = () => tour.getSnapshot().screen;

		const serverPid = runtime.server!.pid!;
		const serverAffinity = readAffinity(serverPid);
		const tcpModel = () => store.getSnapshot().servers.find((server) => server.protocol === 'tcp')?.models?.model;
		await until('the server stats', () => tcpModel() === 'event-loop');
		const opened = new Set<number>();
		const assertStep = async (index: number) => {
			const want = expected(tourSteps[index]!.setup);
			const live = runtime.sessions.list();
			expect(live.map((session) => session.protocol)).toEqual(want.sessions);
			expect(tour.getSnapshot().sessions).toEqual(live.map((session) => session.sessionId));
			for (const session of live) opened.add(session.pid);
			if (want.model) await until(`model ${want.model}`, () => tcpModel() === want.model);
			if (want.replyDelayMs !== undefined) {
				expect(commands.knobs().replyDelayMs).toBe(want.replyDelayMs);
				await until(
					`reply delay ${want.replyDelayMs}`,
					() => store.getSnapshot().servers[0]?.replyDelayMs === want.replyDelayMs,
				);
			}

			if (want.oneCpu !== undefined && support.available) {
				expect(oneCpu.enabled).toBe(want.oneCpu);
				if (want.oneCpu) {
					// A session started pinned runs taskset first: its affinity is set as it starts.
					const cpu = String(oneCpu.cpu);
					for (const pid of [serverPid, ...live.map((session) => session.pid)])
						await until(`pid ${pid} on CPU ${cpu}`, () => readAffinity(pid) === cpu);
				} else {
					expect(readAffinity(serverPid)).toBe(serverAffinity);
				}
			}

			const wanted = tourSteps[index]!.setup.find((action) => action.kind === 'view');
			expect(screen()).toEqual(wanted ? {view: wanted.view, zoomed: wanted.zoomed ?? false} : undefined);
			if (want.experiment) expect(experiments.at(-1)).toBe(`run ${want.experiment}`);
			// What the steps before opened is gone: no orphan session process.
			const current = new Set(live.map((session) => session.pid));
			await waitUntilGone(
				[...opened].filter((pid) => !current.has(pid)),
				10_000,
			);
		};

		if (!support.available) console.log(`one-CPU pinning not asserted: ${support.reason}`);
		tour.start();
		for (let index = 0; index < tourSteps.length; index++) {
			if (index > 0) tour.next();
			await tour.settled();
			expect(tour.getSnapshot()).toMatchObject({active: true, index, busy: false});
			expect(tour.getSnapshot().error).toBeUndefined();
			await assertStep(index);
		}

		for (let index = tourSteps.length - 2; index >= 0; index--) {
			tour.prev();
			await tour.settled();
			expect(tour.getSnapshot().index).toBe(index);
			await assertStep(index);
		}

		// Back from the first step: out of the tour, the dashboard as it was.
		tour.prev();
		await tour.settled();
		expect(tour.getSnapshot()).toMatchObject({active: false, busy: false, sessions: []});
		expect(runtime.sessions.list()).toEqual([]);
		await waitUntilGone([...opened], 10_000);
		expect([...opened].some((pid) => isAlive(pid))).toBe(false);
		expect(commands.knobs()).toEqual({model: 'event-loop', replyDelayMs: 0, handlerCpuMs: 0});
		await until('model event-loop again', () => tcpModel() === 'event-loop');
		expect(oneCpu.enabled).toBe(false);
		expect(readAffinity(serverPid)).toBe(serverAffinity);
		expect(lane).toBe(true);
		// Undone: the tour asks for no screen of its own (the UI puts back its own; test/ui/tour/follow-tour.test.ts).
		expect(screen()).toBeUndefined();
		// Every experiment the tour started, it stopped, and awaited the end of the run before going on.
		const runs = experiments.filter((entry) => entry.startsWith('run')).length;
		expect(runs).toBeGreaterThan(0);
		expect(experiments.filter((entry) => entry === 'stop').length).toBe(runs);
		for (const [at, entry] of experiments.entries()) if (entry === 'stop') expect(experiments[at + 1]).toBe('ended');
	}, 180_000);
});
