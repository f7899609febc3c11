import {EventEmitter} from 'node:events';
import xterm from '@xterm/headless';
import {Box, render, Text, type RenderOptions} from 'ink';
import {createElement, type ReactNode} from 'react';
import {describe, expect, it} from 'vitest';
import {FrameWriter} from '../../../source/ui/terminal/frame-writer.js';

class FakeTerminal extends EventEmitter {
	columns = 40;
	rows = 10;
	written: string[] = [];
	term = new xterm.Terminal({cols: 40, rows: 10, allowProposedApi: true});
	write(data: string) {
		this.written.push(data);
		this.term.write(data);
	}

	async screen(): Promise<string[]> {
		await new Promise<void>((resolve) => {
			this.term.write('', resolve);
		});
		const lines: string[] = [];
		for (let row = 0; row < this.term.rows; row++)
			lines.push(this.term.buffer.active.getLine(row)!.translateToString(true));
		return lines;
	}
}

/** Hands the writer frames as our patch to Ink does (patches/ink+6.8.0.patch): the lines joined by '\n'. */
function inkLike(writer: FrameWriter) {
	return (frame: string) => {
		writer.writeFrame(frame);
	};
}

const beginSync = '\u001B[?2026h';
const endSync = '\u001B[?2026l';

describe('FrameWriter', () => {
	it('draws each frame so the screen shows exactly that frame', async () => {
		const terminal = new FakeTerminal();
		const writer = new FrameWriter(terminal);
		const draw = inkLike(writer);
		const frames = [
			['alpha', 'beta', 'gamma', 'delta'],
			['alpha', 'BETA changed', 'gamma', 'delta'],
			['short'],
			['one', '\u001B[32mtwo green\u001B[39m', 'three', 'four', 'five'],
			['one', 'two', 'three', 'four', 'five!'],
		];
		for (const frame of frames) {
			draw(frame.join('\n'));

			const screen = await terminal.screen();
			expect(screen.slice(0, frame.length)).toEqual(frame.map((line) => line.replaceAll(/\u001B\[\d+m/g, '')));
			expect(screen.slice(frame.length).every((line) => line === '')).toBe(true);
		}
	});

	it('writes only the lines that changed', () => {
		const terminal = new FakeTerminal();
		const writer = new FrameWriter(terminal);
		const draw = inkLike(writer);
		const base = Array.from({length: 8}, (_, index) => `line ${index} ${'x'.repeat(30)}`);
		draw(base.join('\n'));
		const before = writer.bytesWritten;
		draw(base.map((line, index) => (index === 5 ? 'line 5 changed' : line)).join('\n'));
		const delta = writer.bytesWritten - before;
		expect(delta).toBeLessThan(40);
		expect(terminal.written.at(-1)).toBe(`${beginSync}\u001B[6;8Hchanged\u001B[K${endSync}`);
		const unchanged = writer.bytesWritten;
		draw(base.map((line, index) => (index === 5 ? 'line 5 changed' : line)).join('\n'));
		expect(writer.bytesWritten).toBe(unchanged);
	});

	it('repaints everything after a resize and passes other writes through', async () => {
		const terminal = new FakeTerminal();
		const writer = new FrameWriter(terminal);
		let resized = 0;
		writer.on('resize', () => resized++);
		const draw = inkLike(writer);
		draw('a\nb');
		writer.write('\u001B[?25l');
		expect(terminal.written.at(-1)).toBe('\u001B[?25l');
		terminal.columns = 30;
		terminal.emit('resize');
		expect(resized).toBe(1);
		expect(writer.columns).toBe(30);
		draw('a\nb');
		expect(terminal.written.at(-1)!.startsWith(`${beginSync}\u001B[H\u001B[2J`)).toBe(true);
		expect((await terminal.screen()).slice(0, 3)).toEqual(['a', 'b', '']);
	});

	it('draws the next frame in full when Ink says it erased its frame (no frame handed over)', async () => {
		const terminal = new FakeTerminal();
		const writer = new FrameWriter(terminal);
		writer.writeFrame('x\ny\nz');
		// Something else was written over the frame (Ink erases its frame first and says so).
		writer.writeFrame();
		writer.write('noise\nnoise');
		writer.writeFrame('x\nq');
		expect(terminal.written.at(-1)!.startsWith(`${beginSync}\u001B[H\u001B[2J`)).toBe(true);
		expect((await terminal.screen()).slice(0, 3)).toEqual(['x', 'q', '']);
	});

	it('sends a frame inside synchronized-output markers as one write, and nothing for an unchanged frame', async () => {
		const terminal = new FakeTerminal();
		const writer = new FrameWriter(terminal);
		const draw = inkLike(writer);
		draw('a\nb');
		draw('a\nB');
		expect(terminal.written).toHaveLength(2);
		expect(terminal.written[1]).toBe(`${beginSync}\u001B[2;1HB\u001B[K${endSync}`);
		const bytes = writer.bytesWritten;
		draw('a\nB');
		expect(terminal.written).toHaveLength(2);
		expect(writer.bytesWritten).toBe(bytes);
		expect((await terminal.screen()).slice(0, 3)).toEqual(['a', 'B', '']);
	});

	it('counts every byte it hands the terminal, frames and pass-through writes alike', () => {
		const terminal = new FakeTerminal();
		const writer = new FrameWriter(terminal);
		writer.write('\u001B[?25l');
		writer.writeFrame('\u00e9t\u00e9');
		expect(writer.bytesWritten).toBe(terminal.written.reduce((sum, chunk) => sum + Buffer.byteLength(chunk), 0));
	});
});

describe('FrameWriter in ASCII mode', () => {
	it("turns Ink's truncation ellipsis into one ASCII column, so --ascii output is ASCII only", async () => {
		const terminal = new FakeTerminal();
		const draw = inkLike(new FrameWriter(terminal, {ascii: true}));
		draw('a shortened fiel\u2026\nnext line');
		const screen = await terminal.screen();
		expect(screen[0]).toBe('a shortened fiel>');
		expect(terminal.written.join('')).toMatch(/^[\x00-\x7f]*$/u);
		// Without ASCII mode the ellipsis stays.
		const plain = new FakeTerminal();
		inkLike(new FrameWriter(plain))('a shortened fiel\u2026');
		expect((await plain.screen())[0]).toBe('a shortened fiel\u2026');
	});
});

describe('FrameWriter under Ink (patched as it ships, see patches/ink+6.8.0.patch)', () => {
	/** Mounts `tree` the way source/ui/render-dashboard.ts does: Ink hands its frames to writer.writeFrame. */
	function mount(writer: FrameWriter, tree: ReactNode) {
		// Typed like render-dashboard.ts's options: the types check before the patch is applied too.
		const options: RenderOptions & {writeFrame: (frame?: string) => void} = {
			stdout: writer as unknown as NodeJS.WriteStream,
			writeFrame: writer.writeFrame,
			stdin: new EventEmitter() as unknown as NodeJS.ReadStream,
			patchConsole: false,
			exitOnCtrlC: false,
			maxFps: 0,
		};
		return render(tree, options);
	}

	const rows = (lines: string[]) =>
		createElement(
			Box,
			{flexDirection: 'column'},
			...lines.map((line, index) => createElement(Text, {key: index}, line)),
		);

	it('gets the lines from Ink and writes each changed frame once, with no erase-lines escapes', async () => {
		const terminal = new FakeTerminal();
		const writer = new FrameWriter(terminal);
		const instance = mount(writer, rows(['alpha', 'beta', 'gamma']));
		const first = terminal.written.length;
		instance.rerender(rows(['alpha', 'BETA', 'gamma']));
		expect(terminal.written.slice(first)).toEqual([`${beginSync}\u001B[2;1HBETA\u001B[K${endSync}`]);
		instance.rerender(rows(['alpha', 'BETA', 'gamma']));
		expect(terminal.written).toHaveLength(first + 1);
		expect((await terminal.screen()).slice(0, 4)).toEqual(['alpha', 'BETA', 'gamma', '']);
		instance.unmount();
		// log-update's erase escapes (ESC[2K, ESC[1A) never reach the terminal.
		expect(terminal.written.join('')).not.toMatch(/\u001B\[(?:2K|1A)/);
	});

	it('repaints in full after the terminal gets narrower (Ink says it erased the frame)', async () => {
		const terminal = new FakeTerminal();
		const writer = new FrameWriter(terminal);
		const instance = mount(writer, rows(['one', 'two']));
		const before = terminal.written.length;
		terminal.columns = 30;
		terminal.emit('resize');
		// Ink draws the frame again at once; the writer draws it in full on a cleared screen.
		expect(terminal.written).toHaveLength(before + 1);
		expect(terminal.written.at(-1)!.startsWith(`${beginSync}\u001B[H\u001B[2J`)).toBe(true);
		instance.rerender(rows(['one', 'two!']));
		expect(terminal.written.at(-1)).toBe(`${beginSync}\u001B[2;4H!\u001B[K${endSync}`);
		expect((await terminal.screen()).slice(0, 3)).toEqual(['one', 'two!', '']);
		instance.unmount();
	});

	it("turns Ink's own truncation mark into ASCII in ASCII mode", async () => {
		const terminal = new FakeTerminal();
		const writer = new FrameWriter(terminal, {ascii: true});
		const instance = mount(
			writer,
			createElement(Box, {width: 10}, createElement(Text, {wrap: 'truncate-end'}, 'a shortened field')),
		);
		expect((await terminal.screen())[0]).toBe('a shorten>');
		expect(terminal.written.join('')).toMatch(/^[\x00-\x7f]*$/u);
		instance.unmount();
	});
});
