import process from 'node:process';
import {defaults} from '../core/defaults.js';
import {openEchoClient} from '../core/echo/echo-client.js';
import {SocktuiError} from '../core/errors.js';
import {burnCpu} from '../core/procs/cpu-burst.js';
import {processChannel} from '../core/sessions/session-channel.js';
import {runSessionChild} from '../core/sessions/session-child.js';
import type {Command} from './command.js';
import {parsePort} from './basic-options.js';

/** After the session ends, anything still holding the event loop open gets this long; then we exit anyway. */
const exitWatchdogMs = 2000;

/**
 * Internal: one client session of the dashboard, spawned by SessionManager with an IPC channel. Not
 * listed in the help; run by hand it explains itself and exits 2.
 */
export const sessionCommand: Command = {
	name: 'session',
	summary: 'internal: a dashboard client session',
	hidden: true,
	help: `  Internal: one client session of the dashboard, driven over IPC. Use 'socktui client' instead.

  Usage
    $ socktui session --protocol tcp|udp --host HOST --port PORT [--reply-timeout MS]`,
	flags: {
		protocol: {type: 'string', default: 'tcp'},
		host: {type: 'string', default: defaults.host},
		port: {type: 'string'},
		replyTimeout: {type: 'string', default: String(defaults.udpReplyTimeoutMs)},
	},
	async run({flags}) {
		if (typeof process.send !== 'function') {
			throw new SocktuiError(
				'BadUsage',
				"'socktui session' is the dashboard's internal client mode; use 'socktui client' instead",
			);
		}

		const protocol = flags['protocol'];
		if (protocol !== 'tcp' && protocol !== 'udp')
			throw new SocktuiError('BadUsage', `--protocol must be tcp or udp, got '${String(protocol)}'`);
		if (flags['port'] === undefined) throw new SocktuiError('BadUsage', '--port is required');
		const port = parsePort(flags['port']);
		const replyTimeoutMs = Number(flags['replyTimeout']);
		if (!Number.isSafeInteger(replyTimeoutMs) || replyTimeoutMs <= 0)
			throw new SocktuiError('BadUsage', '--reply-timeout must be a positive number of milliseconds');
		const host = String(flags['host']);

		const code = await runSessionChild(
			{protocol, host, port, replyTimeoutMs},
			{
				channel: processChannel(),
				openClient: async (options) => openEchoClient(options),
				burnCpu,
			},
		);
		// process.exit below the edge, because no session may outlive its dashboard: if some handle
		// still keeps the loop alive after the socket and channel are closed, exit regardless.
		setTimeout(() => process.exit(code), exitWatchdogMs).unref();
		return code;
	},
};
