import process from 'node:process';
import type {ChildCommandName} from './child-names.js';
import {failWith} from './cli-error.js';
import {parseChildFlags} from './commands/child-flags.js';
import type {Command} from './commands/command.js';

/** Each child command in a chunk of its own: a session process does not load the echo server's code. */
export const childCommandLoaders: Record<ChildCommandName, () => Promise<Command>> = {
	session: async () => (await import('./commands/session.js')).sessionCommand,
	'server-child': async () => (await import('./commands/server-child.js')).serverChildCommand,
	'server-worker': async () => (await import('./commands/server-worker.js')).serverWorkerCommand,
	'experiment-job': async () => (await import('./commands/experiment-job.js')).experimentJobCommand,
};

/**
 * A hidden child command spawned by the dashboard, without meow and without the UI: a session process then
 * costs little more memory than a bare Node process holding one socket. `undefined` when the arguments are
 * not exactly what a parent writes: the caller runs the full CLI instead, so typed-by-hand runs behave the same.
 */
export async function runChild(name: ChildCommandName, argv: readonly string[]): Promise<number | undefined> {
	const command = await childCommandLoaders[name]();
	const flags = parseChildFlags(argv, command.flags);
	if (!flags) return undefined;
	// meow names the process after the package; keep that for ps and the timeline.
	process.title = 'socktui';
	try {
		return await command.run({flags, input: [], argv: [...argv]});
	} catch (error: unknown) {
		return failWith(error);
	}
}
