import {type ChildProcess, spawn} from 'node:child_process';
import {SocktuiError} from '../errors.js';
import {pinnedCommand} from './pinning.js';

/**
 * Spawns one of the dashboard's children (`node CLI server-child ...`, `node CLI session ...`) with an IPC
 * channel and stderr piped, pinned to `pinCpu` with taskset when asked (`taskset -c CPU node ...`: taskset
 * execs node, so the PID we hold is the child's own). `what` names the child in error messages ("the
 * server process", "a client session"). Throws a SocktuiError when it cannot start; nothing is left behind.
 */
export function spawnCliChild(
	argv: readonly [string, ...string[]],
	pinCpu: number | undefined,
	what: string,
): ChildProcess & {readonly pid: number} {
	let [command, ...args] = argv;
	if (pinCpu !== undefined) {
		const pinned = pinnedCommand(pinCpu, command, args);
		if (!pinned.ok) throw new SocktuiError('BadInput', `cannot pin ${what} to CPU ${pinCpu}: ${pinned.reason}`);
		({command, args} = pinned);
	}

	let child: ChildProcess;
	try {
		child = spawn(command, args, {stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'json'});
	} catch (error: unknown) {
		const reason = error instanceof Error ? error.message : String(error);
		throw new SocktuiError('Internal', `cannot start ${what}: ${reason}`, {cause: error});
	}

	if (child.pid === undefined) {
		// Spawn failures (e.g. a missing taskset) are reported asynchronously; nothing to clean up.
		child.on('error', () => {});
		throw new SocktuiError('Internal', `cannot start ${what} (${command} did not start)`);
	}

	return child as ChildProcess & {readonly pid: number};
}
