/** The simulator's vocabulary, named as the reference prints it. */
export type Instruction = 'cpu' | 'io' | 'io_done';
export type ProcState = 'READY' | 'RUNNING' | 'BLOCKED' | 'DONE';
export type SwitchPolicy = 'SWITCH_ON_IO' | 'SWITCH_ON_END';
export type IoDonePolicy = 'IO_RUN_LATER' | 'IO_RUN_IMMEDIATE';

export const switchPolicies: readonly SwitchPolicy[] = ['SWITCH_ON_IO', 'SWITCH_ON_END'];
export const ioDonePolicies: readonly IoDonePolicy[] = ['IO_RUN_LATER', 'IO_RUN_IMMEDIATE'];

/** Every process's instructions, in pid order. */
export interface Workload {
	readonly processes: ReadonlyArray<readonly Instruction[]>;
}

export interface SimConfig {
	readonly switchPolicy: SwitchPolicy;
	readonly ioDonePolicy: IoDonePolicy;
	/** Ticks an IO takes (`-L`); it completes at issue tick + ioLength + 1. */
	readonly ioLength: number;
	/** Extension: round-robin time slice in executed instructions; 0 = off (the reference). */
	readonly quantum: number;
	/** Extension: ticks a context switch costs; 0 = free (the reference). */
	readonly switchCost: number;
}

export const referenceConfig: SimConfig = {
	switchPolicy: 'SWITCH_ON_IO',
	ioDonePolicy: 'IO_RUN_LATER',
	ioLength: 5,
	quantum: 0,
	switchCost: 0,
};
