import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {TooSmall} from '../../../source/ui/components/too-small.js';
import {wrapWords} from '../../../source/ui/wrap-words.js';

function shown(columns: number, rows: number): string[] {
	const {lastFrame, unmount} = render(<TooSmall columns={columns} rows={rows} />);
	const frame = lastFrame() ?? '';
	unmount();
	return frame.split('\n');
}

describe('TooSmall', () => {
	it.each([
		[40, 10],
		[20, 5],
		[59, 20],
	])('at %ix%i the whole message is shown, wrapped by words, centred, within the frame', (columns, rows) => {
		const frame = shown(columns, rows);
		expect(frame.length).toBeLessThanOrEqual(rows - 1);
		const text = frame.map((line) => line.trim()).filter(Boolean);
		expect(text.join(' ')).toBe(`terminal too small: need 60x16, have ${columns}x${rows} (q quits)`);
		for (const line of frame) {
			expect(line.length).toBeLessThanOrEqual(columns);
			if (line.trim() === '') continue;
			const left = line.length - line.trimStart().length;
			const right = columns - line.trimEnd().length;
			expect(Math.abs(left - right)).toBeLessThanOrEqual(1);
		}
	});

	it('leaves out "(q quits)" before any of the message when rows are short', () => {
		const text = shown(20, 4)
			.map((line) => line.trim())
			.filter(Boolean);
		expect(text.join(' ')).toBe('terminal too small: need 60x16, have 20x4');
	});
});

describe('wrapWords', () => {
	it('breaks between words, and inside a word only when it is wider than the screen', () => {
		expect(wrapWords('terminal too small: need 60x16, have 40x10', 40)).toEqual([
			'terminal too small: need 60x16, have',
			'40x10',
		]);
		expect(wrapWords('aa bbbbbbb c', 3)).toEqual(['aa', 'bbb', 'bbb', 'b c']);
	});
});
