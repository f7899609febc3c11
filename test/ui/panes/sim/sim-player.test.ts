import {describe, expect, it} from 'vitest';
import {parseSimSpec} from '../../../../source/core/ostep/process-run/sim-spec.js';
import {formatRow} from '../../../../source/core/ostep/process-run/trace-format.js';
import {simBindings} from '../../../../source/ui/panes/sim/sim-bindings.js';
import {
	createPlayer,
	isAtEnd,
	isSimIntent,
	lastTick,
	reducePlayer,
	type SimIntent,
	type SimPlayerState,
} from '../../../../source/ui/panes/sim/sim-player.js';
import {simPresets} from '../../../../source/ui/panes/sim/sim-presets.js';
import {messagesEn} from '../../../../source/ui/i18n/messages-en.js';
import {messagesZh} from '../../../../source/ui/i18n/messages-zh.js';

const apply = (player: SimPlayerState, ...intents: SimIntent[]) => intents.reduce(reducePlayer, player);
const times = (count: number, intent: SimIntent): SimIntent[] => Array.from({length: count}, () => intent);

describe('reducePlayer', () => {
	const spec = parseSimSpec('-P c3,i,c2:c4 -I IO_RUN_IMMEDIATE');

	it('steps forward and back over the kept states, within the run', () => {
		let player = createPlayer(spec);
		expect(player.cursor).toBe(0);
		expect(lastTick(player)).toBe(12);
		player = apply(player, ...times(5, {type: 'step-forward'}));
		expect(player.cursor).toBe(5);
		const rowAt5 = formatRow(player.tracks[0]!.states[5]!.row!);
		player = apply(player, {type: 'step-back'}, {type: 'step-forward'});
		expect(formatRow(player.tracks[0]!.states[player.cursor]!.row!)).toBe(rowAt5);
		expect(apply(player, ...times(50, {type: 'step-forward'})).cursor).toBe(12);
		expect(apply(player, ...times(50, {type: 'step-back'})).cursor).toBe(0);
	});

	it('plays with ticks, stops at the end and restarts from 0 when played again', () => {
		let player = apply(createPlayer(spec), {type: 'toggle-play'});
		expect(player.playing).toBe(true);
		player = apply(player, ...times(20, {type: 'tick'}));
		expect(isAtEnd(player)).toBe(true);
		expect(player.playing).toBe(false);
		player = apply(player, {type: 'toggle-play'});
		expect(player).toMatchObject({cursor: 0, playing: true});
		expect(apply(player, {type: 'restart'})).toMatchObject({cursor: 0, playing: false});
		// A tick while paused changes nothing.
		const paused = apply(player, {type: 'toggle-play'});
		expect(apply(paused, {type: 'tick'})).toBe(paused);
	});

	it('toggles the policies and recomputes the run, keeping the cursor where it can', () => {
		let player = apply(createPlayer(spec), ...times(4, {type: 'step-forward'}));
		player = apply(player, {type: 'toggle-switch'});
		expect(player.config.switchPolicy).toBe('SWITCH_ON_END');
		expect(lastTick(player)).toBe(16);
		expect(player.cursor).toBe(4);
		player = apply(player, {type: 'toggle-io-done'});
		expect(player.config.ioDonePolicy).toBe('IO_RUN_LATER');
		player = apply(player, {type: 'toggle-switch'}, {type: 'toggle-io-done'});
		expect(player.config).toEqual(spec.config);
	});

	it('compares serial above multiprogrammed on the same workload', () => {
		const player = apply(createPlayer(spec), {type: 'toggle-compare'});
		expect(player.tracks.map((track) => track.config.switchPolicy)).toEqual(['SWITCH_ON_END', 'SWITCH_ON_IO']);
		expect(player.tracks.map((track) => track.states.length - 1)).toEqual([16, 12]);
		expect(lastTick(player)).toBe(16);
		expect(apply(player, {type: 'toggle-compare'}).tracks).toHaveLength(1);
	});

	it('changes speed within bounds', () => {
		const player = createPlayer(spec);
		expect(apply(player, ...times(10, {type: 'faster'})).speedIndex).toBe(5);
		expect(apply(player, ...times(10, {type: 'slower'})).speedIndex).toBe(0);
	});

	it('cycles through the presets, which all parse', () => {
		let player = createPlayer();
		expect(player.label).toBe(simPresets[0]!.name);
		for (let index = 1; index <= simPresets.length; index++) {
			player = apply(player, {type: 'next-preset'});
			expect(player.presetIndex).toBe(index % simPresets.length);
		}
	});

	it('tells the CPU-hog story: round robin with a switch cost loses to serial', () => {
		const index = simPresets.findIndex((preset) => preset.id === 'cpu-hog-rr');
		const player = createPlayer(undefined, index);
		const [serial, multiprogrammed] = player.tracks.map((track) => track.states.length - 1);
		expect(player.compare).toBe(true);
		expect(multiprogrammed).toBeGreaterThan(serial!);
		// And switching on IO wins for the IO-bound preset.
		const io = apply(
			createPlayer(
				undefined,
				simPresets.findIndex((preset) => preset.id === 'io-bound'),
			),
			{type: 'toggle-compare'},
		);
		const [ioSerial, ioMulti] = io.tracks.map((track) => track.states.length - 1);
		expect(ioMulti).toBeLessThan(ioSerial!);
	});

	it('loads a typed -P program, and reports a bad one without losing the current run', () => {
		let player = apply(
			createPlayer(spec),
			{type: 'edit-start'},
			{type: 'edit-input', text: 'c2,i:c3x'},
			{type: 'edit-backspace'},
			{type: 'edit-commit'},
		);
		expect(player.editing).toBeUndefined();
		expect(player.label).toBe('-P c2,i:c3');
		expect(player.workload.processes).toEqual([
			['cpu', 'cpu', 'io', 'io_done'],
			['cpu', 'cpu', 'cpu'],
		]);
		const before = player;
		player = apply(player, {type: 'load-program', program: 'c1,x'});
		expect(player.message).toBe('bad opcode x (should be c or i)');
		expect(player.workload).toBe(before.workload);
		expect(apply(player, {type: 'load-program', program: 'c'}).message).toContain("'c' needs a whole number");
		expect(apply(player, {type: 'load-spec', text: '-l 5'}).message).toContain('Bad description (5)');
	});

	it('binds every intent the issue asks for, in scope sim', () => {
		const byKey = new Map(
			simBindings.flatMap((binding) => binding.keys.map((key) => [key, binding.action.type] as const)),
		);
		expect(Object.fromEntries(byKey)).toMatchObject({
			space: 'toggle-play',
			'.': 'step-forward',
			right: 'step-forward',
			',': 'step-back',
			left: 'step-back',
			'+': 'faster',
			'-': 'slower',
			r: 'restart',
			s: 'toggle-switch',
			i: 'toggle-io-done',
			c: 'toggle-compare',
			p: 'next-preset',
		});
		expect(simBindings.every((binding) => binding.scope === 'sim' && isSimIntent(binding.action))).toBe(true);
		expect(isSimIntent({type: 'quit'})).toBe(false);
	});
});

