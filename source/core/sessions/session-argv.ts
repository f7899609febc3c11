import type {Protocol} from '../defaults.js';

export interface SessionArgvOptions {
	execPath: string;
	execArgv: readonly string[];
	cliPath: string;
	protocol: Protocol;
	target: {host: string; port: number};
	replyTimeoutMs: number;
	/** Prefix with `taskset -c CPU` (taskset execs node, so the PID is the session's own). */
	pinCpu?: number | undefined;
}

/** The command line of a session child: `[taskset -c N] node [execArgv] CLI session --protocol ...`. */
export function sessionArgv(options: SessionArgvOptions): string[] {
	const node = [
		options.execPath,
		...options.execArgv,
		options.cliPath,
		'session',
		// `--flag=value`, so a value can never be taken for a flag.
		`--protocol=${options.protocol}`,
		`--host=${options.target.host}`,
		`--port=${options.target.port}`,
		`--reply-timeout=${options.replyTimeoutMs}`,
	];
	return options.pinCpu === undefined ? node : ['taskset', '-c', String(options.pinCpu), ...node];
}
