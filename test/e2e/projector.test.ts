import {afterEach, describe, expect, it} from 'vitest';
import {waitUntil} from '../helpers/wait.js';
import {TestTerminal} from './helpers/terminal.js';

let terminal: TestTerminal | undefined;

/** A pane's lines as one text: borders off, wrapped lines joined by a space. */
const flat = (screen: string) =>
	screen
		.split('\n')
		.map((line) => line.replace(/^[║│]|[║│]$/gu, '').trim())
		.join(' ')
		.replace(/\s+/gu, ' ');

afterEach(async () => {
	await terminal?.dispose();
	terminal = undefined;
});

// Issue 10: what teaches is readable at projector sizes, and keys work from where they are pressed.
describe('projector sizes, in a real terminal', () => {
	it.each([
		[80, 24],
		[100, 30],
	])(
		'at %ix%i: v from a session opens the simulator; zoomed, its settings, legend and explanation are whole',
		async (columns, rows) => {
			terminal = new TestTerminal(['--port', '0'], {columns, rows});
			await terminal.waitForText('Timeline: live processes');
			// Focus starts on session #1, which does not claim v: the timeline takes it (and the focus).
			await terminal.type('v');
			await terminal.waitForText('Timeline: simulator');
			await terminal.waitForText(/^ timeline /m);
			// The round-robin preset has the longest header (quantum and switch cost) and explanation.
			for (let preset = 0; preset < 4; preset++) await terminal.type('p');
			await terminal.type('z');
			// Zoomed: the server pane is gone and the simulator has the screen, with its explanation (it may wrap, by
			// words: read the pane's lines as one text). Awaited whole: a busy machine can show a frame half drawn.
			const explanation = 'time slices of 1 and a 1-tick switch: multiplexing CPU-bound jobs loses to serial';
			const zoomed = /^(?![\s\S]*Server \(pid)[\s\S]*CPU hogs, round robin/u;
			let shown = '';
			const screen = await waitUntil(
				async () => {
					shown = await terminal!.screen();
					const whole = [/quantum 1/, /switch 1/, /CPU: pid that ran/, /IO: IOs in flight/].every((part) =>
						part.test(shown),
					);
					return zoomed.test(shown) && flat(shown).includes(explanation) && whole && shown;
				},
				'the zoomed simulator shows the round-robin preset and its explanation',
				{state: () => `screen:\n${shown}`},
			);
			expect(flat(screen)).toContain(explanation);
			expect(screen).toMatch(/quantum 1/);
			expect(screen).toMatch(/switch 1/);
			expect(screen).toContain('CPU: pid that ran');
			expect(screen).toContain('IO: IOs in flight');
			// Back to the live view (past the scheduler and the experiment), zoomed: its legend is whole, and the
			// lanes say why processes lost the CPU.
			await terminal.type('v', 'v', 'v');
			await terminal.waitForText(/measured: █ run(ning)? +░ runnable.*≈ sleep.*× exited/);
			// The reasons come with the sampler's first switch counts, which can be a few ticks behind the legend.
			await terminal.waitForText(/preempted|blocked/);
			await terminal.type('q');
			expect((await terminal.waitForExit()).exitCode).toBe(0);
		},
	);
});

describe('w in a real terminal', () => {
	it('adds a running process to the live timeline by its PID, and says so when no such process exists', async () => {
		const {spawn} = await import('node:child_process');
		const sleeper = spawn('sleep', ['60'], {stdio: 'ignore'});
		try {
			terminal = new TestTerminal(['--port', '0', '--sessions', '0'], {columns: 160, rows: 45});
			await terminal.waitForText('Timeline: live processes');
			await terminal.type('w');
			await terminal.waitForText('PID: _');
			await terminal.type(`${sleeper.pid}\r`);
			await terminal.waitForText(new RegExp(`watching PID ${sleeper.pid}`));
			await terminal.waitForText(new RegExp(`sleep ${sleeper.pid} +[█░≈▒▁]`));
			await terminal.type('w9999998\r');
			await terminal.waitForText('w: no process with PID 9999998');
			await terminal.type('q');
			expect((await terminal.waitForExit()).exitCode).toBe(0);
		} finally {
			sleeper.kill('SIGKILL');
		}
	});
});

describe('help and keys at 80x24 in a real terminal', () => {
	it('v with the server focused switches the view; ? shows every entry whole, page by page', async () => {
		terminal = new TestTerminal(['--port', '0'], {columns: 80, rows: 24});
		await terminal.waitForText('Timeline: live processes');
		// Session #1 -> timeline -> server.
		await terminal.type('\u001B[Z');
		await terminal.waitForText(/^ timeline /m);
		await terminal.type('\u001B[Z');
		await terminal.waitForText(/^ server /m);
		await terminal.type('v');
		await terminal.waitForText('Timeline: simulator');
		await terminal.type('?');
		const first = await terminal.waitForText(/page 1\/(\d+)/);
		const pages = Number(/page 1\/(\d+)/.exec(first)![1]);
		const seen: string[] = [flat(first)];
		for (let page = 2; page <= pages; page++) {
			await terminal.type(' ');
			seen.push(flat(await terminal.waitForText(`page ${page}/${pages}`)));
		}

		const text = seen.join(' ');
		for (const entry of [
			'close this session (x again: the next one; exited: remove it)',
			'watch a process by PID in the live timeline (its threads and children too)',
			'zoom: the focused pane gets the whole screen (z again: back)',
		]) {
			for (const word of entry.split(' ')) expect(text.split(' '), entry).toContain(word);
		}

		await terminal.type('q');
		expect((await terminal.waitForExit()).exitCode).toBe(0);
	});
});
