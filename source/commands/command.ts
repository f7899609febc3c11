import type {Flag} from 'meow';

// meow does not export its flag map type; spell it from the Flag type it does export.
type AnyFlag =
	| Flag<'string', string>
	| Flag<'string', string[], true>
	| Flag<'boolean', boolean>
	| Flag<'boolean', boolean[], true>
	| Flag<'number', number>
	| Flag<'number', number[], true>;
export type FlagMap = Record<string, AnyFlag>;

/** What the CLI edge hands a command after parsing. */
export interface CommandContext {
	/** Flags parsed by meow (absent for commands with `rawArgs`). */
	flags: Record<string, unknown>;
	/** Positional arguments after the command name. */
	input: string[];
	/** The raw arguments after the command name (for commands that parse their own options). */
	argv: string[];
}

export interface Command {
	name: string;
	/** One line for the top-level help. */
	summary: string;
	/** The body of `socktui NAME --help` (usage and options). */
	help: string;
	flags: FlagMap;
	/** The command parses its own argv (the simulator mimics Python argparse). */
	rawArgs?: boolean;
	/** Hidden commands (the session child mode) are not listed in the help. */
	hidden?: boolean;
	/** Resolves to the process exit code. Throws SocktuiError for user-facing failures. */
	run(context: CommandContext): Promise<number>;
}