describe('quantum and switch cost keys', () => {
	it('] and [ step the quantum, } and { the switch cost, each with a verdict of what it changed', () => {
		let player = createPlayer(parseSimSpec('-P c6:c6'));
		const finishBefore = lastTick(player);
		player = reducePlayer(player, {type: 'quantum-up'});
		expect(player.config.quantum).toBe(1);
		expect(player.tuned).toMatchObject({knob: 'quantum', value: 1, before: {finish: finishBefore, preemptions: 0}});
		expect(player.tuned!.after.preemptions).toBeGreaterThan(0);
		player = reducePlayer(player, {type: 'switch-cost-up'});
		expect(player.config.switchCost).toBe(1);
		expect(player.tuned).toMatchObject({knob: 'switch-cost', value: 1});
		// Switching now costs ticks: the same work finishes later.
		expect(player.tuned!.after.finish).toBeGreaterThan(player.tuned!.before.finish);
		player = reducePlayer(reducePlayer(player, {type: 'switch-cost-down'}), {type: 'quantum-down'});
		expect(player.config).toMatchObject({quantum: 0, switchCost: 0});
		const keys = simBindings.flatMap((binding) => binding.keys);
		for (const key of [']', '[', '}', '{']) expect(keys).toContain(key);
		for (const [message, knob] of [
			[messagesEn, 'quantum'],
			[messagesZh, 'switch-cost'],
		] as const)
			expect(
				message.simVerdict({
					knob,
					value: 2,
					before: {finish: 12, switches: 0, preemptions: 0},
					after: {finish: 14, switches: 6, preemptions: 5},
				}),
			).not.toBe('');
	});
});
