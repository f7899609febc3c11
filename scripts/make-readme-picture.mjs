// Regenerates the README's picture with socktui itself: `npm run docs:picture` (builds first).
// The simulator is deterministic (a fixed -P program, no random seed), so the SVG is the same byte for byte
// on every run; `node scripts/make-readme-picture.mjs --check` fails when the committed file differs.
import {execFileSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const output = path.join(root, 'docs/images/multiplexing.svg');
// Tour step 7's idea on the simulator: three programs with IO, serial against multiprogrammed.
const simOptions = '-P c3,i:c2,i,c1:i,c4 -L 4 --compare';

// The same output whatever the caller's terminal settings: colour on, UTF-8 glyphs, English.
const env = {...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8'};
delete env.NO_COLOR;
const svg = execFileSync(process.execPath, [path.join(root, 'dist/cli.js'), 'export-svg', '--sim', simOptions], {
	encoding: 'utf8',
	env,
});

if (process.argv.includes('--check')) {
	if (readFileSync(output, 'utf8') !== svg) {
		console.error(`${path.relative(root, output)} is out of date: run npm run docs:picture`);
		process.exit(1);
	}
} else {
	writeFileSync(output, svg);
	console.log(`wrote ${path.relative(root, output)} (socktui export-svg --sim "${simOptions}")`);
}
