// Bundles the CLI into ESM with no runtime dependencies: a tiny entry point dist/cli.js and the chunks it
// loads on demand in dist/chunks/ (the full CLI, the dashboard's Ink UI, the light chunk of the dashboard's
// children), so `--version` and a session process load only what they run. `--dev` writes an unminified
// copy to dist/dev/ (same code, readable names, for CPU profiles); the shipped files are unchanged.
// Ink, string-width and meow are bundled as installed: patched by patch-package from patches/ (see
// patches/README.md) before bundling (and before the tests: vitest's global setup), so the tests run the
// very code that ships.
import {build} from 'esbuild';
import {readFileSync, rmSync} from 'node:fs';
import {applyPatches} from './apply-patches.mjs';

const dev = process.argv.includes('--dev');
const {version} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

applyPatches();

const outdir = dev ? 'dist/dev' : 'dist';
// Chunk names carry a content hash: clear the old ones so that npm pack ships only this build's.
rmSync(`${outdir}/chunks`, {recursive: true, force: true});

await build({
	entryPoints: [{in: 'source/cli.tsx', out: 'cli'}],
	outdir,
	chunkNames: 'chunks/[name]-[hash]',
	splitting: true,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	minify: !dev,
	legalComments: 'none',
	define: {
		'process.env.NODE_ENV': '"production"',
		SOCKTUI_VERSION: JSON.stringify(version),
	},
	// Ink only loads the devtools when DEV=true; never ship them (nor the `ws` client they pull in).
	alias: {'react-devtools-core': './scripts/empty-module.mjs'},
	plugins: [
		{
			name: 'no-ink-devtools',
			setup(context) {
				context.onResolve({filter: /^\.\/devtools\.js$/}, (args) =>
					args.importer.includes(`${'node_modules'}/ink/`)
						? {path: new URL('empty-module.mjs', import.meta.url).pathname}
						: undefined,
				);
			},
		},
	],
	// Some bundled CommonJS packages call require(); give every ESM file one (the shebang is harmless in chunks).
	banner: {
		js: "#!/usr/bin/env node\nimport {createRequire as __socktuiCreateRequire} from 'node:module';const require=__socktuiCreateRequire(import.meta.url);",
	},
	logLevel: 'warning',
});
