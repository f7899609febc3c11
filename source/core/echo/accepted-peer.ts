import type net from 'node:net';
import type {Endpoint} from './types.js';

interface PeerHandle {
	getpeername?: (out: {address?: unknown; port?: unknown}) => number;
}

/**
 * The peer of an accepted TCP socket. `socket.remoteAddress` keeps its answer in a property Node adds to the
 * socket afterwards (`_peername`): one hidden class more for the sockets Node's stream code sees, which
 * turns its `_handle` getter (several calls per message) megamorphic, about 3% more CPU per message at 16
 * connections (measured, bench/echo.bench.ts). Asking the socket's handle gives the same answer and leaves
 * the socket alone; the public getters stay the fallback.
 */
export function acceptedPeer(socket: net.Socket): Endpoint {
	const handle = (socket as unknown as {_handle?: PeerHandle | null})._handle;
	if (typeof handle?.getpeername === 'function') {
		const out: {address?: unknown; port?: unknown} = {};
		if (handle.getpeername(out) === 0 && typeof out.address === 'string' && typeof out.port === 'number')
			return {address: out.address, port: out.port};
	}

	return {address: socket.remoteAddress ?? '?', port: socket.remotePort ?? 0};
}
