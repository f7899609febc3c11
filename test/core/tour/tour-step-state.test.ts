import {spawn, type ChildProcess} from 'node:child_process';
import {setTimeout as sleep} from 'node:timers/promises';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {EchoServerStats} from '../../../source/core/echo/types.js';
import {detectPinning, readAffinity} from '../../../source/core/procs/index.js';
import {ServerProcess} from '../../../source/core/server-process/server-process.js';
import {SessionManager} from '../../../source/core/sessions/session-manager.js';
import {createDashboardCommands} from '../../../source/core/dashboard/dashboard-commands.js';
import {startDashboardRuntime, type DashboardRuntime} from '../../../source/core/dashboard/dashboard-runtime.js';
import {DashboardStore} from '../../../source/core/dashboard/dashboard-store.js';
import {createRuntimeOneCpuMode} from '../../../source/core/dashboard/runtime-one-cpu.js';
import {dashboardTourControls} from '../../../source/core/tour/dashboard-tour.js';
import {TourDirector} from '../../../source/core/tour/tour-director.js';
import {tourSteps, type TourAction, type TourStep} from '../../../source/core/tour/tour-steps.js';
import {assertBuilt, cliPath} from '../sessions/session-test-kit.js';

/**
 * Each tour step owns its state (issue 20, item 6): whichever step came before, and however fast the keys
 * came, the knobs the target step relies on are in force in the server process, read from its own stats
 * messages and from /proc, never from the dashboard's idea of them.
 *
 * The steps are the real ones without their sessions (which only add start-up time here; the full tour
 * with sessions is test/core/tour/dashboard-tour.test.ts). Their experiments run as the dashboard's do for
 * what matters here: the reply delay is the IO length during the run and is put back when the run ends,
 * a moment after it is stopped.
 */
const knobSteps: TourStep[] = tourSteps.map((step) => ({
	...step,
	setup: step.setup.filter((action) => action.kind !== 'session' && action.kind !== 'await-workers'),
}));

const runIoMs = 500;

/** What a step leaves in force: its last value of each knob, the rest as before the tour. */
function wanted(setup: readonly TourAction[]) {
	const last = <K extends TourAction['kind']>(kind: K) =>
		setup.filter((action): action is Extract<TourAction, {kind: K}> => action.kind === kind).at(-1);
	return {
		model: last('model')?.model ?? 'event-loop',
		// An experiment's run holds the reply delay at its IO length while it runs.
		replyDelayMs: last('experiment') ? runIoMs : (last('reply-delay')?.ms ?? 0),
		handlerCpuMs: last('handler-cpu')?.ms ?? 0,
		oneCpu: last('one-cpu')?.on ?? false,
	};
}

class FakeRunView {
	#phase = 'idle';
	#end: (() => void) | undefined;
	readonly #listeners = new Set<() => void>();
	readonly #start: () => () => void;
	constructor(start: () => () => void) {
		this.#start = start;
	}

