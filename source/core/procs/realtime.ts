import {execFile} from 'node:child_process';

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
