import fc from 'fast-check';
import {render} from 'ink-testing-library';
import {act} from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {parseSimSpec} from '../../../../source/core/ostep/process-run/sim-spec.js';
import {buildSimLines, lineText} from '../../../../source/ui/panes/sim/sim-chart.js';
import {
	createPlayer,
	reducePlayer,
	type SimIntent,
	type SimPlayerState,
} from '../../../../source/ui/panes/sim/sim-player.js';
import {SimPane} from '../../../../source/ui/panes/sim/sim-pane.js';
import {simPresets} from '../../../../source/ui/panes/sim/sim-presets.js';
import {createSimHostedPane} from '../../../../source/ui/panes/sim/sim-host.js';
import {SimPlayerStore} from '../../../../source/ui/panes/sim/sim-player-store.js';

(globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean}).IS_REACT_ACT_ENVIRONMENT = true;

const apply = (player: SimPlayerState, ...intents: SimIntent[]) => intents.reduce(reducePlayer, player);
const forward = (player: SimPlayerState, count: number) =>
	apply(player, ...Array.from({length: count}, (): SimIntent => ({type: 'step-forward'})));
// The lanes: a label then one character per tick.
const lane = (frame: string, label: string) =>
	frame
		.split('\n')
		.find((line) => line.startsWith(`${label} `))
		?.slice(4)
		.trimEnd();

const mounted: Array<{unmount: () => void}> = [];
afterEach(() => {
	for (const instance of mounted.splice(0)) act(() => instance.unmount());
});

function show(
	player: SimPlayerState,
	options: {width?: number; height?: number; ascii?: boolean; color?: boolean} = {},
) {
	let instance!: ReturnType<typeof render>;
	act(() => {
		instance = render(
			<SimPane
				player={player}
				width={options.width ?? 80}
				height={options.height ?? 20}
				ascii={options.ascii ?? false}
				color={options.color ?? false}
				focused
			/>,
		);
	});
	mounted.push(instance);
	return instance;
}

