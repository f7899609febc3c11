import type {FlagMap} from './command.js';

/**
 * The flags of a hidden child command as its parent writes them: `--kebab-name=value` for string flags and
 * a bare `--kebab-name` for boolean ones, every other flag at its default. Anything else (a positional, an
 * unknown flag, `--help`, `--flag value`) is `undefined`: the caller then hands the arguments to the full
 * CLI, whose meow parsing and messages stay the only ones a person typing the command ever sees.
 */
export function parseChildFlags(argv: readonly string[], flags: FlagMap): Record<string, unknown> | undefined {
	const parsed: Record<string, unknown> = {};
	for (const [name, flag] of Object.entries(flags))
		if ('default' in flag && flag.default !== undefined) parsed[name] = flag.default;
	const byKebab = new Map(
		Object.keys(flags).map((name) => [name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`), name]),
	);
	for (const arg of argv) {
		const match = /^--([a-z][a-z-]*)(?:=([\s\S]*))?$/.exec(arg);
		const name = match ? byKebab.get(match[1]!) : undefined;
		if (!match || name === undefined) return undefined;
		const type = flags[name]!.type;
		const value = match[2];
		if (type === 'string' && value !== undefined) parsed[name] = value;
		else if (type === 'boolean' && value === undefined) parsed[name] = true;
		else return undefined;
	}

	return parsed;
}
