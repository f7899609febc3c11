import {writeSync} from 'node:fs';

/** Alternate screen on, cursor hidden (Ink 6.8 has no option for the alternate screen). */
export const enterScreenSequence = '\u001B[?1049h\u001B[H\u001B[2J\u001B[?25l';
/** Attributes reset, cursor shown, alternate screen off: the terminal as the shell left it. */
export const leaveScreenSequence = '\u001B[0m\u001B[?25h\u001B[?1049l';

export interface ScreenGuard {
	/** Idempotent and synchronous, so it is safe from 'exit', signal and crash handlers. */
	restore(): void;
	readonly restored: boolean;
}

interface GuardStreams {
	stdin: {isTTY?: boolean; setRawMode?: (mode: boolean) => unknown};
	stdout: {fd?: number; write(data: string): unknown};
}

/** Enters the alternate screen and returns the one function that leaves it. */
export function enterScreen(streams: GuardStreams): ScreenGuard {
	const write = (data: string) => {
		try {
			// Synchronous: an exit handler cannot wait for a stream to drain.
			if (streams.stdout.fd === undefined) streams.stdout.write(data);
			else writeSync(streams.stdout.fd, data);
		} catch {
			// The terminal may be gone (SIGHUP after an SSH drop): nothing left to restore.
		}
	};

	write(enterScreenSequence);
	let restored = false;
	return {
		get restored() {
			return restored;
		},
		restore() {
			if (restored) return;
			restored = true;
			try {
				if (streams.stdin.isTTY) streams.stdin.setRawMode?.(false);
			} catch {
				// The terminal is gone (SIGHUP): there is no mode left to restore.
			}

			write(leaveScreenSequence);
		},
	};
}
