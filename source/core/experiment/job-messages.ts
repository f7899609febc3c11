import {isRecord} from '../ipc-values.js';

/**
 * The IPC messages between the experiment and one job child (`socktui experiment-job`). Whatever arrives
 * over the channel is untrusted: a message that does not match its type is `undefined` and is dropped.
 */

/** Job -> experiment: it is started and connected (ready), has finished its program (done), or failed. */
export type JobMessage = {type: 'ready'; pid: number} | {type: 'done'} | {type: 'failed'; message: string};

/** Experiment -> job: run the program now; or end (after the experiment read the job's /proc figures). */
export type JobCommand = {type: 'go'} | {type: 'exit'};

export function parseJobMessage(value: unknown): JobMessage | undefined {
	if (!isRecord(value)) return undefined;
	switch (value['type']) {
		case 'ready':
			return typeof value['pid'] === 'number' && Number.isSafeInteger(value['pid']) && value['pid'] > 0
				? {type: 'ready', pid: value['pid']}
				: undefined;
		case 'done':
			return {type: 'done'};
		case 'failed':
			return typeof value['message'] === 'string' && value['message'].length <= 1000
				? {type: 'failed', message: value['message']}
				: undefined;
		default:
			return undefined;
	}
}

export function parseJobCommand(value: unknown): JobCommand | undefined {
	if (!isRecord(value)) return undefined;
	return value['type'] === 'go' || value['type'] === 'exit' ? {type: value['type']} : undefined;
}