	getSnapshot = () => ({phase: this.#phase});
	subscribe = (listener: () => void) => {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	};

	run(): void {
		this.#end = this.#start();
		this.#set('running');
	}

	/** Resolves once no run is in progress. */
	async ended(): Promise<void> {
		while (this.#phase === 'running')
			await new Promise<void>((resolve) => {
				const unsubscribe = this.subscribe(() => {
					unsubscribe();
					resolve();
				});
			});
	}

	stop(): void {
		const end = this.#end;
		this.#end = undefined;
		if (!end) return;
		setTimeout(() => {
			end();
			this.#set('done');
		}, 50);
	}

	#set(phase: string): void {
		this.#phase = phase;
		for (const listener of this.#listeners) listener();
	}
}

let runtime: DashboardRuntime;
let store: DashboardStore;
let tour: TourDirector;
let oneCpuOn: () => boolean;
let observer: ChildProcess;
let publish: NodeJS.Timeout;
let serverAffinity: string | undefined;
let latest: readonly EchoServerStats[] = [];
const pinning = detectPinning();

beforeAll(async () => {
	assertBuilt();
	store = new DashboardStore({ascii: false, frameRateHz: 50});
	runtime = await startDashboardRuntime({
		host: '127.0.0.1',
		port: 0,
		sessions: 0,
		store,
		createServerProcess: (server) => new ServerProcess({server, cliPath}),
		createSessionManager: (target) => new SessionManager({target, cliPath, closeGraceMs: 500}),
	});
	// The server process's own word: every stats message it sends.
	runtime.server!.subscribe((event) => {
		if (event.type === 'batch' && event.batch.stats.length > 0) latest = event.batch.stats;
	});
	publish = setInterval(() => store.flush(), 20);
	observer = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)'], {stdio: 'ignore'});
	const oneCpu = createRuntimeOneCpuMode(runtime, store, observer.pid!);
	oneCpuOn = () => oneCpu.enabled;
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
	// An experiment as the dashboard's experiment view runs it (source/core/experiment/dashboard-launcher.ts,
	// source/ui/panes/experiment/experiment-view.ts): the reply delay is the IO length while it runs, put back
	// to what the published snapshot showed at its start once the run has ended, a moment after `stop`
	// (which returns at once; the tour awaits the end, as the dashboard does from its launcher).
	const view = new FakeRunView(() => {
		const before = store.getSnapshot().servers[0]?.replyDelayMs ?? 0;
		runtime.setReplyDelay(runIoMs);
		return () => runtime.setReplyDelay(before);
	});
	tour = new TourDirector({
		controls: {
			...dashboardTourControls({runtime, store, commands, oneCpu, dashboardLane: () => lane}),
			experimentEnded: async () => view.ended(),
		},
		steps: knobSteps,
	});
	// The run the tour's state asks for, as the experiment view follows it (source/ui/tour/follow-tour.ts).
	let asked = tour.getSnapshot().experiment;
	tour.subscribe(() => {
		if (tour.getSnapshot().experiment === asked) return;
		asked = tour.getSnapshot().experiment;
		if (asked) view.run();
		else view.stop();
	});
	runtime.setHandlerCpu(0); // a knob turned: the server sends its stats at once
	await until('the first stats', () => latest.length === 2);
	serverAffinity = readAffinity(runtime.server!.pid!);
}, 60_000);

afterAll(async () => {
	clearInterval(publish);
	observer?.kill('SIGKILL');
	await runtime?.shutdown();
});

async function until(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(20);
	}
}

/** The target step's knobs, from the server's stats (a fresh message, sent after the step was set up). */
async function assertInForce(index: number): Promise<void> {
	const want = wanted(knobSteps[index]!.setup);
	latest = [];
	runtime.setHandlerCpu(runtime.knobs().handlerCpuMs); // asks the server for a fresh stats message
	await until('fresh stats', () => latest.length === 2);
	const tcp = latest.find((stats) => stats.protocol === 'tcp')!;
	const label = `step ${index + 1}`;
	expect({step: label, model: tcp.models.model}).toEqual({step: label, model: want.model});
	expect({step: label, cpu: tcp.models.handlerCpuMs}).toEqual({step: label, cpu: want.handlerCpuMs});
	for (const stats of latest)
		expect({step: label, delay: stats.replyDelayMs}).toEqual({step: label, delay: want.replyDelayMs});
	if (pinning.available) {
		const affinity = readAffinity(runtime.server!.pid!);
		if (want.oneCpu) expect({step: label, affinity}).not.toEqual({step: label, affinity: serverAffinity});
		else expect({step: label, affinity}).toEqual({step: label, affinity: serverAffinity});
		expect(oneCpuOn()).toBe(want.oneCpu);
	}
}

describe('each tour step owns its state, read from the server process', () => {
	it('after `T 6` then `→` at once, step 7 has its 300 ms in the server; 7 → 8 → 9 and Esc leave none of it; `T 4` runs without it', async () => {
		tour.start(0);
		await tour.settled();
		tour.goTo(5);
		// The experiment's run is under way (its delay in the server) when `→` comes.
		await until('the run delay', () => latest.every((stats) => stats.replyDelayMs === runIoMs));
		tour.next();
		await tour.settled();
		await assertInForce(6);
		tour.next();
		await tour.settled();
		await assertInForce(7);
		tour.next();
		await tour.settled();
		await assertInForce(8);
		tour.leave();
		await tour.settled();
		await assertInForce(8);
		tour.start(3);
		await tour.settled();
		await assertInForce(3);
		tour.end();
		await tour.settled();
		expect(runtime.knobs()).toEqual({model: 'event-loop', replyDelayMs: 0, handlerCpuMs: 0});
	}, 60_000);

	for (const pace of ['slow', 'fast'] as const) {
		it(`from every step to every other (${pace}), the target step's knobs are in force`, async () => {
			for (let from = 0; from < knobSteps.length; from++) {
				for (let to = 0; to < knobSteps.length; to++) {
					if (from === to) continue;
					tour.goTo(from);
					// Slow: the step is set up before the next key; fast: the next key comes as soon as the step
					// is shown, while it is still being set up.
					if (pace === 'slow') await tour.settled();
					else await until(`step ${from + 1} shown`, () => tour.getSnapshot().index === from);
					tour.goTo(to);
					await tour.settled();
					expect(tour.getSnapshot()).toMatchObject({index: to, busy: false});
					await assertInForce(to);
				}
			}

			tour.end();
			await tour.settled();
		}, 600_000);
	}
});
