import {existsSync} from 'node:fs';
import {afterAll, describe, expect, it} from 'vitest';
import {chooseOneCpu, detectPinning} from '../../../source/core/procs/pinning.js';
import type {TimelineSnapshot} from '../../../source/core/procs/types.js';
import {unlessDisturbed} from '../../helpers/busy-machine.js';
import {
	killLiveChild,
	killLiveChildren,
	recentCells as recent,
	samplePinned,
	waitForSnapshot,
} from './live-sampling.js';

/**
 * The real thing: node children pinned to one core with taskset, sampled from /proc. No timing thresholds:
 * each case waits (bounded) until the sampler shows what it must, and fails loudly if it never does.
 */
const pinning = detectPinning();
const skipReason = !existsSync('/proc/self/schedstat')
	? 'no /proc/<pid>/schedstat (not Linux, or a kernel without schedstats)'
	: pinning.available
		? undefined
		: pinning.reason;
if (skipReason) console.warn(`live sampler tests skipped: ${skipReason}`);

afterAll(killLiveChildren);

const burner = 'for (;;) {}';
const sleeper = 'setInterval(() => {}, 1000)';
const twoBurners = [
	{label: 'burner-1', script: burner},
	{label: 'burner-2', script: burner},
];

const countOf = (cells: ReadonlyArray<string | undefined>, kind: string) =>
	cells.filter((cell) => cell === kind).length;

describe.skipIf(skipReason !== undefined)('ProcessSampler on live processes (Linux, taskset)', () => {
	const cpu = chooseOneCpu()!;

	it('sees a pinned CPU burner mostly running and a pinned idle process sleeping, then the idle one exit', async (context) => {
		await unlessDisturbed(context, async () =>
			samplePinned(
				cpu,
				[
					{label: 'burner', script: burner},
					{label: 'sleeper', script: sleeper},
				],
				async (sampler, [busy, idle]) => {
					const snapshot = await waitForSnapshot(
						sampler,
						(current) => {
							const busyCells = recent(current, busy!, 10);
							const idleCells = recent(current, idle!, 10);
							return (
								busyCells.length === 10 && countOf(busyCells, 'running') >= 6 && countOf(idleCells, 'sleeping') >= 9
							);
						},
						'the burner is running in 6 of 10 ticks and the sleeper sleeping in 9 of 10',
					);
					const busyLane = snapshot.processes.find((lane) => lane.pid === busy)!;
					expect(busyLane.latest.lastCpu).toBe(cpu);
					expect(busyLane.latest.state).toBe('R');
					// the core lane gives the pinned core to the burner at least once in the window
					expect([...snapshot.cores[cpu]!.owners.subarray(-10)]).toContain(busy);

					killLiveChild(idle!);
					const after = await waitForSnapshot(
						sampler,
						(current) => recent(current, idle!, 1)[0] === 'exited',
						'the killed sleeper shows as exited',
					);
					expect(after.processes.find((lane) => lane.pid === idle)!.exited).toBe(true);
				},
			),
		);
	}, 60_000);

	it('shows runnable time when two CPU burners share one core', async (context) => {
		await unlessDisturbed(context, async () =>
			samplePinned(cpu, twoBurners, async (sampler, pids) => {
				const snapshot = await waitForSnapshot(
					sampler,
					(current) => pids.some((pid) => recent(current, pid, 20).includes('runnable')),
					'one of the burners shows a runnable (waiting for the CPU) tick',
				);
				const waits = snapshot.processes.map((lane) => lane.latest.waitFraction ?? 0);
				expect(waits.some((wait) => wait > 0)).toBe(true);
				expect(snapshot.processes.every((lane) => lane.latest.involuntary !== undefined)).toBe(true);
			}),
		);
	}, 60_000);

	it('marks the turns: two burners sharing one core both got CPU time in each 100 ms column', async (context) => {
		await unlessDisturbed(context, async () =>
			samplePinned(cpu, twoBurners, async (sampler, pids) => {
				const ranIn = (snapshot: TimelineSnapshot, pid: number) => [
					...(snapshot.processes.find((lane) => lane.pid === pid)?.ran.subarray(-5) ?? []),
				];
				const snapshot = await waitForSnapshot(
					sampler,
					(current) =>
						pids.every((pid) => ranIn(current, pid).length === 5 && ranIn(current, pid).every((ran) => ran === 1)),
					'both burners ran during each of 5 columns in a row',
				);
				// Whatever state won each column, the "ran" mark shows both took turns.
				const states = pids.flatMap((pid) => recent(snapshot, pid, 5));
				expect(states.every((state) => state === 'running' || state === 'runnable')).toBe(true);
			}),
		);
	}, 60_000);
});
