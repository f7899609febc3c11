import {type SocktuiError} from '../../errors.js';
import {parseOptparseInt} from './python-number.js';

/**
 * Command-line options parsed the way Python's optparse does, for the simulators that reproduce OSTEP's
 * scripts: `--opt=value` or `--opt value`, unambiguous long prefixes (`--see 5`), `-s5`, grouped `-cp`,
 * a value may start with `-` (`-s -5`), the last occurrence wins, `--` ends options, `-h` stops parsing
 * as soon as it is reached. Positional arguments are an error (optparse silently ignores them). Options
 * marked `extension` never make a reference abbreviation ambiguous.
 */
export interface OptionSpec<Key extends string> {
	short?: string;
	long?: string;
	key: Key;
	/** `int`: optparse's int (0x.., 0b.., leading-zero octal); `count`: a whole number 0..1,000,000. */
	kind: 'flag' | 'int' | 'string' | 'count';
	extension?: boolean;
	metavar?: string;
	help: string;
}

export function parseOptparse<Key extends string, Args extends Record<Key, unknown> & {help: boolean}>(
	argv: readonly string[],
	specs: ReadonlyArray<OptionSpec<Key>>,
	args: Args,
	usage: (message: string) => SocktuiError,
): Args {
	const values = args as Record<string, unknown>;
	const matchLong = (name: string): OptionSpec<Key> => {
		const exact = specs.find((spec) => spec.long === name);
		if (exact) return exact;
		for (const extension of [false, true]) {
			const found = specs.filter((spec) => Boolean(spec.extension) === extension && spec.long?.startsWith(name));
			if (found.length === 1) return found[0]!;
			if (found.length > 1) {
				const names = found
					.map((spec) => spec.long)
					.sort()
					.join(', ');
				throw usage(`ambiguous option: ${name} (${names}?)`);
			}
		}

		throw usage(`no such option: ${name}`);
	};

	const store = (spec: OptionSpec<Key>, name: string, value: string | undefined): void => {
		switch (spec.kind) {
			case 'flag': {
				values[spec.key] = true;
				return;
			}

			case 'string': {
				values[spec.key] = value!;
				return;
			}

			case 'int': {
				const parsed = parseOptparseInt(value!);
				if (parsed === undefined) throw usage(`option ${name}: invalid integer value: '${value}'`);
				values[spec.key] = parsed;
				return;
			}

			case 'count': {
				const parsed = parseOptparseInt(value!);
				if (parsed === undefined || parsed < 0n || parsed > 1_000_000n)
					throw usage(`option ${name}: expected a whole number from 0 to 1000000, got '${value}'`);
				values[spec.key] = Number(parsed);
			}
		}
	};

	const rest = [...argv];
	const takeValue = (name: string): string => {
		if (rest.length === 0) throw usage(`${name} option requires 1 argument`);
		return rest.shift()!;
	};

	while (rest.length > 0) {
		const arg = rest.shift()!;
		if (arg === '--') {
			if (rest.length > 0) throw usage(`unexpected argument '${rest[0]}'`);
			break;
		}

		if (arg.startsWith('--')) {
			const equals = arg.indexOf('=');
			const spec = matchLong(equals === -1 ? arg : arg.slice(0, equals));
			const name = spec.long!;
			if (equals !== -1) rest.unshift(arg.slice(equals + 1));
			if (spec.kind === 'flag') {
				if (equals !== -1) throw usage(`${name} option does not take a value`);
				store(spec, name, undefined);
				if (args.help) return args;
			} else {
				store(spec, name, takeValue(name));
			}
		} else if (arg.startsWith('-') && arg.length > 1) {
			for (let index = 1; index < arg.length; index++) {
				const name = `-${arg[index]}`;
				const spec = specs.find((candidate) => candidate.short === name);
				if (!spec) throw usage(`no such option: ${name}`);
				if (spec.kind === 'flag') {
					store(spec, name, undefined);
					if (args.help) return args;
					continue;
				}

				if (index + 1 < arg.length) rest.unshift(arg.slice(index + 1));
				store(spec, name, takeValue(name));
				break;
			}
		} else {
			throw usage(`unexpected argument '${arg}'`);
		}
	}

	return args;
}

/** The `--help` option list, in optparse's layout (names padded to 22 columns, or help on the next line). */
export function formatOptionHelp<Key extends string>(spec: OptionSpec<Key>): string {
	const value = spec.metavar ? ` ${spec.metavar}` : '';
	const names = [
		spec.short ? `${spec.short}${value}` : undefined,
		spec.long ? `${spec.long}${spec.metavar ? `=${spec.metavar}` : ''}` : undefined,
	]
		.filter(Boolean)
		.join(', ');
	return names.length <= 22 ? `  ${names.padEnd(22)}  ${spec.help}` : `  ${names}\n${' '.repeat(26)}${spec.help}`;
}
