import xterm from '@xterm/headless';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {lineUpdate} from '../../../source/ui/terminal/line-diff.js';

async function paint(lines: string[]): Promise<{text: string; cells: string[]}> {
	const term = new xterm.Terminal({cols: 40, rows: 2, allowProposedApi: true});
	await new Promise<void>((resolve) => {
		term.write(lines.join(''), resolve);
	});
	const line = term.buffer.active.getLine(0)!;
	const cells: string[] = [];
	for (let column = 0; column < 40; column++) {
		const cell = line.getCell(column)!;
		cells.push(
			`${cell.getChars()}|${cell.getFgColor()}|${cell.getBgColor()}|${cell.isBold()}|${cell.isDim()}|${cell.isItalic()}|${cell.isInverse()}`,
		);
	}

	term.dispose();
	return {text: line.translateToString(true), cells};
}

/** Draws `previous`, then applies the update; the screen must equal drawing `next` from scratch. */
async function check(previous: string, next: string): Promise<void> {
	const update = lineUpdate(previous, next);
	const incremental = await paint([
		`\u001B[1;1H${previous}\u001B[0m\u001B[K`,
		`\u001B[1;${update.column + 1}H${update.text}${update.eraseRest ? '\u001B[K' : ''}`,
	]);
	const fresh = await paint([`\u001B[1;1H${next}\u001B[0m\u001B[K`]);
	expect(incremental).toEqual(fresh);
}

describe('lineUpdate', () => {
	it('skips an unchanged prefix and keeps colours of the rewritten part', async () => {
		const previous = '│server 1 conn   ││\u001B[32mA █≈≈\u001B[39m';
		const next = '│server 1 conn   ││\u001B[32mA ≈█≈\u001B[39m';
		const update = lineUpdate(previous, next);
		expect(update.column).toBe(21);
		expect(update.text.startsWith('\u001B[32m')).toBe(true);
		await check(previous, next);
	});

	it('rewrites from a wide character on (its width is not assumed)', async () => {
		const previous = '中文 abc';
		const next = '中文 abd';
		expect(lineUpdate(previous, next).column).toBe(0);
		await check(previous, next);
	});

	it('leaves an unchanged tail alone (the pane on the right of a changed one)', async () => {
		const previous = '│in 1 msg│\u001B[34m≈≈≈█≈≈\u001B[39m│';
		const next = '│in 2 msg│\u001B[34m≈≈≈█≈≈\u001B[39m│';
		const update = lineUpdate(previous, next);
		expect(update).toEqual({column: 4, text: '2', eraseRest: false});
		await check(previous, next);
	});

	it('drops style changes that precede no character', () => {
		expect(
			lineUpdate('', '\u001B[90m\u001B[39m\u001B[1m\u001B[36m\u001B[39m\u001B[22m\u001B[32mab\u001B[39m').text,
		).toBe('\u001B[32mab\u001B[0m');
	});

	it('never splits an escape sequence', async () => {
		await check('ab\u001B[31mcd\u001B[39m', 'ab\u001B[32mcd\u001B[39m');
		await check('ab\u001B[1mcd\u001B[22m', 'ab\u001B[1mce\u001B[22m');
	});

	it('matches a full repaint for random styled lines', async () => {
		const piece = fc.constantFrom(
			'a',
			'b',
			'─',
			'█',
			'中',
			' ',
			'\u001B[32m',
			'\u001B[39m',
			'\u001B[1m',
			'\u001B[22m',
			'\u001B[0m',
			'\u001B[2m',
			'\u001B[7m',
			'\u001B[27m',
			'\u001B[44m',
			'\u001B[49m',
			'\u001B[38;5;208m',
			'\u001B[3m',
			'\u001B[23m',
		);
		const line = fc.array(piece, {maxLength: 14}).map((parts) => parts.join(''));
		await fc.assert(
			fc.asyncProperty(line, line, async (previous, next) => {
				await check(previous, next);
			}),
			{numRuns: 150},
		);
	});
});
