import {defaults, type Protocol} from '../defaults.js';
import type {EchoServer, EchoServerOptions} from '../echo/types.js';
import {isSocktuiError, SocktuiError} from '../errors.js';
import type {ServerChildOptions} from './server-messages.js';

export type StartEchoServer = (protocol: Protocol, options: EchoServerOptions) => Promise<EchoServer>;

/**
 * Binds TCP and UDP on the same port, so one target serves both kinds of session. With no explicit port,
 * a taken default falls back to a free port (`fellBackFrom` says so); an explicit port that is taken is
 * an error. Every option besides host and port goes to both servers as it is.
 */
export async function bindEchoPair(
	options: ServerChildOptions,
	start: StartEchoServer,
): Promise<{tcp: EchoServer; udp: EchoServer; fellBackFrom?: number}> {
	const explicit = options.port !== undefined;
	const wanted = options.port ?? defaults.port;
	let port = wanted;
	for (let attempt = 0; attempt < 5; attempt++) {
		let tcp: EchoServer | undefined;
		try {
			tcp = await start('tcp', {...options, port});
			const udp = await start('udp', {...options, port: tcp.local.port});
			const fellBack = !explicit && tcp.local.port !== wanted;
			return {tcp, udp, ...(fellBack ? {fellBackFrom: wanted} : {})};
		} catch (error: unknown) {
			await tcp?.close();
			const inUse = isSocktuiError(error) && error.kind === 'PortInUse';
			// Strict ports fail; with port 0 or a fallback, a UDP clash on the TCP's free port is just bad luck: retry.
			if (!inUse || (explicit && wanted !== 0)) throw error;
			port = 0;
		}
	}

	throw new SocktuiError('PortInUse', `could not find a port free for both TCP and UDP on ${options.host}`);
}
