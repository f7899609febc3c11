import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import type {Plugin} from 'esbuild';
import {root} from './bundle-module.js';

/** The patch files applied by patch-package at `npm ci` (the `prepare` script), one per package. */
export const patchesDirectory = join(root, 'patches');
export const patchFiles = readdirSync(patchesDirectory).filter((name) => name.endsWith('.patch'));

/** All the patches' text. */
export const patchText = patchFiles.map((name) => readFileSync(join(patchesDirectory, name), 'utf8')).join('\n');

/** The node_modules paths (from the repository's root) that the patches change. */
export const patchedPaths = [...patchText.matchAll(/^\+\+\+ b\/(\S+)$/gm)].map((match) => match[1]!);

/**
 * The upstream text of every patched file: the installed files with the patches taken back out
 * (`git apply -R` in a scratch copy). Throws if a patch does not reverse cleanly, i.e. the installed
 * packages are not exactly upstream + patch.
 */
export function upstreamTexts(): Map<string, string> {
	const scratch = mkdtempSync(join(tmpdir(), 'socktui-upstream-'));
	try {
		for (const path of patchedPaths) {
			mkdirSync(join(scratch, dirname(path)), {recursive: true});
			// patch-package leaves a file whose patch adds its last lines without the final newline; git wants it.
			const text = readFileSync(join(root, path), 'utf8');
			writeFileSync(join(scratch, path), text.endsWith('\n') ? text : `${text}\n`);
		}

		for (const name of patchFiles) execFileSync('git', ['apply', '-R', join(patchesDirectory, name)], {cwd: scratch});
		return new Map(patchedPaths.map((path) => [join(root, path), readFileSync(join(scratch, path), 'utf8')]));
	} finally {
		rmSync(scratch, {recursive: true, force: true});
	}
}

/** An esbuild plugin that bundles the upstream text of the patched files (to compare with the installed). */
export function upstreamPlugin(): Plugin {
	const texts = upstreamTexts();
	return {
		name: 'upstream',
		setup(context) {
			context.onLoad({filter: /node_modules/}, (args) => {
				const contents = texts.get(args.path);
				return contents === undefined ? undefined : {contents, loader: 'js'};
			});
		},
	};
}

function figure(pattern: RegExp): number {
	const match = pattern.exec(patchText);
	if (!match) throw new Error(`no ${String(pattern)} in patches/`);
	return Number(match[1]);
}

/** The caches' bounds as patched in (see patches/README.md). */
export const maxCachedEntries = figure(/map\.size >= (\d+) \|\| used >/);
export const maxCachedChars = figure(/ \|\| used > (\d+)\)/);
export const maxCachedCells = figure(/cachedCells \+ cells\.length > (\d+)\)/);

/** string-width 8's fast path's character class, as patched in. */
export const narrowTextClass = /^\+const narrowText = \/\^\[(.+)\]\*\$\/;$/m.exec(patchText)![1]!;
