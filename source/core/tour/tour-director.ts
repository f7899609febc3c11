import {setTimeout as sleep} from 'node:timers/promises';
import type {Protocol} from '../defaults.js';
import type {ServerModel} from '../echo/server-model.js';
import type {ExperimentPresetName} from '../experiment/presets.js';
import type {AutoMode} from '../sessions/types.js';
import {tourSteps, type TourAction, type TourStep} from './tour-steps.js';

/** What the tour changes on the dashboard's core: the same knobs the keys turn. */
export interface TourControls {
	/** Opens a session; its id, or undefined when it could not be opened (the dashboard says why). */
	openSession(protocol: Protocol): number | undefined;
	/** Closes a session and removes its pane; resolves once its process has exited. */
	closeSession(sessionId: number): Promise<void>;
	setAuto(sessionId: number, auto: AutoMode): void;
	/** Two messages in one go from a session (key `b`). */
	sendPair(sessionId: number): void;
	model(): ServerModel;
	setModel(model: ServerModel): void;
	replyDelay(): number;
	setReplyDelay(ms: number): void;
	handlerCpu(): number;
	setHandlerCpu(ms: number): void;
	oneCpu(): boolean;
	toggleOneCpu(): Promise<void>;
	/** The dashboard's own lane is shown in the live timeline. */
	dashboardLane(): boolean;
	toggleDashboardLane(): void;
	/** Threads or child processes serving TCP connections right now. */
	workerCount(): number;
	/**
	 * Resolves once the server process itself reports the knobs as last set (true), or says it could not
	 * (false). Without it a knob counts as set when asked.
	 */
	confirmKnobs?(): Promise<boolean>;
	/**
	 * Resolves once no experiment run is in progress any more (bounded): a run puts back the reply delay as
	 * it ends, which must come before the next step sets its own. Without it the dashboard runs none.
	 */
	experimentEnded?(): Promise<void>;
}

/** Every knob a step relies on: set at each step's entry, whatever step came before and however fast. */
export interface TourKnobs {
	model: ServerModel;
	replyDelayMs: number;
	handlerCpuMs: number;
	oneCpu: boolean;
	dashboardLane: boolean;
}

/** What the timeline area shows: its view, and whether it has the whole screen (`z`). */
export interface TourScreen {
	view: string;
	zoomed: boolean;
}

export interface TourState {
	active: boolean;
	/** The step shown (0-based). */
	index: number;
	/** Setting the step up or undoing the one before. */
	busy: boolean;
	/** The sessions this step opened, in order (the narration names them). */
	sessions: readonly number[];
	/** When the step was set up (`Date.now()`). */
	since: number;
	/** Why the last setup was incomplete, in words. */
	error?: string;
	/**
	 * What the step shown wants the timeline area to show (a new object each time a step asks). The screen
	 * applies it; when it goes away while the tour is on, or as the tour ends with everything undone, the
	 * screen goes back to what it showed before. Left with `Esc`, it stays: the screen keeps what it shows.
	 */
	screen?: TourScreen;
	/**
	 * The experiment run the step shown asked for (a new object each time): the experiment view runs it, and
	 * stops it when it goes away. Left with `Esc`, it stays, and so does the run.
	 */
	experiment?: {preset: ExperimentPresetName};
}

const knobKinds = new Set<TourAction['kind']>(['model', 'reply-delay', 'handler-cpu', 'one-cpu', 'dashboard-lane']);
const isKnob = (action: TourAction) => knobKinds.has(action.kind);

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

type Goal = {kind: 'step'; index: number} | {kind: 'off'; undo: boolean};

export interface TourDirectorOptions {
	controls: TourControls;
	steps?: readonly TourStep[];
	/** How long a step waits for the server to take on its connections (bounded, never forever). */
	awaitMs?: number;
}

/**
 * Runs the guided tour: each step sets up the dashboard it needs (server model, sessions, one-CPU mode,
 * auto mode, delays, the timeline view). Transitions run one at a time: the step before is undone first
 * (its sessions closed, its experiment stopped and awaited), then the new step sets every knob it relies
 * on to an absolute value (what it does not name goes back to what it was before the tour) and waits
 * until the server process reports them in force. So a step's state never depends on how it was reached.
 * The screen's part (the view a step asks for, the experiment run) is only published in the state: the UI
 * applies it as it applies keys, and puts back its own view when none is asked for; the director never
 * calls into the UI. Requests are coalesced: three quick `→` go to the third step without setting up the
 * two between. Leaving with `Esc` keeps everything as it is; `←` on the first step (or `t`) puts it back
 * as it was before the tour.
 */
export class TourDirector {
	readonly #controls: TourControls;
	readonly #steps: readonly TourStep[];
	readonly #awaitMs: number;
	readonly #listeners = new Set<() => void>();
	#state: TourState = {active: false, index: 0, busy: false, sessions: [], since: 0};
	#undo: Array<() => unknown> = [];
	/** The knobs as they were before the tour: what a step does not name, and what `t` puts back. */
	#baseline: TourKnobs | undefined;
	/** A knob was set and the server has not yet confirmed it. */
	#unconfirmed = false;
	#goal: Goal | undefined;
	#work: Promise<void> = Promise.resolve();
	#working = false;
	#disposed = false;

