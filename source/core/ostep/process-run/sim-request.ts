import {SocktuiError} from '../../errors.js';
import type {SimArgs} from './sim-args.js';
import {
	ioDonePolicies,
	switchPolicies,
	type IoDonePolicy,
	type SimConfig,
	type SwitchPolicy,
	type Workload,
} from './types.js';
import {buildWorkload} from './workload.js';

/** A parsed and validated `socktui sim` invocation. */
export interface SimRequest {
	readonly seed: bigint;
	readonly workload: Workload;
	readonly config: SimConfig;
	readonly solve: boolean;
	readonly printStats: boolean;
	readonly json: boolean;
	readonly compare: boolean;
}

const maxIoLength = 1_000_000n;

/**
 * Validates in the reference's order, so the same bad input fails the same way: `-S`/`-I` first,
 * then loading the programs (SimReferenceError on stdout), then `-L`.
 */
export function resolveSimRequest(args: SimArgs): SimRequest {
	if (!switchPolicies.includes(args.switchPolicy as SwitchPolicy)) {
		throw new SocktuiError('BadUsage', `sim: -S must be SWITCH_ON_IO or SWITCH_ON_END, not '${args.switchPolicy}'`);
	}
	if (!ioDonePolicies.includes(args.ioDonePolicy as IoDonePolicy)) {
		throw new SocktuiError('BadUsage', `sim: -I must be IO_RUN_LATER or IO_RUN_IMMEDIATE, not '${args.ioDonePolicy}'`);
	}
	const workload = buildWorkload(args);
	if (args.ioLength < 0n) throw new SocktuiError('BadUsage', `sim: -L must be 0 or more, not ${args.ioLength}`);
	if (args.ioLength > maxIoLength)
		throw new SocktuiError('BadUsage', `sim: -L must be at most ${maxIoLength}, not ${args.ioLength}`);
	return {
		seed: args.seed,
		workload,
		config: {
			switchPolicy: args.switchPolicy as SwitchPolicy,
			ioDonePolicy: args.ioDonePolicy as IoDonePolicy,
			ioLength: Number(args.ioLength),
			quantum: args.quantum,
			switchCost: args.switchCost,
		},
		solve: args.solve,
		printStats: args.printStats,
		json: args.json,
		compare: args.compare,
	};
}
