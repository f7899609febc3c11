import {defaults} from '../../../core/defaults.js';
import {isSocktuiError} from '../../../core/errors.js';
import {compareConfigs} from '../../../core/ostep/process-run/run.js';
import {initialState, isFinished, step, type SimState} from '../../../core/ostep/process-run/simulator.js';
import {parseSimSpec, type SimSpec} from '../../../core/ostep/process-run/sim-spec.js';
import type {SimConfig, Workload} from '../../../core/ostep/process-run/types.js';
import {buildFromProgram} from '../../../core/ostep/process-run/workload.js';
import {paneMessagesEn} from '../../i18n/pane-messages-en.js';
import {simPresets} from './sim-presets.js';

/**
 * The sim pane's player: plain TypeScript, no React. Every run is computed once, state by state with the
 * pure `step`, and kept (capped): playing and stepping forward or back only move `cursor`.
 */
export interface SimTrack {
	readonly title: string;
	readonly config: SimConfig;
	/** states[t] is the state after tick t (states[0] is the start). */
	readonly states: readonly SimState[];
	/** True when the run was cut at `defaults.simPaneMaxTicks`. */
	readonly truncated: boolean;
}

export interface SimPlayerState {
	readonly workload: Workload;
	/** Preset name, or the `--sim` / typed program text. */
	readonly label: string;
	/** Index into simPresets, or -1 for a custom workload. */
	readonly presetIndex: number;
	/** The preset's story, or the custom workload's description in English (the pane words `described`). */
	readonly story: string;
	/** A typed or given workload in numbers, for the pane to word in its language; unset for a preset. */
	readonly described?: WorkloadDescription;
	/** Policies of the normal view (compare overrides the switch policy per track). */
	readonly config: SimConfig;
	readonly compare: boolean;
	/** One track normally; serial then multiprogrammed in compare view. */
	readonly tracks: readonly SimTrack[];
	/** The tick shown: 0 = before the first tick. */
	readonly cursor: number;
	readonly playing: boolean;
	readonly speedIndex: number;
	/** The `-P` program being typed, when editing. */
	readonly editing?: string;
	/** The last error or notice (e.g. a bad program), shown on the status line. */
	readonly message?: string;
	/** The quantum or switch cost just changed, and what that changed in the run (the pane words it). */
	readonly tuned?: SimTuning;
}

/** A typed or given workload, named by what it is: whose it is, how many processes, CPU instructions and IOs. */
export interface WorkloadDescription {
	whose: 'workload' | 'program';
	processes: number;
	cpu: number;
	io: number;
}

/** A workload description in English (the player's `story`; the pane words it in its own language). */
export function describedInEnglish(described: WorkloadDescription): string {
	const words = paneMessagesEn.sim;
	const whose = described.whose === 'program' ? words.yourProgram : words.yourWorkload;
	return words.workload(whose, described.processes, described.cpu, described.io);
}

/** A run's outcome, as far as the quantum and the switch cost change it. */
export interface SimOutcome {
	/** The tick the last process finished. */
	finish: number;
	/** Ticks spent switching (switch cost). */
	switches: number;
	/** Time slices that ran out (quantum). */
	preemptions: number;
}

export interface SimTuning {
	knob: 'quantum' | 'switch-cost';
	value: number;
	before: SimOutcome;
	after: SimOutcome;
}

/** The steps the keys move the quantum (0 = off: a process runs until it blocks or ends) and switch cost through. */
export const quantumSteps: readonly number[] = [0, 1, 2, 3, 5, 10];
export const switchCostSteps: readonly number[] = [0, 1, 2, 5];

export type SimIntent =
	| {type: 'toggle-play'}
	| {type: 'tick'}
	| {type: 'step-forward'}
	| {type: 'step-back'}
	| {type: 'faster'}
	| {type: 'slower'}
	| {type: 'restart'}
	| {type: 'toggle-switch'}
	| {type: 'toggle-io-done'}
	| {type: 'toggle-compare'}
	| {type: 'quantum-up'}
	| {type: 'quantum-down'}
	| {type: 'switch-cost-up'}
	| {type: 'switch-cost-down'}
	| {type: 'next-preset'}
	| {type: 'load-preset'; index: number}
	| {type: 'load-program'; program: string}
	| {type: 'load-spec'; text: string}
	| {type: 'edit-start'}
	| {type: 'edit-input'; text: string}
	| {type: 'edit-backspace'}
	| {type: 'edit-commit'}
	| {type: 'edit-cancel'};

