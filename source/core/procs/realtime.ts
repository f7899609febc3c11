import {execFile} from 'node:child_process';

/**
 * Node flags for a process that will get the real-time FIFO policy: one V8 background thread instead of
 * one per core. `chrt -a` gives V8's worker threads the same real-time priority on the same pinned CPU; on
 * Node 24+ V8 posts background tasks mid-burn (concurrent Sparkplug, Maglev jobs, parallel scavenges), the
 * main thread blocks in `pthread_cond_signal` while the woken worker waits behind it, goes to the back of the
 * FIFO queue, and the next job takes the CPU: FIFO jobs no longer ran one after another (5/10 runs on 24 and
 * 26). With a pool of one they do (30/30). The flag exists on every Node line socktui supports (20+).
 */
export const realtimeNodeFlags: readonly string[] = ['--v8-pool-size=1'];

/**
 * Gives a running process, all its threads, the real-time FIFO policy at priority 1
 * (`chrt -a -f -p 1 PID`): it then keeps its CPU until it blocks or ends, and a task that wakes up goes to
 * the back of the queue, which is the process-run simulator's SWITCH_ON_IO with IO_RUN_LATER. Needs root
 * (or CAP_SYS_NICE) and util-linux's chrt. Never rejects.
 */
export async function setRealtimeFifo(pid: number): Promise<{ok: true} | {ok: false; reason: string}> {
	return new Promise((resolve) => {
		execFile('chrt', ['-a', '-f', '-p', '1', String(pid)], {timeout: 5000}, (error, _stdout, stderr) => {
			if (!error) {
				resolve({ok: true});
				return;
			}

			const code = (error as NodeJS.ErrnoException).code;
			const reason =
				code === 'ENOENT'
					? 'chrt not found (it is in util-linux)'
					: (String(stderr).trim() || error.message).split('\n')[0]!;
			resolve({ok: false, reason});
		});
	});
}
