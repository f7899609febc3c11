import {readdirSync, readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {JobProcesses} from '../../../source/core/experiment/run-jobs.js';
import type {ExperimentPlan} from '../../../source/core/experiment/types.js';
import {detect} from '../../../source/core/procs/pinning.js';
import {realtimeNodeFlags} from '../../../source/core/procs/realtime.js';
import {cliPath} from '../../helpers/run-cli.js';

const pinning = process.platform === 'linux' ? detect('linux', process.env.PATH ?? '') : undefined;
const canFifo = pinning?.available === true && pinning.allowedCpus.length >= 2 && process.getuid?.() === 0;

function plan(policy: ExperimentPlan['policy']): ExperimentPlan {
	return {
		jobs: [{program: 'c5'}, {program: 'c5'}],
		tickMs: 10,
		ioMs: 10,
		ioKind: 'sleep',
		policy,
		serial: false,
		concurrent: true,
	};
}

/** The names of a process's threads (Node 22+ names V8's workers `V8Worker`; Node 20 calls every thread `node`). */
function threadNames(pid: number): string[] {
	return readdirSync(`/proc/${pid}/task`).map((tid) => readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim());
}

describe('real-time FIFO jobs', () => {
	it('have one V8 background thread: on Node 24+ a pool per core let a woken V8 worker hand the CPU to the next job', () => {
		expect(realtimeNodeFlags).toEqual(['--v8-pool-size=1']);
	});

	it.skipIf(!canFifo)(
		'are started with the real-time Node flags (and normal jobs without them)',
		async () => {
			const cpus = pinning?.available === true ? pinning.allowedCpus : [];
			const threads = {fifo: [] as string[][], normal: [] as string[][]};
			for (const policy of ['fifo', 'normal'] as const) {
				const jobs = new JobProcesses({
					cliPath,
					execArgv: [],
					pinCpu: cpus.at(-1),
					host: '127.0.0.1',
					port: 0,
				});
				await jobs.run('concurrent', plan(policy), (pids) => {
					for (const pid of pids) threads[policy].push(threadNames(pid));
				});
			}

			expect(threads.fifo).toHaveLength(2);
			expect(threads.normal).toHaveLength(2);
			// The job children set their title, so /proc/PID/cmdline does not show the flags: count threads.
			const fewest = Math.min(...threads.normal.map((names) => names.length));
			for (const names of threads.fifo) {
				expect(names.length).toBeLessThan(fewest);
				expect(names.filter((name) => name === 'V8Worker').length).toBeLessThanOrEqual(1);
			}
		},
		60_000,
	);
});
