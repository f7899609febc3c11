import {describe, expect, it} from 'vitest';
import type {ServerModel} from '../../../source/core/echo/server-model.js';
import {TourDirector, type TourControls, type TourState} from '../../../source/core/tour/tour-director.js';
import {tourSteps, type TourStep} from '../../../source/core/tour/tour-steps.js';

/** Controls that keep the knobs in memory and log every change. */
function fakeControls() {
	const log: string[] = [];
	const knobs = {model: 'event-loop' as ServerModel, delay: 0, cpu: 0, oneCpu: false, lane: true};
	let nextId = 1;
	const open = new Set<number>();
	const controls: TourControls = {
		openSession(protocol) {
			const id = nextId++;
			open.add(id);
			log.push(`open ${protocol} #${id}`);
			return id;
		},
		async closeSession(id) {
			open.delete(id);
			log.push(`close #${id}`);
		},
		setAuto: (id, auto) => log.push(`auto #${id} ${auto.intervalMs}/${auto.burstMs}`),
		model: () => knobs.model,
		setModel(model) {
			knobs.model = model;
			log.push(`model ${model}`);
		},
		replyDelay: () => knobs.delay,
		setReplyDelay(ms) {
			knobs.delay = ms;
			log.push(`delay ${ms}`);
		},
		handlerCpu: () => knobs.cpu,
		setHandlerCpu(ms) {
			knobs.cpu = ms;
		},
		oneCpu: () => knobs.oneCpu,
		async toggleOneCpu() {
			knobs.oneCpu = !knobs.oneCpu;
			log.push(`one-cpu ${knobs.oneCpu}`);
		},
		dashboardLane: () => knobs.lane,
		toggleDashboardLane() {
			knobs.lane = !knobs.lane;
		},
		workerCount: () => 0,
		sendPair: (id) => log.push(`pair #${id}`),
	};
	return {controls, log, knobs, open};
}

const steps: TourStep[] = [
	{id: 'udp-messages', setup: [{kind: 'session', protocol: 'udp', auto: {intervalMs: 1000, burstMs: 0}}]},
	{
		id: 'iterative',
		setup: [
			{kind: 'model', model: 'iterative'},
			{kind: 'reply-delay', ms: 300},
			{kind: 'one-cpu', on: true},
			{kind: 'session', protocol: 'tcp'},
		],
	},
	{
		id: 'space',
		setup: [
			{kind: 'model', model: 'threads'},
			{kind: 'await-workers', count: 5},
		],
	},
];