describe('SimPane', () => {
	const spec = parseSimSpec('-P c3,i,c2:c4 -I IO_RUN_IMMEDIATE -L 5');

	it('draws one column per tick up to the current tick, with lanes, CPU, IO and the stats', () => {
		const frame = show(forward(createPlayer(spec), 6)).lastFrame()!;
		expect(lane(frame, 'P0')).toBe('███▓≈≈'.replace('▓', '█'));
		expect(lane(frame, 'P1')).toBe('░░░░██');
		expect(lane(frame, 'CPU')).toBe('000011');
		expect(lane(frame, 'IO')).toBe('11'.padStart(6));
		expect(frame).toContain('t 6/12  CPU busy 100.0%  IO busy 33.3%');
		expect(frame).toContain('█ run  ░ ready  ≈ blocked  ◆ IO done  · done  ▓ switch');
		expect(
			frame
				.split('\n')
				.find((line) => line.startsWith('t ') && line.includes('▼'))!
				.indexOf('▼'),
		).toBe(4 + 5);
	});

	it('steps forward and back as the player does, updating the frame', () => {
		let player = forward(createPlayer(spec), 10);
		const {lastFrame, rerender} = show(player);
		expect(lane(lastFrame()!, 'P0')).toBe('████≈≈≈≈≈◆');
		expect(lane(lastFrame()!, 'P1')).toBe('░░░░████··');
		act(() => {
			player = apply(player, {type: 'step-back'}, {type: 'step-back'});
			rerender(<SimPane player={player} width={80} height={20} ascii={false} color={false} focused />);
		});
		expect(lane(lastFrame()!, 'P0')).toBe('████≈≈≈≈');
		expect(lastFrame()).toContain('t 8/12');
	});

	it('recomputes the timeline when a policy is toggled', () => {
		const player = forward(createPlayer(spec), 12);
		expect(show(player).lastFrame()).toContain('SWITCH_ON_IO · IO_RUN_IMMEDIATE');
		const onEnd = forward(apply(player, {type: 'toggle-switch'}), 16);
		const frame = show(onEnd).lastFrame()!;
		expect(frame).toContain('SWITCH_ON_END · IO_RUN_IMMEDIATE');
		expect(lane(frame, 'P1')).toBe('░░░░░░░░░░░░████');
		expect(lane(frame, 'CPU')).toBe('0000     0001111');
		expect(frame).toContain('t 16/16  CPU busy 68.8%');
	});

	it('shows the compare view: serial above multiprogrammed with both utilisations', () => {
		const player = forward(apply(createPlayer(spec), {type: 'toggle-compare'}), 16);
		const frame = show(player, {height: 24}).lastFrame()!;
		const serialAt = frame.indexOf('Serial (SWITCH_ON_END): t 16/16  CPU busy 68.8%  IO busy 31.2%');
		const multiAt = frame.indexOf('Multiprogrammed (SWITCH_ON_IO): t 12/12  CPU busy 91.7%  IO busy 41.7%');
		expect(serialAt).toBeGreaterThanOrEqual(0);
		expect(multiAt).toBeGreaterThan(serialAt);
		expect(frame.split('\n').filter((line) => line.startsWith('CPU '))).toHaveLength(2);
	});

	it('keeps both runs CPU and IO lanes in a short compare pane (one shared ruler, process lanes give way)', () => {
		const player = forward(apply(createPlayer(spec), {type: 'toggle-compare'}), 6);
		const lines = buildSimLines(player, {width: 52, height: 8, ascii: false, color: false, focused: true}).map((line) =>
			lineText(line),
		);
		expect(lines).toHaveLength(8);
		expect(lines.filter((line) => line.startsWith('CPU '))).toEqual(['CPU 0000'.padEnd(52), 'CPU 000011'.padEnd(52)]);
		expect(lines.filter((line) => line.startsWith('IO '))).toHaveLength(2);
		expect(lines.filter((line) => line.includes('▼'))).toHaveLength(1);
		expect(lines[2]).toMatch(/^Serial \(SWITCH_ON_END\)/u);
	});

	it('uses ASCII glyphs when asked, with no non-ASCII character', () => {
		const frame = show(forward(createPlayer(spec), 12), {ascii: true}).lastFrame()!;
		expect(frame).toMatch(/^[\x20-\x7e\n]*$/u);
		expect(lane(frame, 'P0')).toBe('####~~~~~*##');
		expect(frame).toContain('# run  - ready  ~ blocked  * IO done  . done  % switch');
	});

	it('colours every cell kind but never relies on colour alone', () => {
		const player = forward(createPlayer(parseSimSpec('-P c1,i,c1:c0:c2 -L 2 --switch-cost 1')), 9);
		const colored = buildSimLines(player, {width: 80, height: 20, ascii: false, color: true, focused: true});
		const plain = buildSimLines(player, {width: 80, height: 20, ascii: false, color: false, focused: true});
		// Without colour the text is identical: glyphs carry the meaning.
		expect(plain.map((line) => lineText(line))).toEqual(colored.map((line) => lineText(line)));
		expect(plain.flat().every((segment) => segment.color === undefined)).toBe(true);
		const colorOf = new Map(
			colored
				.flat()
				.filter((segment) => segment.color)
				.flatMap((segment) => [...segment.text].map((char) => [char, segment.color] as const)),
		);
		expect(colorOf.get('█')).toBe('green');
		expect(colorOf.get('░')).toBe('yellow');
		expect(colorOf.get('≈')).toBe('blue');
		expect(colorOf.get('◆')).toBe('magenta');
		expect(colorOf.get('·')).toBe('gray');
		expect(colorOf.get('▓')).toBe('red');
	});

	it('scrolls long runs with the current tick and never wraps a narrow pane', () => {
		const long = forward(createPlayer(parseSimSpec('-P c40,i,c30:c50 -L 4')), 100);
		const frame = show(long, {width: 30, height: 12}).lastFrame()!;
		const lines = frame.split('\n');
		expect(lines.every((line) => [...line].length <= 30)).toBe(true);
		expect(lines.length).toBeLessThanOrEqual(12);
		// The rightmost column is the current tick: the marker is in the last column of the ruler.
		const ruler = lines.find((line) => line.startsWith('t ') && line.includes('▼'))!;
		expect(ruler.indexOf('▼')).toBe(29);
		expect(frame).toContain('t 100/');
	});

	it('never exceeds its width or height, whatever the workload, tick and size', () => {
		fc.assert(
			fc.property(
				fc.integer({min: 0, max: simPresets.length - 1}),
				fc.integer({min: 0, max: 60}),
				fc.integer({min: 1, max: 120}),
				fc.integer({min: 1, max: 30}),
				fc.boolean(),
				fc.boolean(),
				(preset, ticks, width, height, ascii, compare) => {
					let player = forward(createPlayer(undefined, preset), ticks);
					if (compare) player = apply(player, {type: 'toggle-compare'});
					const lines = buildSimLines(player, {width, height, ascii, color: true, focused: true});
					expect(lines.length).toBeLessThanOrEqual(height);
					for (const line of lines) expect([...lineText(line)].length).toBeLessThanOrEqual(width);
				},
			),
			{numRuns: 200},
		);
	});

	it('keeps many processes within the height, saying how many are hidden', () => {
		const player = forward(
			createPlayer(parseSimSpec('-s 7 -l 3:50,3:50,3:50,3:50,3:50,3:50,3:50,3:50,3:50,3:50,3:50,3:50')),
			5,
		);
		const frame = show(player, {height: 10}).lastFrame()!;
		expect(frame.split('\n').length).toBeLessThanOrEqual(10);
		expect(frame).toMatch(/\+\d+ more processes/u);
		expect(show(player, {height: 30}).lastFrame()).toContain('P11 ');
	});
});

