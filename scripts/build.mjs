// Bundles the CLI into one ESM file with no runtime dependencies. `--dev` writes an unminified copy to
// dist/cli.dev.js (same code, readable names, for CPU profiles); the shipped dist/cli.js is unchanged.
import {build} from 'esbuild';
import {readFileSync} from 'node:fs';
import {renderCachesPlugin} from './render-caches.mjs';

const dev = process.argv.includes('--dev');
const {version} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
	entryPoints: ['source/cli.tsx'],
	outfile: dev ? 'dist/cli.dev.js' : 'dist/cli.js',
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
	],
	// Some bundled CommonJS packages call require(); give the ESM bundle one.
	banner: {
		js: "#!/usr/bin/env node\nimport {createRequire as __socktuiCreateRequire} from 'node:module';const require=__socktuiCreateRequire(import.meta.url);",
	},
	logLevel: 'warning',
});
