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
 * V8 flags of every session process. `--max-opt=0`: the interpreter only. A session sends at most 20
 * messages a second and its CPU bursts are time-bound, so compiled code buys it nothing (its CPU time per
 * message is the same), while the baseline compiler's code costs 0.7 MB from the start and the optimising
 * compiler's first function (after about 10 s of auto mode at 10 msg/s, or within the first second of CPU
 * bursts) another 4 MB for good: the compiler's own code in the node binary is paged in.
 */
export const sessionNodeFlags = ['--max-opt=0'] as const;

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
