import process from 'node:process';
import {isChildCommandName} from './child-names.js';

// The entry point stays tiny: `--version` answers from here, the dashboard's children load a light chunk
// (no meow, no UI), and everything else loads the full CLI; the dashboard's Ink UI is a further chunk.
const argv = process.argv.slice(2);
const [name, ...rest] = argv;
if (argv.length === 1 && name === '--version') {
	process.stdout.write(`${SOCKTUI_VERSION}\n`);
} else {
	let code: number | undefined;
	if (typeof process.send === 'function' && isChildCommandName(name)) {
		const {runChild} = await import('./child-main.js');
		code = await runChild(name, rest);
	}

	if (code === undefined) {
		const {runCli} = await import('./cli-main.js');
		code = await runCli(argv);
	}

	process.exitCode = code;
}
