import process from 'node:process';
import {startEchoServer} from '../core/echo/start-echo-server.js';
import {SocktuiError} from '../core/errors.js';
import {processChannel} from '../core/sessions/session-channel.js';
import {runServerChild} from '../core/server-process/server-child-runtime.js';
import {parseServerChildOptions, type ServerChildMessage} from '../core/server-process/server-messages.js';
import type {Command} from './command.js';
import {flagText} from './basic-options.js';

/** After the server ends, anything still holding the event loop open gets this long; then we exit anyway. */
const exitWatchdogMs = 2000;

/**
 * Internal: the dashboard's echo servers (TCP and UDP on one port) in their own process, spawned by
 * ServerProcess with an IPC channel. Not listed in the help; run by hand it explains itself and exits 2.
 */
export const serverChildCommand: Command = {
	name: 'server-child',
	summary: "internal: the dashboard's echo server process",
	hidden: true,
	help: `  Internal: the dashboard's TCP and UDP echo servers, driven over IPC. Use 'socktui server' instead.

  Usage
    $ socktui server-child --options '{"host":"127.0.0.1","port":8082}'`,
	flags: {
		options: {type: 'string'},
	},
	async run({flags}) {
		if (typeof process.send !== 'function') {
			throw new SocktuiError(
				'BadUsage',
				"'socktui server-child' is the dashboard's internal server process; use 'socktui server' instead",
			);
		}

		// meow renamed the process to 'socktui'; benches and ps find the server by this word.
		process.title = 'socktui server-child';
		const options = parseServerChildOptions(flagText(flags['options']));
		if (!options) throw new SocktuiError('BadUsage', '--options must be a JSON object with at least a "host"');
		const code = await runServerChild(options, {
			channel: processChannel<ServerChildMessage>(),
			startEchoServer,
			pid: process.pid,
			onStopSignal(stop) {
				for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, stop);
			},
		});
		// No server may outlive its dashboard: if some handle still keeps the loop alive, exit regardless.
		setTimeout(() => process.exit(code), exitWatchdogMs).unref();
		return code;
	},
};
