import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {build} from 'esbuild';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {meowStartPlugin, patchMeowDependencies, patchMeowOptions} from '../../scripts/meow-start.mjs';

type Meow = (help: string, options: Record<string, unknown>) => Record<string, unknown>;

const root = new URL('../..', import.meta.url).pathname;
let directory: string;
let plain: Meow;
let patched: Meow;

/** meow bundled as the CLI bundles it, with or without scripts/meow-start.mjs. */
async function bundle(name: string, withPatch: boolean): Promise<Meow> {
	const entry = join(directory, `${name}-entry.mjs`);
	writeFileSync(entry, `export {default} from ${JSON.stringify(join(root, 'node_modules/meow/build/index.js'))};\n`);
	const outfile = join(directory, `${name}.mjs`);
	await build({
		entryPoints: [entry],
		outfile,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		logLevel: 'warning',
		banner: {js: "import {createRequire} from 'node:module';const require=createRequire(import.meta.url);"},
		plugins: withPatch ? [meowStartPlugin] : [],
	});
	return ((await import(pathToFileURL(outfile).href)) as {default: Meow}).default;
}

const flags = {
	port: {type: 'string'},
	host: {type: 'string', default: '127.0.0.1'},
	oneCpu: {type: 'boolean', default: false},
	color: {type: 'boolean', default: true},
	count: {type: 'number', shortFlag: 'c'},
	lang: {type: 'string', aliases: ['language']},
	watch: {type: 'string', isMultiple: true},
} as const;

const argvs = [
	[],
	['--port', '0'],
	['--port=9000', '--no-color', '--one-cpu'],
	['-c', '3', 'extra', '--language', 'zh'],
	['--watch', '1', '--watch=2', '--unknown-flag', 'x', '--', '--after'],
];

/** The options socktui's CLI passes (source/cli-main.ts), with a copy of `pkg` per call. */
function options(argv: string[]) {
	return {
		importMeta: {url: pathToFileURL(join(directory, 'cli.js')).href},
		argv,
		flags,
		pkg: {name: 'socktui', version: '0.1.0'},
		version: '0.1.0',
		description: false,
		allowUnknownFlags: true,
	};
}

const help = `
  socktui: a terminal dashboard

  Usage
    $ socktui [options]
`;

beforeAll(async () => {
	directory = mkdtempSync(join(tmpdir(), 'socktui-meow-start-'));
	plain = await bundle('plain', false);
	patched = await bundle('patched', true);
});

afterAll(() => {
	rmSync(directory, {recursive: true, force: true});
});

describe('meow without normalizing the package data it is handed', () => {
	it('applies to the installed meow (a changed package fails the build, not silently)', () => {
		const build = join(root, 'node_modules/meow/build');
		expect(patchMeowDependencies(readFileSync(join(build, 'dependencies.js'), 'utf8'))).not.toMatch(
			/^var (libExports|normalizeExports)/m,
		);
		expect(patchMeowOptions(readFileSync(join(build, 'options.js'), 'utf8'))).toContain('if (!options.pkg)');
		expect(() => patchMeowOptions('const x = 1;')).toThrow(/changed/);
	});

	it('parses the same flags and input and writes the same help', () => {
		const title = process.title;
		try {
			for (const argv of argvs) {
				const expected = plain(help, options(argv));
				const actual = patched(help, options(argv));
				for (const key of ['flags', 'unnormalizedFlags', 'input', 'help'])
					expect(actual[key], `${key} of ${argv.join(' ')}`).toEqual(expected[key]);
				expect(process.title).toBe('socktui');
			}
		} finally {
			process.title = title;
		}
	});

	it('leaves the given package data as it is (meow used to add npm fields to it)', () => {
		const title = process.title;
		try {
			expect(plain(help, options([]))['pkg']).toHaveProperty('_id', 'socktui@0.1.0');
			expect(patched(help, options([]))['pkg']).toEqual({name: 'socktui', version: '0.1.0'});
		} finally {
			process.title = title;
		}
	});
});
