// Applies patches/ (one patch file per package, see patches/README.md) to node_modules with patch-package.
// Run by scripts/build.mjs before bundling and by vitest's global setup before the tests, so the bundle
// and the unit tests both use the patched Ink, string-width and meow. Not an install script: the published
// package has none (and no dependencies). Idempotent: a patch already applied is left as it is. Throws,
// with patch-package's output, when a patch does not apply (an upgraded package): never silently unpatched.
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export function applyPatches() {
	const result = spawnSync(
		process.execPath,
		[fileURLToPath(new URL('../node_modules/patch-package/index.js', import.meta.url)), '--error-on-fail'],
		{cwd: root, encoding: 'utf8'},
	);
	if (result.status !== 0)
		throw new Error(`patch-package could not apply patches/:\n${result.stdout}${result.stderr}${result.error ?? ''}`);
}