const intentTypes = new Set<string>([
	'toggle-play',
	'tick',
	'step-forward',
	'step-back',
	'faster',
	'slower',
	'restart',
	'toggle-switch',
	'toggle-io-done',
	'toggle-compare',
	'quantum-up',
	'quantum-down',
	'switch-cost-up',
	'switch-cost-down',
	'next-preset',
	'load-preset',
	'load-program',
	'load-spec',
	'edit-start',
	'edit-input',
	'edit-backspace',
	'edit-commit',
	'edit-cancel',
]);

/** For hosts that carry intents as `unknown`. */
export function isSimIntent(value: unknown): value is SimIntent {
	return typeof value === 'object' && value !== null && intentTypes.has((value as {type?: unknown}).type as string);
}

/** Playback speeds in ticks per second. */
export const simSpeeds: readonly number[] = [1, 2, 4, 8, 16, 32];
const defaultSpeedIndex = 2;
const maxProgramLength = 200;

export function buildTrack(
	title: string,
	workload: Workload,
	config: SimConfig,
	maxTicks = defaults.simPaneMaxTicks,
): SimTrack {
	let state = initialState(workload, config);
	const states: SimState[] = [state];
	while (!isFinished(state) && state.t < maxTicks) {
		state = step(state);
		states.push(state);
	}
	return {title, config, states, truncated: !isFinished(state)};
}

function buildTracks(workload: Workload, config: SimConfig, compare: boolean): SimTrack[] {
	if (!compare) return [buildTrack(`${config.switchPolicy} · ${config.ioDonePolicy}`, workload, config)];
	const configs = compareConfigs(config);
	return [
		buildTrack('Serial (SWITCH_ON_END)', workload, configs.serial),
		buildTrack('Multiprogrammed (SWITCH_ON_IO)', workload, configs.multiprogrammed),
	];
}

/** The last tick any track reaches. */
export function lastTick(player: Pick<SimPlayerState, 'tracks'>): number {
	return Math.max(0, ...player.tracks.map((track) => track.states.length - 1));
}

export function isAtEnd(player: SimPlayerState): boolean {
	return player.cursor >= lastTick(player);
}

/** The state a track shows at the player's cursor (its final state once it has finished). */
export function trackStateAt(track: SimTrack, cursor: number): SimState {
	return track.states[Math.min(cursor, track.states.length - 1)]!;
}

function withTracks(player: SimPlayerState, changes: Partial<SimPlayerState>): SimPlayerState {
	const next = {...player, ...changes};
	const tracks = buildTracks(next.workload, next.config, next.compare);
	const cursor = Math.min(next.cursor, lastTick({tracks}));
	return {...next, tracks, cursor};
}

/** A typed or given workload, named by what it is: "your program: 2 processes, 12 CPU instructions, no IO". */
function describeWorkload(whose: WorkloadDescription['whose'], workload: Workload): WorkloadDescription {
	const all = workload.processes.flat();
	const cpu = all.filter((instruction) => instruction === 'cpu').length;
	const io = all.filter((instruction) => instruction === 'io').length;
	return {whose, processes: workload.processes.length, cpu, io};
}

export function createPlayer(spec?: SimSpec, presetIndex = 0): SimPlayerState {
	const preset = simPresets[presetIndex];
	const resolved = spec ?? parseSimSpec(preset!.args);
	const base = {
		workload: resolved.workload,
		label: spec ? spec.source || 'custom' : preset!.name,
		presetIndex: spec ? -1 : presetIndex,
		story: spec ? describedInEnglish(describeWorkload('workload', resolved.workload)) : preset!.story,
		...(spec ? {described: describeWorkload('workload', resolved.workload)} : {}),
		config: resolved.config,
		compare: resolved.compare,
		tracks: [],
		cursor: 0,
		playing: false,
		speedIndex: defaultSpeedIndex,
	};
	return withTracks(base, {});
}

function loadSpec(
	player: SimPlayerState,
	spec: SimSpec,
	label: string,
	presetIndex: number,
	story: string | WorkloadDescription,
): SimPlayerState {
	return withTracks(
		{...player, editing: undefined, message: undefined},
		{
			workload: spec.workload,
			config: spec.config,
			compare: spec.compare,
			label,
			presetIndex,
			story: typeof story === 'string' ? story : describedInEnglish(story),
			described: typeof story === 'string' ? undefined : story,
			cursor: 0,
			playing: false,
		},
	);
}

function failed(player: SimPlayerState, error: unknown): SimPlayerState {
	if (!isSocktuiError(error)) throw error;
	return {...player, message: error.message.replace(/^sim: /u, '')};
}

function loadProgram(player: SimPlayerState, program: string): SimPlayerState {
	try {
		const workload = buildFromProgram(program.trim());
		const spec: SimSpec = {workload, config: player.config, compare: player.compare, source: `-P ${program.trim()}`};
		return loadSpec(player, spec, `-P ${program.trim()}`, -1, describeWorkload('program', workload));
	} catch (error: unknown) {
		if (error instanceof Error && error.name === 'SimReferenceError') return {...player, message: error.message};
		return failed(player, error);
	}
}

