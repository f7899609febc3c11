import {writeSync} from 'node:fs';

interface Emitter {
	on(event: string, listener: (...args: unknown[]) => void): unknown;
	off(event: string, listener: (...args: unknown[]) => void): unknown;
}

export interface TerminalGoneOptions {
	stdin: Emitter;
	stdout: Emitter & {fd?: number};
	/** Called once, with why, when the terminal is gone. */
	onGone: (why: string) => void;
	/** How often the terminal is probed (default 250 ms: the dashboard exits well within a second). */
	intervalMs?: number;
	/** Throws when the terminal is gone; by default a write of zero bytes to stdout's fd. */
	probe?: () => void;
}

/** Errors that say the terminal itself is gone (a hung-up tty answers every write with EIO). */
const goneCodes = new Set(['EIO', 'EPIPE', 'EBADF', 'ENXIO', 'ENOTTY', 'ECONNRESET']);

/**
 * Notices that the dashboard's terminal is gone when no SIGHUP says so (a dashboard started with `setsid`,
 * or in a new session by `su`, has no controlling terminal: closing its pane hangs the tty up without a
 * signal): its input ends or fails, a write fails with EIO or EPIPE, or a zero-byte write on a timer does
 * (so a paused dashboard that writes nothing notices too). `onGone` is called once; the stream errors stay
 * swallowed until dispose.
 */
export function watchTerminalGone(options: TerminalGoneOptions): {dispose(): void} {
	let reported = false;
	const gone = (why: string) => {
		if (reported) return;
		reported = true;
		options.onGone(why);
	};

	const code = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown';
	const onEnd = () => gone('input ended');
	const onClose = () => gone('input closed');
	const onInputError = (error: unknown) => gone(`input failed (${code(error)})`);
	const onOutputError = (error: unknown) => gone(`output failed (${code(error)})`);
	const probe =
		options.probe ??
		(() => {
			if (options.stdout.fd !== undefined) writeSync(options.stdout.fd, '');
		});
	const timer = setInterval(() => {
		try {
			probe();
		} catch (error: unknown) {
			if (goneCodes.has(code(error))) onOutputError(error);
		}
	}, options.intervalMs ?? 250);
	timer.unref();

	options.stdin.on('end', onEnd);
	options.stdin.on('close', onClose);
	options.stdin.on('error', onInputError);
	options.stdout.on('error', onOutputError);
	return {
		dispose() {
			reported = true;
			clearInterval(timer);
			options.stdin.off('end', onEnd);
			options.stdin.off('close', onClose);
			options.stdin.off('error', onInputError);
			options.stdout.off('error', onOutputError);
		},
	};
}
