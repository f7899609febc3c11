import type {Protocol} from '../defaults.js';

export interface SessionArgvOptions {
	execPath: string;
	execArgv: readonly string[];
	cliPath: string;
	protocol: Protocol;
	target: {host: string; port: number};
	replyTimeoutMs: number;
}

/**
 * V8 flags of every session process. `--max-opt=1`: interpreter and baseline compiler only. A session sends
 * at most 20 messages a second, so the optimising compiler (TurboFan) buys it nothing, but the first
 * function it optimises (after about 10 s of auto mode at 10 msg/s, or within the first second of CPU
 * bursts) costs 4 MB of RSS for good: the compiler's own code in the node binary is paged in.
 */
export const sessionNodeFlags = ['--max-opt=1'] as const;

/** The command line of a session child: `node FLAGS [execArgv] CLI session --protocol=...` (pinning is added by the caller). */
export function sessionArgv(options: SessionArgvOptions): string[] {
	return [
		options.execPath,
		...sessionNodeFlags,
		...options.execArgv,
		options.cliPath,
		'session',
		// `--flag=value`, so a value can never be taken for a flag.
		`--protocol=${options.protocol}`,
		`--host=${options.target.host}`,
		`--port=${options.target.port}`,
		`--reply-timeout=${options.replyTimeoutMs}`,
	];
}
