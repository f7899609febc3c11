import type {Protocol} from '../defaults.js';

export interface SessionArgvOptions {
	execPath: string;
	execArgv: readonly string[];
	cliPath: string;
	protocol: Protocol;
	target: {host: string; port: number};
	replyTimeoutMs: number;
}

/** The command line of a session child: `node [execArgv] CLI session --protocol=...` (pinning is added by the caller). */
export function sessionArgv(options: SessionArgvOptions): string[] {
	return [
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
}
