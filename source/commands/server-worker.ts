import process from 'node:process';
import {runServerWorker} from '../core/echo/workers/worker-child.js';
import type {WorkerReport} from '../core/echo/workers/worker-messages.js';
import {SocktuiError} from '../core/errors.js';
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
		const send = process.send?.bind(process);
		if (send === undefined) {
			throw new SocktuiError(
				'BadUsage',
				"'socktui server-worker' is a child of 'socktui server --model processes'; it does not run alone",
			);
		}

		process.title = 'socktui server-worker';
		let pending = 0;
		let drained: (() => void) | undefined;
		const code = await runServerWorker(
			{
				send(report: WorkerReport) {
					if (!process.connected) return;
					pending++;
					send(report, undefined, {}, () => {
						pending--;
						if (pending === 0) drained?.();
					});
				},
				onMessage(listener) {
					process.on('message', listener);
				},
				onDisconnect(listener) {
					process.on('disconnect', listener);
				},
			},
			{pooled: flags['pooled'] === true},
		);
		// Let the last report reach the server (bounded), then leave even if a handle lingers.
		if (pending > 0 && process.connected) {
			await new Promise<void>((resolve) => {
				drained = resolve;
				setTimeout(resolve, 1000).unref();
			});
		}

		if (process.connected) process.disconnect();
		setTimeout(() => process.exit(code), 200).unref();
		return code;
	},
};
