import {burnCpu} from '../../procs/cpu-burst.js';
import type {HandlerKnobs} from '../server-model.js';
import {uppercase} from '../uppercase.js';

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the calling thread for `ms` (Atomics.wait): nothing else runs on it meanwhile, as a blocking recv/sleep. */
export function blockingSleep(ms: number): void {
	if (ms > 0) Atomics.wait(sleepCell, 0, 0, ms);
}

/**
 * The blocking handler the iterative model runs on the server's only thread, and a thread or child runs
 * on its own: uppercase, burn the handler CPU, sleep the reply delay; returns the reply.
 */
export function runHandler(bytes: Uint8Array, knobs: HandlerKnobs): Uint8Array {
	const reply = uppercase(bytes);
	burnCpu(knobs.handlerCpuMs);
	blockingSleep(knobs.replyDelayMs);
	return reply;
}