describe('TourDirector', () => {
	it('undoes what a step opened before the next step, which sets every knob it relies on (the rest as before the tour)', async () => {
		const {controls, log, knobs, open} = fakeControls();
		const tour = new TourDirector({controls, steps, awaitMs: 50});
		tour.start();
		await tour.settled();
		expect(log).toEqual(['model event-loop', 'delay 0', 'open udp #1', 'auto #1 1000/0']);
		log.length = 0;
		tour.next();
		await tour.settled();
		expect(log).toEqual(['close #1', 'model iterative', 'delay 300', 'one-cpu true', 'open tcp #2']);
		expect(tour.getSnapshot()).toMatchObject({active: true, index: 1, busy: false, sessions: [2]});
		log.length = 0;
		tour.prev();
		await tour.settled();
		expect(log).toEqual(['close #2', 'model event-loop', 'delay 0', 'one-cpu false', 'open udp #3', 'auto #3 1000/0']);
		// Left on the first step: out of the tour, everything as before it.
		tour.prev();
		await tour.settled();
		expect(tour.getSnapshot()).toMatchObject({active: false, sessions: []});
		expect(open.size).toBe(0);
		expect(knobs).toEqual({model: 'event-loop', delay: 0, cpu: 0, oneCpu: false, lane: true});
	});

	it('goes straight to the last of several quick requests, and Esc (leave) keeps what the step set up', async () => {
		const {controls, log, knobs, open} = fakeControls();
		const tour = new TourDirector({controls, steps, awaitMs: 50});
		tour.start();
		tour.next();
		tour.next();
		await tour.settled();
		expect(tour.getSnapshot().index).toBe(2);
		// The first request was under way; the middle one was never set up.
		expect(log).not.toContain('delay 300');
		tour.next();
		await tour.settled();
		expect(tour.getSnapshot().index).toBe(2);
		tour.leave();
		await tour.settled();
		expect(tour.getSnapshot().active).toBe(false);
		expect(knobs.model).toBe('threads');
		expect(open.size).toBe(0);
		// Starting again begins from where it was left, with nothing left over to undo: the step sets its
		// knobs again (to the values they have), and opens nothing it had not.
		log.length = 0;
		tour.toggle();
		await tour.settled();
		expect(tour.getSnapshot()).toMatchObject({active: true, index: 2});
		expect(log).toEqual(['delay 0', 'model threads']);
	});

	it('says why a step could not be set up', async () => {
		const {controls} = fakeControls();
		const tour = new TourDirector({
			controls: {...controls, openSession: () => undefined},
			steps,
		});
		tour.start();
		await tour.settled();
		expect(tour.getSnapshot().error).toBe('could not open a UDP session');
	});

	it('a failing action or undo becomes a message, never a crash, and the other undos still run', async () => {
		const {controls, knobs, open} = fakeControls();
		const tour = new TourDirector({
			controls: {
				...controls,
				async closeSession() {
					throw new Error('session 2 is gone');
				},
				async toggleOneCpu() {
					throw new Error('taskset failed');
				},
			},
			steps,
		});
		tour.goTo(1);
		await tour.settled();
		expect(tour.getSnapshot().error).toBe('taskset failed');
		expect(knobs.delay).toBe(300);
		tour.prev();
		await tour.settled();
		expect(tour.getSnapshot().error).toBe(undefined);
		// The setup stopped at the failing action; what it had set (model, delay) was put back.
		expect(knobs).toMatchObject({model: 'event-loop', delay: 0});
		expect(open.size).toBe(1);
		tour.dispose();
		tour.next();
		await tour.settled();
		expect(tour.getSnapshot().index).toBe(0);
	});

	it("steps 1 and 2 send two messages in one go once, from the step's first session (key b)", async () => {
		for (const id of ['udp-messages', 'tcp-stream'] as const)
			expect(tourSteps.find((step) => step.id === id)?.setup).toContainEqual({kind: 'send-pair'});
		const {controls, log} = fakeControls();
		const tour = new TourDirector({
			controls,
			steps: [
				{
					id: 'tcp-stream',
					setup: [{kind: 'session', protocol: 'tcp'}, {kind: 'session', protocol: 'tcp'}, {kind: 'send-pair'}],
				},
			],
		});
		tour.start();
		await tour.settled();
		// After the knobs every step sets absolutely (model, delay): its sessions, then the pair, once.
		expect(log.filter((entry) => entry.startsWith('open') || entry.startsWith('pair'))).toEqual([
			'open tcp #1',
			'open tcp #2',
			'pair #1',
		]);
	});

	it('needs no UI: a step publishes in its state the screen it wants and the run it asks for, and undoing clears them', async () => {
		const {controls, log} = fakeControls();
		const ended: string[] = [];
		const tour = new TourDirector({
			controls: {
				...controls,
				async experimentEnded() {
					ended.push(`ended after ${log.at(-1)}`);
				},
			},
			steps: [
				{
					id: 'serial-concurrent',
					setup: [
						{kind: 'view', view: 'experiment', zoomed: true},
						{kind: 'experiment', preset: 'io'},
					],
				},
				{
					id: 'time-io',
					setup: [
						{kind: 'view', view: 'live'},
						{kind: 'reply-delay', ms: 300},
					],
				},
				{id: 'space', setup: []},
			],
		});
		const seen: Array<Pick<TourState, 'screen' | 'experiment'>> = [];
		tour.subscribe(() => {
			const {screen, experiment} = tour.getSnapshot();
			const last = seen.at(-1);
			if (last?.screen !== screen || last?.experiment !== experiment) seen.push({screen, experiment});
		});
		tour.start();
		await tour.settled();
		expect(tour.getSnapshot()).toMatchObject({
			active: true,
			screen: {view: 'experiment', zoomed: true},
			experiment: {preset: 'io'},
		});
		tour.next();
		await tour.settled();
		expect(tour.getSnapshot().screen).toEqual({view: 'live', zoomed: false});
		expect(tour.getSnapshot().experiment).toBeUndefined();
		// The run was stopped (its request cleared) and its end awaited before the next step set its delay.
		expect(ended).toEqual(['ended after delay 0']);
		expect(log.indexOf('delay 300')).toBeGreaterThan(log.indexOf('delay 0'));
		tour.next();
		await tour.settled();
		// A step that names no view asks for none.
		expect(tour.getSnapshot().screen).toBeUndefined();
		tour.goTo(1);
		await tour.settled();
		tour.end();
		await tour.settled();
		expect(tour.getSnapshot()).toMatchObject({active: false});
		expect(tour.getSnapshot().screen).toBeUndefined();
		expect(seen.map(({screen, experiment}) => [screen?.view, experiment?.preset])).toEqual([
			['experiment', undefined],
			['experiment', 'io'],
			// The run stops first; the screen stays until the next step asks for its own (no flash between).
			['experiment', undefined],
			['live', undefined],
			[undefined, undefined],
			['live', undefined],
			[undefined, undefined],
		]);
	});

	it('Esc leaves the screen and the run it asked for published; entering again asks for no screen until a step does', async () => {
		const {controls} = fakeControls();
		const tour = new TourDirector({
			controls: {...controls, experimentEnded: async () => undefined},
			steps: [
				{
					id: 'time-cpu',
					setup: [
						{kind: 'view', view: 'experiment', zoomed: true},
						{kind: 'experiment', preset: 'cpu'},
					],
				},
				{id: 'space', setup: []},
			],
		});
		tour.start();
		await tour.settled();
		tour.leave();
		await tour.settled();
		expect(tour.getSnapshot()).toMatchObject({
			active: false,
			screen: {view: 'experiment', zoomed: true},
			experiment: {preset: 'cpu'},
		});
		const screens: unknown[] = [];
		tour.subscribe(() => screens.push(tour.getSnapshot().screen));
		tour.goTo(1);
		await tour.settled();
		expect(screens.every((screen) => screen === undefined)).toBe(true);
	});

	it('a step that runs an experiment says so when the dashboard has no experiments', async () => {
		const {controls} = fakeControls();
		const tour = new TourDirector({controls, steps: [{id: 'time-cpu', setup: [{kind: 'experiment', preset: 'cpu'}]}]});
		tour.start();
		await tour.settled();
		expect(tour.getSnapshot().error).toBe('this dashboard has no experiment view');
		expect(tour.getSnapshot().experiment).toBeUndefined();
	});
});
