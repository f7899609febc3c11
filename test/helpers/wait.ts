import {readFileSync} from 'node:fs';

export interface WaitOptions {
	/** Fails after this long (default 10 s). */
	timeoutMs?: number;
	/** Between checks (default 20 ms). */
	intervalMs?: number;
	/** What to say about the state when it times out (the last frame, the lanes, ...). */
	state?: () => string;
}

/**
 * The suite's one wait: checks `check` now and then every `intervalMs` until it returns something other
 * than undefined, null or false, and returns that; after `timeoutMs` it throws, naming `what` (and the
 * state). Never a fixed sleep: it returns as soon as the condition holds.
 */
export async function waitUntil<T>(
	check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
	what: string,
	options: WaitOptions = {},
): Promise<T> {
	const timeoutMs = options.timeoutMs ?? 10_000;
	const intervalMs = options.intervalMs ?? 20;
	const deadline = performance.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined && value !== null && value !== false) return value;
		if (performance.now() >= deadline) {
			const state = options.state ? `; ${options.state()}` : '';
			throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}${state}`);
		}

		await new Promise((resolve) => {
			setTimeout(resolve, intervalMs);
		});
	}
}

/** Whether a process exists and is not a zombie (from /proc/PID/stat). */
export function isAlive(pid: number): boolean {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
	} catch {
		return false;
	}
}

/** Waits until none of `pids` is alive (zombies count as gone); fails listing the ones still alive. */
export async function waitUntilGone(pids: readonly number[], timeoutMs = 10_000): Promise<void> {
	await waitUntil(() => !pids.some(isAlive), 'the processes are gone', {
		timeoutMs,
		intervalMs: 50,
		state: () => `still alive: ${pids.filter(isAlive).join(', ')}`,
	});
}
