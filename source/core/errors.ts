/**
 * Errors are values with a kind. Core code throws or returns a SocktuiError; only the CLI edge
 * (source/cli.tsx) turns one into a message on stderr and an exit code.
 */
export type ErrorKind =
	| 'BadUsage'
	| 'PortInUse'
	| 'AddressUnavailable'
	| 'ConnectionRefused'
	| 'HostNotFound'
	| 'PeerClosed'
	| 'NoReply'
	| 'PortUnreachable'
	| 'NeedsTerminal'
	| 'BadInput'
	/** A file to write that is there already, a symlink, or not a regular file (core/files/safe-open.ts). */
	| 'FileRefused'
	| 'Internal';

export const exitCodes: Record<ErrorKind, number> = {
	BadUsage: 2,
	PortInUse: 1,
	AddressUnavailable: 1,
	ConnectionRefused: 1,
	HostNotFound: 1,
	PeerClosed: 1,
	NoReply: 1,
	PortUnreachable: 1,
	NeedsTerminal: 2,
	BadInput: 1,
	FileRefused: 2,
	Internal: 1,
};

export class SocktuiError extends Error {
	readonly kind: ErrorKind;
	/** Exit code override (e.g. the simulator's reference errors exit 1 even for bad usage). */
	readonly exitCode: number;

	constructor(kind: ErrorKind, message: string, options?: {exitCode?: number; cause?: unknown}) {
		super(message, {cause: options?.cause});
		this.name = 'SocktuiError';
		this.kind = kind;
		this.exitCode = options?.exitCode ?? exitCodes[kind];
	}
}

export function isSocktuiError(error: unknown): error is SocktuiError {
	return error instanceof SocktuiError;
}

/** Maps a Node.js system error from a socket to a SocktuiError with a one-line message. */
export function fromSocketError(error: unknown, context: {protocol: string; host: string; port: number}): SocktuiError {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	const where = `${context.protocol} ${formatHostPort(context.host, context.port)}`;
	switch (code) {
		case 'EADDRINUSE':
			return new SocktuiError('PortInUse', `port ${context.port} is already in use (${where})`, {cause: error});
		case 'EADDRNOTAVAIL':
			return new SocktuiError('AddressUnavailable', `cannot bind ${where}: address not available on this machine`, {
				cause: error,
			});
		case 'EACCES':
			return new SocktuiError('AddressUnavailable', `permission denied binding ${where}`, {cause: error});
		case 'ECONNREFUSED':
			return new SocktuiError('ConnectionRefused', `connection refused by ${where} (is the server running?)`, {
				cause: error,
			});
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return new SocktuiError('HostNotFound', `host not found: ${context.host}`, {cause: error});
		case 'ECONNRESET':
		case 'EPIPE':
			return new SocktuiError('PeerClosed', `connection reset by ${where}`, {cause: error});
		default: {
			const message = error instanceof Error ? error.message : String(error);
			return new SocktuiError('Internal', `${where}: ${message.split('\n')[0]}`, {cause: error});
		}
	}
}

/** `127.0.0.1:8082`, `[::1]:8082`. */
export function formatHostPort(host: string, port: number): string {
	return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