	constructor({controls, steps = tourSteps, awaitMs = 5000}: TourDirectorOptions) {
		this.#controls = controls;
		this.#steps = steps;
		this.#awaitMs = awaitMs;
	}

	get steps(): readonly TourStep[] {
		return this.#steps;
	}

	getSnapshot = (): TourState => this.#state;

	subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	};

	/** The step being asked for (the shown one, or the one a pending request goes to). */
	#target(): number {
		return this.#goal?.kind === 'step' ? this.#goal.index : this.#state.index;
	}

	start(index = 0): void {
		this.goTo(index);
	}

	goTo(index: number): void {
		this.#request({kind: 'step', index: Math.max(0, Math.min(this.#steps.length - 1, index))});
	}

	next(): void {
		if (!this.#state.active) return;
		const target = this.#target();
		if (target < this.#steps.length - 1) this.goTo(target + 1);
	}

	/** Back one step; from the first, out of the tour with the dashboard as it was before. */
	prev(): void {
		if (!this.#state.active) return;
		const target = this.#target();
		if (target === 0) this.end();
		else this.goTo(target - 1);
	}

	/** Leaves the tour and keeps the panes as they are (what the step set up stays). */
	leave(): void {
		if (this.#state.active) this.#request({kind: 'off', undo: false});
	}

	/** Leaves the tour and undoes the step shown: the dashboard as it was before the tour. */
	end(): void {
		if (this.#state.active) this.#request({kind: 'off', undo: true});
	}

	toggle(): void {
		if (this.#state.active) this.end();
		else this.start(this.#state.index);
	}

	/** The dashboard is closing: nothing more is set up or undone (its shutdown ends every session). */
	dispose(): void {
		this.#disposed = true;
		this.#goal = undefined;
	}

	/** Resolves when every request so far has been carried out. */
	async settled(): Promise<void> {
		while (this.#working) await this.#work;
	}

	#request(goal: Goal): void {
		if (this.#disposed) return;
		this.#goal = goal;
		if (this.#working) return;
		this.#working = true;
		this.#work = this.#run().finally(() => {
			this.#working = false;
		});
	}

	async #run(): Promise<void> {
		while (this.#goal) {
			const goal = this.#goal;
			this.#goal = undefined;
			if (goal.kind === 'off') {
				let error: string | undefined;
				if (goal.undo) {
					this.#set({busy: true});
					await this.#undoAll();
					this.#set({screen: undefined});
					const baseline = this.#baseline;
					if (baseline && !this.#disposed) error = await this.#applyKnobs(baseline);
				}

				this.#undo = [];
				this.#baseline = undefined;
				// Left with Esc, the step's screen stays published: the UI keeps it (undone, it is cleared above).
				this.#set({active: false, busy: false, sessions: [], ...(error === undefined ? {} : {error})});
				continue;
			}

			this.#baseline ??= this.#knobsNow();
			// Entering the tour: a screen left published by an earlier Esc is not this tour's.
			this.#set({active: true, busy: true, index: goal.index, ...(this.#state.active ? {} : {screen: undefined})});
			await this.#undoAll();
			const step = this.#steps[goal.index]!;
			// A step that names no view leaves the screen as it was before the tour.
			const named = step.setup.some((action) => action.kind === 'view');
			this.#set({sessions: [], ...(named ? {} : {screen: undefined})});
			const error = await this.#setUp(step, this.#baseline);
			this.#set({busy: false, since: Date.now(), ...(error === undefined ? {} : {error})});
		}
	}

	async #undoAll(): Promise<void> {
		const undo = this.#undo.reverse();
		this.#undo = [];
		let failed: string | undefined;
		for (const step of undo) {
			if (this.#disposed) return;
			try {
				await step();
			} catch (error: unknown) {
				// One failed undo (a process already gone) must not leave the others undone.
				failed ??= describe(error);
			}
		}

		this.#set(failed === undefined ? {error: undefined} : {error: `could not undo everything: ${failed}`});
	}

	#knobsNow(): TourKnobs {
		const controls = this.#controls;
		return {
			model: controls.model(),
			replyDelayMs: controls.replyDelay(),
			handlerCpuMs: controls.handlerCpu(),
			oneCpu: controls.oneCpu(),
			dashboardLane: controls.dashboardLane(),
		};
	}

	/** Sets every knob to these values (absolute, whatever was asked before) and waits for the server. */
	async #applyKnobs(knobs: TourKnobs): Promise<string | undefined> {
		const actions: TourAction[] = [
			{kind: 'model', model: knobs.model},
			{kind: 'reply-delay', ms: knobs.replyDelayMs},
			{kind: 'handler-cpu', ms: knobs.handlerCpuMs},
			{kind: 'one-cpu', on: knobs.oneCpu},
			{kind: 'dashboard-lane', shown: knobs.dashboardLane},
		];
		try {
			for (const action of actions) await this.#apply(action);
			return await this.#confirm();
		} catch (thrown: unknown) {
			return describe(thrown);
		}
	}

	/** Waits until the server process reports the knobs set so far in force. */
	async #confirm(): Promise<string | undefined> {
		if (!this.#unconfirmed) return undefined;
		this.#unconfirmed = false;
		const confirmed = (await this.#controls.confirmKnobs?.()) ?? true;
		return confirmed ? undefined : "the server process did not confirm the step's settings";
	}

	/**
	 * Carries out a step's actions in order; stops early when another step is asked for meanwhile. First,
	 * every knob the step does not name goes back to its value before the tour: a step owns all its state.
	 */
	async #setUp(step: TourStep, baseline: TourKnobs): Promise<string | undefined> {
		const named = new Set(step.setup.map((action) => action.kind));
		const entry: TourAction[] = [];
		if (!named.has('model')) entry.push({kind: 'model', model: baseline.model});
		if (!named.has('reply-delay')) entry.push({kind: 'reply-delay', ms: baseline.replyDelayMs});
		if (!named.has('handler-cpu')) entry.push({kind: 'handler-cpu', ms: baseline.handlerCpuMs});
		if (!named.has('one-cpu')) entry.push({kind: 'one-cpu', on: baseline.oneCpu});
		if (!named.has('dashboard-lane')) entry.push({kind: 'dashboard-lane', shown: baseline.dashboardLane});
		for (const action of [...entry, ...step.setup]) {
			if (this.#goal || this.#disposed) return undefined;
			let error: string | undefined;
			try {
				// Knobs are confirmed by the server before anything that relies on them (a session, a run).
				if (!isKnob(action)) error = await this.#confirm();
				error ??= await this.#apply(action);
			} catch (thrown: unknown) {
				error = describe(thrown);
			}

			if (error !== undefined) return error;
		}

		return this.#goal || this.#disposed ? undefined : this.#confirm();
	}

	async #apply(action: TourAction): Promise<string | undefined> {
		const controls = this.#controls;
		switch (action.kind) {
			case 'view': {
				// Published, not shown: the screen follows the state (and puts back its own view when none is
				// asked for). Kept while the next step is set up, which asks for its own or for none.
				this.#set({screen: {view: action.view, zoomed: action.zoomed ?? false}});
				return undefined;
			}

			// Knobs are set to the value, never skipped because the dashboard believes it is set already: what
			// was asked last may not be what the server has (an experiment's run sets the delay too).
			case 'model': {
				controls.setModel(action.model);
				this.#unconfirmed = true;
				return undefined;
			}

			case 'reply-delay': {
				controls.setReplyDelay(action.ms);
				this.#unconfirmed = true;
				return undefined;
			}

			case 'handler-cpu': {
				controls.setHandlerCpu(action.ms);
				this.#unconfirmed = true;
				return undefined;
			}

			case 'one-cpu': {
				if (controls.oneCpu() !== action.on) await controls.toggleOneCpu();
				return undefined;
			}

			case 'dashboard-lane': {
				if (controls.dashboardLane() !== action.shown) controls.toggleDashboardLane();
				return undefined;
			}

			case 'session': {
				const sessionId = controls.openSession(action.protocol);
				if (sessionId === undefined) return `could not open a ${action.protocol.toUpperCase()} session`;
				this.#undo.push(async () => controls.closeSession(sessionId));
				this.#set({sessions: [...this.#state.sessions, sessionId]});
				if (action.auto) controls.setAuto(sessionId, {enabled: true, ...action.auto});
				return undefined;
			}

			case 'send-pair': {
				const sessionId = this.#state.sessions[0];
				if (sessionId === undefined) return 'no session to send from';
				// Nothing to undo: what was sent stays in the conversation.
				controls.sendPair(sessionId);
				return undefined;
			}

			case 'await-workers': {
				const deadline = Date.now() + this.#awaitMs;
				while (controls.workerCount() < action.count && Date.now() < deadline && !this.#goal) await sleep(50);
				return undefined;
			}

			case 'experiment': {
				if (!controls.experimentEnded) return 'this dashboard has no experiment view';
				this.#set({experiment: {preset: action.preset}});
				// Awaited on leaving: the run puts the reply delay back when it ends, which must come before
				// the next step sets its own.
				this.#undo.push(async () => {
					this.#set({experiment: undefined});
					await controls.experimentEnded?.();
				});
				return undefined;
			}
		}
	}

	#set(patch: Partial<TourState>): void {
		const next = {...this.#state, ...patch};
		for (const key of ['error', 'screen', 'experiment'] as const)
			if (key in patch && patch[key] === undefined) delete next[key];
		this.#state = next;
		for (const listener of this.#listeners) listener();
	}
}
