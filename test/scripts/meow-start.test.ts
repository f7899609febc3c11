import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ModuleBundler, root} from './helpers/bundle-module.js';
import {upstreamPlugin, upstreamTexts} from './helpers/patches.js';

type Meow = (help: string, options: Record<string, unknown>) => Record<string, unknown>;

const bundler = new ModuleBundler();
let plain: Meow;
let patched: Meow;

/** meow bundled as the CLI bundles it: installed (patched by patches/meow+14.0.0.patch) or upstream. */
async function bundle(name: string, withPatch: boolean): Promise<Meow> {
	const entry = `export {default} from ${JSON.stringify(join(root, 'node_modules/meow/build/index.js'))};
`;
	return (await bundler.bundle<{default: Meow}>(name, entry, withPatch ? [] : [upstreamPlugin()])).default;
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
		importMeta: {url: pathToFileURL(bundler.path('cli.js')).href},
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
	plain = await bundle('plain', false);
	patched = await bundle('patched', true);
});

afterAll(() => {
	bundler.dispose();
});

describe('meow without normalizing the package data it is handed', () => {
	it('is in the installed meow, which is upstream plus patches/meow+14.0.0.patch', () => {
		const build = join(root, 'node_modules/meow/build');
		expect(readFileSync(join(build, 'dependencies.js'), 'utf8')).not.toMatch(/^var (libExports|normalizeExports)/m);
		expect(readFileSync(join(build, 'options.js'), 'utf8')).toContain('if (!options.pkg)');
		expect(upstreamTexts().get(join(build, 'options.js'))).not.toContain('if (!options.pkg)');
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
