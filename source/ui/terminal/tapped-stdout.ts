import {writeSync} from 'node:fs';

/** What a tap is told: every write to the terminal, and every resize. */
export interface TerminalTap {
	output(data: string | Uint8Array): void;
	resize(columns: number, rows: number): void;
}

export interface TappedStdout {
	/** For Ink's FrameWriter: stdout itself, whose writes the tap sees first. */
	stdout: NodeJS.WriteStream;
	/** For the screen guard: synchronous writes (it runs in exit and crash handlers), seen by the tap too. */
	guard: {write(data: string): void};
	/** Stops listening for resizes. */
	detach(): void;
}

/**
 * Everything the dashboard writes to the terminal passes here: the screen guard's alternate-screen and
 * cursor sequences and every frame Ink's FrameWriter sends. The tap sees each write, in order, before the
 * terminal does, so a recording replays to the same screen.
 */
export function tapStdout(stdout: NodeJS.WriteStream, tap: TerminalTap): TappedStdout {
	const original = stdout.write.bind(stdout) as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;
	const write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
		tap.output(chunk);
		return original(chunk, ...rest);
	};

	const proxy = new Proxy(stdout, {
		get(target, property) {
			if (property === 'write') return write;
			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
	const onResize = () => tap.resize(stdout.columns, stdout.rows);
	stdout.on('resize', onResize);
	return {
		stdout: proxy,
		guard: {
			write(data: string) {
				tap.output(data);
				// The guard catches a failed write (a terminal gone after SIGHUP).
				const {fd} = stdout as {fd?: number};
				if (fd === undefined) stdout.write(data);
				else writeSync(fd, data);
			},
		},
		detach() {
			stdout.off('resize', onResize);
		},
	};
}
