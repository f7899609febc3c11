// Bundles the CLI into ESM with no runtime dependencies: a tiny entry point dist/cli.js and the chunks it
// loads on demand in dist/chunks/ (the full CLI, the dashboard's Ink UI, the light chunk of the dashboard's
// children), so `--version` and a session process load only what they run. `--dev` writes an unminified
// copy to dist/dev/ (same code, readable names, for CPU profiles); the shipped files are unchanged.
import {build} from 'esbuild';
import {readFileSync, rmSync} from 'node:fs';
import {meowStartPlugin} from './meow-start.mjs';
import {renderCachesPlugin} from './render-caches.mjs';

const dev = process.argv.includes('--dev');
const {version} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

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
		// See scripts/render-caches.mjs: frame-spanning caches in Ink's output and in string-width.
		renderCachesPlugin,
		// See scripts/meow-start.mjs: meow without normalizing the package data socktui hands it.
		meowStartPlugin,
	],
	// Some bundled CommonJS packages call require(); give every ESM file one (the shebang is harmless in chunks).
	banner: {
		js: "#!/usr/bin/env node\nimport {createRequire as __socktuiCreateRequire} from 'node:module';const require=__socktuiCreateRequire(import.meta.url);",
	},
	logLevel: 'warning',
});
