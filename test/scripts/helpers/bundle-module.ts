import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {build, type Plugin} from 'esbuild';

/** The repository's root, for paths into node_modules. */
export const root = new URL('../../..', import.meta.url).pathname;

/**
 * A scratch directory for bundles of installed packages, bundled the way scripts/build.mjs bundles them
 * (ESM for Node 20, a `require` for bundled CommonJS) with or without the build's patches.
 */
export class ModuleBundler {
	readonly #directory = mkdtempSync(join(tmpdir(), 'socktui-bundle-'));

	/** Bundles `entrySource` (module text; use absolute paths) as `name` with `plugins`, and imports it. */
	async bundle<T>(name: string, entrySource: string, plugins: Plugin[]): Promise<T> {
		const entry = join(this.#directory, `${name}-entry.mjs`);
		writeFileSync(entry, entrySource);
		const outfile = join(this.#directory, `${name}.mjs`);
		await build({
			entryPoints: [entry],
			outfile,
			bundle: true,
			platform: 'node',
			format: 'esm',
			target: 'node20',
			logLevel: 'warning',
			banner: {js: "import {createRequire} from 'node:module';const require=createRequire(import.meta.url);"},
			plugins,
		});
		return (await import(pathToFileURL(outfile).href)) as T;
	}

	/** A file path in the scratch directory (for `importMeta` and the like). */
	path(name: string): string {
		return join(this.#directory, name);
	}

	dispose(): void {
		rmSync(this.#directory, {recursive: true, force: true});
	}
}