describe('the sim hosted pane and its store', () => {
	it('applies intents at once, keeps the player across unmounts and plays on a timer while shown', async () => {
		const store = new SimPlayerStore(parseSimSpec('-P c3,i,c2:c4'));
		const {Component, bindings, dispatch, textInput} = createSimHostedPane(undefined, store);
		expect(bindings.length).toBeGreaterThan(0);
		let instance!: ReturnType<typeof render>;
		act(() => {
			instance = render(<Component width={80} height={20} focused />);
		});
		mounted.push(instance);
		expect(instance.lastFrame()).toContain('t 0/12');
		// Three keys before any render: all three apply.
		act(() => {
			dispatch({type: 'step-forward'});
			dispatch({type: 'step-forward'});
			dispatch({type: 'step-forward'});
		});
		expect(store.getSnapshot().cursor).toBe(3);
		expect(instance.lastFrame()).toContain('t 3/12');
		// Editing is known synchronously, so the next key can be typed into the form.
		expect(textInput?.current()).toBeUndefined();
		act(() => dispatch({type: 'edit-start'}));
		expect(textInput?.current()?.text('c1')).toEqual({type: 'edit-input', text: 'c1'});
		act(() => dispatch({type: 'edit-cancel'}));
		// Unmounted and mounted again: the same player.
		act(() => instance.unmount());
		act(() => {
			instance = render(<Component width={80} height={20} focused />);
		});
		mounted.push(instance);
		expect(instance.lastFrame()).toContain('t 3/12');
		act(() => {
			for (let count = 0; count < 5; count++) dispatch({type: 'faster'});
		});
		act(() => dispatch({type: 'toggle-play'}));
		const deadline = Date.now() + 10_000;
		while (!instance.lastFrame()!.includes('t 12/12')) {
			if (Date.now() > deadline) throw new Error(`playback did not reach the end:\n${instance.lastFrame()}`);
			await act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
		}
		expect(instance.lastFrame()).toContain('‖ 32/s');
	});
});

describe('sim pane at projector widths (issue 10)', () => {
	it('wraps the settings header, the legend and the story by words instead of cutting them', () => {
		const player = createPlayer(parseSimSpec('-l 3:100,3:100 --quantum 2 --switch-cost 1'));
		const lines = buildSimLines(player, {width: 48, height: 14, ascii: false, color: false, focused: true}).map(
			(line) => lineText(line).trimEnd(),
		);
		const text = lines.join('\n');
		expect(lines.every((line) => [...line].length <= 48)).toBe(true);
		expect(text).toContain('quantum 2 · switch 1');
		expect(text).toContain('-l 3:100,3:100 --quantum 2 --switch-cost 1');
		for (const word of [
			'run',
			'ready',
			'blocked',
			'IO done',
			'done',
			'switch',
			'CPU: pid that ran',
			'IO: IOs in flight',
		]) {
			expect(text).toContain(word);
		}

		// The CPU-bound preset's explanation, in a 30-column pane: every word whole.
		const preset = apply(createPlayer(parseSimSpec('-l 5:100,5:100')), {type: 'next-preset'});
		const story = preset.story;
		expect(story.split(' ').length).toBeGreaterThan(5);
		const narrow = buildSimLines(preset, {width: 30, height: 30, ascii: false, color: false, focused: true})
			.map((line) => lineText(line).trim())
			.join(' ');
		for (const word of story.split(' ')) expect(narrow.split(/\s+/)).toContain(word);
	});

	it('keeps the header on one line when the rows are needed for the lanes', () => {
		const player = createPlayer(parseSimSpec('-l 3:100,3:100 --quantum 2 --switch-cost 1'));
		const lines = buildSimLines(player, {width: 48, height: 7, ascii: false, color: false, focused: true}).map((line) =>
			lineText(line),
		);
		expect(lines.filter((line) => line.startsWith('P'))).toHaveLength(2);
		expect(lines.filter((line) => line.startsWith('CPU'))).toHaveLength(1);
	});
});
