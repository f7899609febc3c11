// A start-up patch for the bundle's copy of meow 14. Its prebuilt dependencies.js evaluates, as it loads,
// two copies of npm's normalize-package-data (semver, SPDX license lists, git host parsing) and Babel's
// code frame printer (for package.json syntax errors), about 12 ms of CPU before the first flag is parsed.
// meow needs them only to find and normalize a package.json; socktui hands it `pkg` (name and version)
// and its own `version` and `description`, so they now load only on that other path (never, for us),
// and the given `pkg` is used as it is. Flags, input and help text are the same
// (test/scripts/meow-start.test.ts runs both bundles).
import {readFileSync} from 'node:fs';

function replaceOnce(source, file, anchor, replacement) {
	if (source.split(anchor).length !== 2) throw new Error(`${file} changed: cannot find '${anchor}' exactly once`);
	return source.replace(anchor, () => replacement);
}

/** meow/build/dependencies.js with its three eager CommonJS loads deferred to their first call. */
export function patchMeowDependencies(source) {
	const file = 'meow/build/dependencies.js';
	let out = replaceOnce(source, file, 'var libExports = requireLib$2();', '');
	out = replaceOnce(out, file, 'return libExports.codeFrameColumns(', 'return requireLib$2().codeFrameColumns(');
	for (const suffix of ['$1', '']) {
		out = replaceOnce(
			out,
			file,
			`var normalizeExports${suffix} = requireNormalize${suffix}();\nconst normalizePackageData${suffix} = getDefaultExportFromCjs(normalizeExports${suffix});`,
			`const normalizePackageData${suffix} = (...args) => getDefaultExportFromCjs(requireNormalize${suffix}())(...args);`,
		);
	}

	return out;
}

/** meow/build/options.js normalizing only a package.json it read itself. */
export function patchMeowOptions(source) {
	return replaceOnce(
		source,
		'meow/build/options.js',
		'\tnormalizePackageData(pkg);\n',
		'\tif (!options.pkg) normalizePackageData(pkg);\n',
	);
}

/** The esbuild plugin applying both patches. */
export const meowStartPlugin = {
	name: 'meow-start',
	setup(context) {
		context.onLoad({filter: /[/\\]meow[/\\]build[/\\]dependencies\.js$/}, (args) => ({
			contents: patchMeowDependencies(readFileSync(args.path, 'utf8')),
			loader: 'js',
		}));
		context.onLoad({filter: /[/\\]meow[/\\]build[/\\]options\.js$/}, (args) => ({
			contents: patchMeowOptions(readFileSync(args.path, 'utf8')),
			loader: 'js',
		}));
	},
};
