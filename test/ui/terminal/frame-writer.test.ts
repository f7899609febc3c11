import {EventEmitter} from 'node:events';
import xterm from '@xterm/headless';
import {describe, expect, it} from 'vitest';
import {FrameWriter} from '../../../source/ui/terminal/frame-writer.js';

const eraseLines = (count: number) => {
	let clear = '';
	for (let index = 0; index < count; index++) clear += `\u001B[2K${index < count - 1 ? '\u001B[1A' : ''}`;
	return count > 0 ? `${clear}\u001B[G` : '';
};

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

/** Drives the writer exactly as Ink 6.8's log-update does: erase the previous frame, write the next + '\n'. */
function inkLike(writer: FrameWriter) {
	let previousLineCount = 0;
	return (frame: string) => {
		writer.write(eraseLines(previousLineCount) + frame + '\n');
		previousLineCount = frame.split('\n').length + 1;
	};
}

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
		expect(terminal.written.at(-1)).toBe('\u001B[6;8Hchanged\u001B[K');
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
		expect(terminal.written.at(-1)!.startsWith('\u001B[H\u001B[2J')).toBe(true);
		expect((await terminal.screen()).slice(0, 3)).toEqual(['a', 'b', '']);
	});

	it('treats a clear-terminal frame (Ink after a shrink) as a full repaint', async () => {
		const terminal = new FakeTerminal();
		const writer = new FrameWriter(terminal);
		writer.write('x\ny\nz\n');
		writer.write('\u001B[2J\u001B[3J\u001B[Hp\nq');
		expect((await terminal.screen()).slice(0, 3)).toEqual(['p', 'q', '']);
	});

	it('sends a frame and its synchronized-output markers as one write, and nothing for an unchanged frame', async () => {
		const terminal = new FakeTerminal();
		const writer = new FrameWriter(terminal);
		const draw = inkLike(writer);
		const synchronized = (frame: string) => {
			writer.write('\u001B[?2026h');
			draw(frame);
			writer.write('\u001B[?2026l');
		};

		synchronized('a\nb');
		synchronized('a\nB');
		expect(terminal.written).toHaveLength(2);
		expect(terminal.written[1]).toBe('\u001B[?2026h\u001B[2;1HB\u001B[K\u001B[?2026l');
		const bytes = writer.bytesWritten;
		synchronized('a\nB');
		expect(terminal.written).toHaveLength(2);
		expect(writer.bytesWritten).toBe(bytes);
		expect((await terminal.screen()).slice(0, 3)).toEqual(['a', 'B', '']);
	});

	it('does not hold back output when a begin-sync marker is never closed', async () => {
		const terminal = new FakeTerminal();
		const writer = new FrameWriter(terminal);
		writer.write('\u001B[?2026h');
		writer.write('x\n');
		expect(terminal.written).toHaveLength(0);
		await Promise.resolve();
		expect(terminal.written.join('')).toContain('x');
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
