/** Named workloads that tell the tutorial's story, written as `socktui sim` options. */
export interface SimPreset {
	readonly id: string;
	readonly name: string;
	/** One line the pane shows: what to look for. */
	readonly story: string;
	readonly args: string;
}

export const simPresets: readonly SimPreset[] = [
	{
		id: 'cpu-bound',
		name: 'CPU-bound',
		story: 'no IO: the CPU is always busy, switching policy changes nothing',
		args: '-l 5:100,5:100 -S SWITCH_ON_IO',
	},
	{
		id: 'io-bound',
		name: 'IO-bound',
		story: 'mostly waiting: switching on IO overlaps the waits (press c to compare)',
		args: '-P i,i,i:i,i,i -L 5 -S SWITCH_ON_IO',
	},
	{
		id: 'mixed',
		name: 'Mixed',
		story: 'one IO job, one CPU job: the CPU job runs while the IO is in flight',
		args: '-l 1:0,4:100 -L 5 -S SWITCH_ON_IO',
	},
	{
		id: 'io-immediate',
		name: 'IO done, run now',
		story: 'press i: IO_RUN_IMMEDIATE gives the CPU back to the job whose IO just finished',
		args: '-l 3:0,5:100,5:100 -L 5 -S SWITCH_ON_IO -I IO_RUN_IMMEDIATE',
	},
	{
		id: 'cpu-hog-rr',
		name: 'CPU hogs, round robin',
		story: 'time slices of 1 and a 1-tick switch: multiplexing CPU-bound jobs loses to serial',
		args: '-P c6:c6 --quantum 1 --switch-cost 1 --compare',
	},
];
