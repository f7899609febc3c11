import {EventEmitter} from 'node:events';
import {describe, expect, it, vi} from 'vitest';
import {watchTerminalGone} from '../../../source/ui/terminal/terminal-gone.js';

function streams() {
	return {stdin: new EventEmitter(), stdout: new EventEmitter()};
}

const errno = (code: string) => Object.assign(new Error(code), {code});

describe('watchTerminalGone', () => {
	it.each([
		['stdin ends (EOF: the pty was hung up)', (s: ReturnType<typeof streams>) => s.stdin.emit('end'), 'input ended'],
		['stdin closes', (s: ReturnType<typeof streams>) => s.stdin.emit('close'), 'input closed'],
		['stdin fails', (s: ReturnType<typeof streams>) => s.stdin.emit('error', errno('EIO')), 'input failed (EIO)'],
		[
			'a write to stdout fails with EIO',
			(s: ReturnType<typeof streams>) => s.stdout.emit('error', errno('EIO')),
			'output failed (EIO)',
		],
		[
			'a write to stdout fails with EPIPE',
			(s: ReturnType<typeof streams>) => s.stdout.emit('error', errno('EPIPE')),
			'output failed (EPIPE)',
		],
	])('calls onGone once when %s', (_, happen, why) => {
		const s = streams();
		const onGone = vi.fn();
		const watch = watchTerminalGone({...s, onGone, probe: () => {}});
		happen(s);
		happen(s);
		s.stdin.emit('end');
		expect(onGone).toHaveBeenCalledTimes(1);
		expect(onGone).toHaveBeenCalledWith(why);
		watch.dispose();
	});

	it('probes the terminal on a timer: a probe that fails with EIO (the controlling terminal lost) is gone too', () => {
		vi.useFakeTimers();
		try {
			const s = streams();
			const onGone = vi.fn();
			let broken = false;
			const watch = watchTerminalGone({
				...s,
				onGone,
				intervalMs: 100,
				probe() {
					if (broken) throw errno('EIO');
				},
			});
			vi.advanceTimersByTime(500);
			expect(onGone).not.toHaveBeenCalled();
			broken = true;
			vi.advanceTimersByTime(100);
			expect(onGone).toHaveBeenCalledWith('output failed (EIO)');
			watch.dispose();
		} finally {
			vi.useRealTimers();
		}
	});

	it('a probe that cannot write just now (EAGAIN) is not a lost terminal', () => {
		vi.useFakeTimers();
		try {
			const onGone = vi.fn();
			const watch = watchTerminalGone({
				...streams(),
				onGone,
				intervalMs: 100,
				probe() {
					throw errno('EAGAIN');
				},
			});
			vi.advanceTimersByTime(1000);
			expect(onGone).not.toHaveBeenCalled();
			watch.dispose();
		} finally {
			vi.useRealTimers();
		}
	});

	it('after dispose nothing is reported', () => {
		const s = streams();
		const onGone = vi.fn();
		watchTerminalGone({...s, onGone, probe: () => {}}).dispose();
		s.stdin.emit('end');
		expect(onGone).not.toHaveBeenCalled();
	});
});
