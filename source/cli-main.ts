import meow from 'meow';
import {commands, dashboardCommand} from './commands/index.js';
import type {Command} from './commands/command.js';
import {missingFlagValue} from './commands/options.js';
import {fail, failWith} from './cli-error.js';

function topLevelHelp(): string {
	const listed = commands.filter((command) => !command.hidden && command !== dashboardCommand);
	const width = Math.max(8, ...listed.map((command) => command.name.length));
	const list = listed.map((command) => `    socktui ${command.name.padEnd(width)} ${command.summary}`).join('\n');
	return `${dashboardCommand.help}\n\n  Commands\n    socktui ${''.padEnd(width)} ${dashboardCommand.summary}\n${list}\n\n  Run 'socktui COMMAND --help' for a command's options.`;
}

/** Picks the command from argv[0]; `undefined` name means the default (dashboard). */
function pickCommand(argv: string[]): {command: Command; rest: string[]} | {unknown: string} {
	const first = argv[0];
	if (first === undefined || first.startsWith('-')) return {command: dashboardCommand, rest: argv};
	const command = commands.find((candidate) => candidate.name === first);
	if (!command) return {unknown: first};
	return {command, rest: argv.slice(1)};
}

/**
 * `--sim "-P c3,i"`: a string flag's value may itself start with a dash, which meow would read as another
 * flag. Join such a pair into `--sim=-P c3,i` before parsing.
 */
function joinDashedValues(argv: string[], command: Command): string[] {
	const stringFlags = new Set(
		Object.entries(command.flags)
			.filter(([, flag]) => (flag as {type?: string}).type === 'string')
			.map(([name]) => `--${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`),
	);
	const joined: string[] = [];
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index]!;
		const next = argv[index + 1];
		if (stringFlags.has(arg) && next !== undefined && next.startsWith('-') && next.length > 1) {
			joined.push(`${arg}=${next}`);
			index++;
		} else {
			joined.push(arg);
		}
	}

	return joined;
}

async function main(argv: string[]): Promise<number> {
	const picked = pickCommand(argv);
	if ('unknown' in picked) {
		return fail(`unknown command '${picked.unknown}' (try 'socktui --help')`, 2);
	}

	const {command, rest} = picked;
	if (command.rawArgs) {
		return command.run({flags: {}, input: [], argv: rest});
	}

	const args = joinDashedValues(rest, command);
	const missing = missingFlagValue(args);
	if (missing !== undefined) return fail(missing, 2);
	const cli = meow(command === dashboardCommand ? topLevelHelp() : command.help, {
		importMeta: import.meta,
		argv: args,
		flags: command.flags,
		pkg: {name: 'socktui', version: SOCKTUI_VERSION},
		version: SOCKTUI_VERSION,
		description: false,
		allowUnknownFlags: true,
	});

	const shortFlags = new Set(Object.values(command.flags).map((flag) => (flag as {shortFlag?: string}).shortFlag));
	const unknownFlags = Object.keys(cli.unnormalizedFlags).filter(
		(name) => !(name in cli.flags) && name !== '--' && !shortFlags.has(name),
	);
	const known = new Set(
		Object.keys(command.flags).flatMap((name) => [
			name,
			...((command.flags[name] as {aliases?: string[]}).aliases ?? []),
		]),
	);
	const stray = args
		.filter((arg) => arg.startsWith('-') && arg !== '-' && arg !== '--')
		.find((arg) => {
			const name = arg.replace(/^--?(no-)?/, '').split('=')[0]!;
			const camel = name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
			const shortFlag = Object.values(command.flags).some((flag) => (flag as {shortFlag?: string}).shortFlag === name);
			return !known.has(camel) && !shortFlag && name !== 'help' && name !== 'version';
		});
	if (stray !== undefined || unknownFlags.length > 0) {
		const flag = stray ?? `--${unknownFlags[0]}`;
		return fail(
			`unknown option '${flag.split('=')[0]}' for '${command === dashboardCommand ? 'socktui' : `socktui ${command.name}`}' (try --help)`,
			2,
		);
	}

	if (cli.input.length > 0) {
		return fail(`unexpected argument '${cli.input[0]}' (try --help)`, 2);
	}

	return command.run({flags: cli.flags, input: cli.input, argv: args});
}

/**
 * The full CLI: every command, parsed with meow. source/cli.tsx loads this (a chunk of its own) for
 * everything but `--version` and the dashboard's hidden children.
 */
export async function runCli(argv: string[]): Promise<number> {
	try {
		return await main(argv);
	} catch (error: unknown) {
		return failWith(error);
	}
}
