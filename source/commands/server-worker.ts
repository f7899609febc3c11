import process from 'node:process';
import {runServerWorker} from '../core/echo/workers/worker-child.js';
import type {WorkerReport} from '../core/echo/workers/worker-messages.js';
import {SocktuiError} from '../core/errors.js';
import {processChannel} from '../core/sessions/session-channel.js';
import type {Command} from './command.js';

/**
 * Internal: one child of the processes server model, spawned by an echo server with an IPC channel (it
 * is handed a TCP connection or a datagram). Not listed in the help; run by hand it explains itself.
 */
export const serverWorkerCommand: Command = {
	name: 'server-worker',
	summary: 'internal: a child of the processes server model',
	hidden: true,
	help: `  Internal: serves one TCP connection or UDP datagram for 'socktui server --model processes'.`,
	flags: {
		pooled: {type: 'boolean', default: false},
	},
	async run({flags}) {
		if (typeof process.send !== 'function') {
			throw new SocktuiError(
				'BadUsage',
				"'socktui server-worker' is a child of 'socktui server --model processes'; it does not run alone",
			);
		}

		process.title = 'socktui server-worker';
		const channel = processChannel<WorkerReport>();
		const code = await runServerWorker(channel, {pooled: flags['pooled'] === true});
		// Let the last report reach the server (bounded), then leave even if a handle lingers.
		await channel.close();
		setTimeout(() => process.exit(code), 200).unref();
		return code;
	},
};
