import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {
	LiveTimelinePane,
	type LiveTimelinePaneProps,
} from '../../../../source/ui/panes/live-timeline/live-timeline-pane.js';
import {asciiLiveGlyphs, unicodeLiveGlyphs} from '../../../../source/ui/panes/live-timeline/live-glyphs.js';
import {buildTimelineLines, lineText} from '../../../../source/ui/panes/live-timeline/timeline-lines.js';
import {displayWidth} from '../../../../source/core/text/display-width.js';
import {cells} from '../../helpers/border-cells.js';
import {pids, sampleSnapshot} from './fixture.js';

function frameOf(props: LiveTimelinePaneProps): string {
	const {lastFrame, unmount} = render(<LiveTimelinePane {...props} />);
	const frame = lastFrame() ?? '';
	unmount();
	return frame;
}

const base = {ascii: false, color: false, focused: false} as const;

describe('LiveTimelinePane', () => {
	it('a Chinese lane label takes its columns: the lanes stay aligned and within the width', async () => {
		const snapshot = await sampleSnapshot({serverLabel: '服务端进程'});
		for (const width of [40, 60, 100]) {
			const lines = frameOf({...base, snapshot, width, height: 18}).split('\n');
			for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
			const server = lines.find((line) => line.startsWith('A 服务端'))!;
			// The label column is sized in columns, not characters: the whole name and its PID fit (issue 24).
			if (width >= 60) expect(server).toContain(`A 服务端进程 ${pids.server}`);
			const hog = lines.find((line) => line.startsWith('C hog'))!;
			const firstCell = (line: string) => cells(line).findIndex((cell) => /[▁█▒≈░]/u.test(cell));
			expect(firstCell(server), server).toBe(firstCell(hog));
		}
	});

	it('shows one lane per process with label and PID, its self-reported phases apart, core lanes and a legend', async () => {
		const snapshot = await sampleSnapshot();
		const frame = frameOf({...base, snapshot, width: 100, height: 18});
		const lines = frame.split('\n');
		expect(lines[0]).toMatch(/^measured: \/proc \(main thread\) · 100 ms\/column/);
		const server = lines.find((line) => line.includes(`A server ${pids.server}`))!;
		// Asleep most of each column, but it ran a little in every one: the "ran part" mark, not plain sleep.
		expect(server).toMatch(/▁{20,} S {2}15% sleep {3}vol 90\+3 inv 0$/);
		const session = lines.find((line) => line.includes(`B S1 tcp ${pids.session}`))!;
		// Mostly runnable while computing on a shared core, yet it ran part of each column (▒); asleep while waiting.
		expect(session).toContain('▒▒▒≈≈≈');
		const selfReported = lines[lines.indexOf(session) + 1]!;
		expect(selfReported).toMatch(/^ {2}↳ self-rep\. +(cccwww)+ says: waiting for reply$/);
		expect(lines.find((line) => line.includes(`C hog ${pids.hog}`))).toMatch(/█{20,} R 100% run/);
		expect(lines.find((line) => line.includes(`D S2 udp ${pids.gone}`))).toMatch(/≈××××× exited$/);
		expect(lines.find((line) => line.startsWith('cpu0'))).toMatch(/·{20,} now: idle$/);
		expect(lines.find((line) => line.startsWith('cpu1'))).toMatch(/C{20,} now: C \(PID 6161\)$/);
		expect(frame).toContain('measured: █ running  ░ runnable (waiting for a CPU)  ≈ sleeping (IO or event)  × exited');
		expect(frame).toContain('self-reported: c computing  w waiting for reply  i idle');
	});

	it('puts the newest tick on the right and scrolls older ones off the left', async () => {
		const snapshot = await sampleSnapshot({ticks: 200, goneAtTick: 190});
		const lines = frameOf({...base, snapshot, width: 60, height: 12}).split('\n');
		const gone = lines.find((line) => line.includes('S2 udp'))!;
		// 200 ticks do not fit: the lane is full width and ends with the 10 exited ticks.
		expect(gone).toMatch(/≈{10,}×{10} exited/);
	});

	it('drops the lane of an exited process once only "exited" is left in view', async () => {
		const snapshot = await sampleSnapshot({ticks: 120, goneAtTick: 20});
		expect(frameOf({...base, snapshot, width: 100, height: 14})).not.toContain('S2 udp');
		expect(frameOf({...base, snapshot, width: 100, height: 14})).toContain('S1 tcp');
	});

	it('uses only ASCII with ascii on, and distinct glyphs per state in both glyph sets', async () => {
		const snapshot = await sampleSnapshot();
		const frame = frameOf({...base, ascii: true, snapshot, width: 100, height: 14});
		expect([...frame].every((char) => char.charCodeAt(0) < 0x80)).toBe(true);
		expect(frame).toContain('measured: # running  - runnable (waiting for a CPU)  ~ sleeping (IO or event)  x exited');
		for (const glyphs of [asciiLiveGlyphs, unicodeLiveGlyphs]) {
			const cells = [glyphs.cell.running, glyphs.cell.runnable, glyphs.cell.sleeping, glyphs.cell.exited];
			const phases = Object.values(glyphs.phase);
			expect(new Set([...cells, ...phases]).size).toBe(cells.length + phases.length);
		}
	});

	it('colours cells only when colour is on, and the text is the same either way', async () => {
		// Checked on the lines (Ink's chalk prints no colour codes when the test's stdout is not a terminal).
		const snapshot = await sampleSnapshot();
		const options = {width: 100, height: 14, ascii: false, focused: false};
		const plain = buildTimelineLines(snapshot, {...options, color: false});
		const coloured = buildTimelineLines(snapshot, {...options, color: true});
		expect(plain.flat().some((segment) => segment.color !== undefined)).toBe(false);
		expect(coloured.map(lineText)).toEqual(plain.map(lineText));
		const colourOf = (glyph: string) =>
			new Set(
				coloured
					.flat()
					.filter((segment) => segment.text.startsWith(glyph))
					.map((segment) => segment.color),
			);
		expect(colourOf('█')).toEqual(new Set(['green']));
		expect(colourOf('░')).toEqual(new Set(['yellow']));
		expect(colourOf('≈')).toEqual(new Set(['blue']));
		expect(colourOf('×')).toEqual(new Set(['gray']));
	});

	// One test per glyph set: 84 sizes each (168 renders in one test ran past the test timeout on a busy machine).
	it.each(['UTF-8', 'ASCII'])('never draws more than width x height, at any size, in %s', async (glyphs) => {
		const snapshot = await sampleSnapshot({extra: 6});
		for (const width of [1, 5, 12, 20, 33, 40, 56, 71, 80, 99, 100, 140]) {
			for (const height of [1, 2, 3, 5, 8, 12, 30]) {
				const frame = frameOf({
					...base,
					ascii: glyphs === 'ASCII',
					focused: true,
					oneCpuNote: 'one CPU: pinned to CPU 1',
					snapshot,
					width,
					height,
				});
				const lines = frame.split('\n');
				expect(lines.length, `${width}x${height}`).toBeLessThanOrEqual(height);
				for (const line of lines) expect([...line].length, `${width}x${height}: ${line}`).toBeLessThanOrEqual(width);
			}
		}
	});

	it('says how many processes it could not fit instead of cutting them silently', async () => {
		const snapshot = await sampleSnapshot({extra: 6});
		const frame = frameOf({...base, snapshot, width: 100, height: 6});
		expect(frame).toMatch(/\+\d+ more processes \(enlarge the terminal\)/);
		const shown = frame.split('\n').filter((line) => / \d{4}\s/.test(line)).length;
		const more = Number(/\+(\d+) more/.exec(frame)![1]);
		expect(shown + more).toBe(10);
	});

	it('says what is not measured with the ps fallback, marks averages, and shows pause and the one-CPU note', async () => {
		const snapshot = await sampleSnapshot({
			capabilities: {
				source: 'ps',
				cpuPercentIsAverage: true,
				runQueueWait: false,
				notes: [{code: 'psOnly'}],
			},
		});
		const frame = frameOf({
			...base,
			snapshot: {...snapshot, paused: true},
			width: 120,
			height: 16,
			oneCpuNote: 'one CPU unavailable: taskset not found',
		});
		expect(frame.split('\n')[0]).toMatch(
			/^PAUSED measured: ps \(CPU % is an average\) · 100 ms\/column · one CPU unavailable: taskset not found/,
		);
		expect(frame).toContain('not measured: no /proc: CPU % from ps (an average)');
		expect(frame).toMatch(/R 100%~ run/);
	});

	it('says so when nothing is watched yet', async () => {
		const snapshot = {...(await sampleSnapshot({ticks: 1})), processes: []};
		expect(frameOf({...base, snapshot, width: 80, height: 10})).toContain('no processes watched yet');
	});

	it('with lane memory on (tour step 9), each process lane shows its memory on its own row, at 80x24 and 100x30 widths', async () => {
		const measured = await sampleSnapshot();
		const memory = [12_345_678, 45_600_000, 9_870_000];
		const snapshot = {
			...measured,
			processes: measured.processes.map((lane, index) => ({
				...lane,
				latest: {...lane.latest, rssBytes: 50e6, ...(memory[index] === undefined ? {} : {pssBytes: memory[index]})},
			})),
		};
		for (const width of [38, 48]) {
			const lines = frameOf({...base, snapshot, width, height: 8, laneMemory: true}).split('\n');
			for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
			expect(lines.find((line) => line.startsWith('A server'))).toContain(' 12 MB ');
			expect(lines.find((line) => line.startsWith('B S1'))).toContain(' 46 MB ');
			expect(lines.find((line) => line.startsWith('C hog'))).toContain(' 9.9 MB ');
		}

		expect(frameOf({...base, snapshot, width: 38, height: 8})).not.toContain('12 MB');
	});
});
