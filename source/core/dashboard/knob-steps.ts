/** Stepped knobs: a key moves a value to the next or previous step, so values stay round and bounded. */
export const intervalSteps = [100, 200, 300, 500, 1000, 2000, 5000] as const;
export const burstSteps = [0, 10, 20, 50, 100, 200, 500] as const;
export const replyDelaySteps = [0, 10, 20, 50, 100, 200, 500, 1000, 2000] as const;
export const handlerCpuSteps = [0, 5, 10, 20, 50, 100, 200, 500] as const;

export function step(steps: readonly number[], current: number, direction: 1 | -1): number {
	if (direction > 0) return steps.find((value) => value > current) ?? steps.at(-1)!;
	return [...steps].reverse().find((value) => value < current) ?? steps[0]!;
}