function outcome(player: SimPlayerState): SimOutcome {
	const last = player.tracks.at(-1)?.states.at(-1);
	return {finish: last?.t ?? 0, switches: last?.switchTicks ?? 0, preemptions: last?.preemptions ?? 0};
}

function nextStep(steps: readonly number[], value: number, direction: 1 | -1): number {
	if (direction > 0) return steps.find((candidate) => candidate > value) ?? steps.at(-1)!;
	return [...steps].reverse().find((candidate) => candidate < value) ?? steps[0]!;
}

/** Sets the quantum or the switch cost and says what that changed in the run. */
function tune(player: SimPlayerState, knob: SimTuning['knob'], direction: 1 | -1): SimPlayerState {
	const before = outcome(player);
	const value =
		knob === 'quantum'
			? nextStep(quantumSteps, player.config.quantum, direction)
			: nextStep(switchCostSteps, player.config.switchCost, direction);
	const next = withTracks(
		{...player, message: undefined},
		{config: {...player.config, ...(knob === 'quantum' ? {quantum: value} : {switchCost: value})}},
	);
	return {...next, tuned: {knob, value, before, after: outcome(next)}};
}

export function reducePlayer(player: SimPlayerState, intent: SimIntent): SimPlayerState {
	switch (intent.type) {
		case 'toggle-play':
			if (player.playing) return {...player, playing: false};
			return {...player, playing: true, cursor: isAtEnd(player) ? 0 : player.cursor};
		case 'tick':
			if (!player.playing) return player;
			if (isAtEnd(player)) return {...player, playing: false};
			return {...player, cursor: player.cursor + 1, playing: player.cursor + 1 < lastTick(player)};
		case 'step-forward':
			return {...player, playing: false, cursor: Math.min(player.cursor + 1, lastTick(player))};
		case 'step-back':
			return {...player, playing: false, cursor: Math.max(player.cursor - 1, 0)};
		case 'faster':
			return {...player, speedIndex: Math.min(player.speedIndex + 1, simSpeeds.length - 1)};
		case 'slower':
			return {...player, speedIndex: Math.max(player.speedIndex - 1, 0)};
		case 'restart':
			return {...player, cursor: 0, playing: false};
		case 'toggle-switch':
			return withTracks(player, {
				config: {
					...player.config,
					switchPolicy: player.config.switchPolicy === 'SWITCH_ON_IO' ? 'SWITCH_ON_END' : 'SWITCH_ON_IO',
				},
				compare: false,
			});
		case 'toggle-io-done':
			return withTracks(player, {
				config: {
					...player.config,
					ioDonePolicy: player.config.ioDonePolicy === 'IO_RUN_LATER' ? 'IO_RUN_IMMEDIATE' : 'IO_RUN_LATER',
				},
			});
		case 'toggle-compare':
			return withTracks(player, {compare: !player.compare});
		case 'quantum-up':
			return tune(player, 'quantum', 1);
		case 'quantum-down':
			return tune(player, 'quantum', -1);
		case 'switch-cost-up':
			return tune(player, 'switch-cost', 1);
		case 'switch-cost-down':
			return tune(player, 'switch-cost', -1);
		case 'next-preset':
			return reducePlayer(player, {type: 'load-preset', index: (player.presetIndex + 1) % simPresets.length});
		case 'load-preset': {
			const preset = simPresets[intent.index];
			if (!preset) return player;
			return loadSpec(player, parseSimSpec(preset.args), preset.name, intent.index, preset.story);
		}
		case 'load-program':
			return loadProgram(player, intent.program);
		case 'load-spec':
			try {
				const spec = parseSimSpec(intent.text);
				return loadSpec(player, spec, intent.text.trim(), -1, describeWorkload('workload', spec.workload));
			} catch (error: unknown) {
				return failed(player, error);
			}
		case 'edit-start':
			return {...player, playing: false, editing: player.editing ?? '', message: undefined};
		case 'edit-input':
			if (player.editing === undefined) return player;
			return {
				...player,
				editing: (player.editing + intent.text.replace(/[^\x20-\x7e]/gu, '')).slice(0, maxProgramLength),
			};
		case 'edit-backspace':
			if (player.editing === undefined) return player;
			return {...player, editing: [...player.editing].slice(0, -1).join('')};
		case 'edit-cancel':
			return {...player, editing: undefined};
		case 'edit-commit':
			if (player.editing === undefined) return player;
			if (player.editing.trim() === '') return {...player, editing: undefined};
			return loadProgram({...player, editing: undefined}, player.editing);
	}
}
