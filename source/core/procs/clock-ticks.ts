import {execFileSync} from 'node:child_process';

let cached: number | undefined;

/**
 * CLK_TCK, the unit of utime/stime in `/proc/<pid>/stat` and of `/proc/stat`. It is 100 on every Linux
 * build socktui is likely to meet; `getconf` is asked once (a few ms) and 100 is used when it cannot answer.
 */
export function clockTicksPerSecond(): number {
	if (cached === undefined) {
		cached = 100;
		try {
			const value = Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8', timeout: 2000, stdio: ['ignore', 'pipe', 'ignore']}).trim());
			if (Number.isInteger(value) && value > 0) cached = value;
		} catch {
			// keep 100
		}
	}

	return cached;
}
