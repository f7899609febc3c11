import {ProcessSampler} from '../../../../source/core/procs/sampler.js';
import type {Capabilities, TimelineSnapshot} from '../../../../source/core/procs/types.js';
import {FakeSource, FakeTimers} from '../../../core/procs/fake-source.js';

const tickNs = 100e6;

/**
 * A real sampler over a scripted source: a server that mostly sleeps, a session that computes then waits
 * for its reply (and says so), a CPU hog sharing its core, and a session that exits.
 */
export async function sampleSnapshot(
	options: {
		ticks?: number;
		capabilities?: Partial<Capabilities>;
		columns?: number;
		goneAtTick?: number;
		extra?: number;
		/** The server lane's label (a program or thread name may be Chinese). */
		serverLabel?: string;
	} = {},
): Promise<TimelineSnapshot> {
	const source = new FakeSource({capabilities: options.capabilities, coreCount: 2});
	const timers = new FakeTimers();
	const sampler = new ProcessSampler({source, timers, intervalMs: 100, columns: options.columns ?? 600});
	const pids = {server: 4242, session: 5151, hog: 6161, gone: 7171};
	for (const pid of Object.values(pids)) source.advance(pid, {});
	source.cores = [0, 1].map((cpu) => ({cpu, busyNs: 0, totalNs: 0}));
	sampler.watch(pids.server, options.serverLabel ?? 'server');
	sampler.watch(pids.session, 'S1 tcp');
	sampler.watch(pids.hog, 'hog');
	sampler.watch(pids.gone, 'S2 udp');
	for (let index = 0; index < (options.extra ?? 0); index++) {
		source.advance(9000 + index, {});
		sampler.watch(9000 + index, `extra ${index}`);
	}

	const ticks = options.ticks ?? 30;
	const goneAt = options.goneAtTick ?? ticks - 5;
	for (let tick = 0; tick < ticks; tick++) {
		const computing = tick % 6 < 3;
		sampler.reportPhase(pids.session, computing ? 'computing' : 'waiting-reply');
		source.advance(pids.server, {runNs: 0.15 * tickNs, cpu: 0, state: 'S', voluntary: 3});
		source.advance(
			pids.session,
			computing
				? {runNs: 0.4 * tickNs, waitNs: 0.5 * tickNs, cpu: 1, state: 'R', involuntary: 2}
				: {cpu: 1, state: 'S', voluntary: 1},
		);
		source.advance(
			pids.hog,
			computing ? {runNs: 0.5 * tickNs, waitNs: 0.5 * tickNs, cpu: 1, state: 'R'} : {runNs: tickNs, cpu: 1, state: 'R'},
		);
		if (tick === goneAt) source.kill(pids.gone);
		source.cores = [
			{cpu: 0, busyNs: (tick + 1) * 0.1 * tickNs, totalNs: (tick + 1) * tickNs},
			{cpu: 1, busyNs: (tick + 1) * tickNs, totalNs: (tick + 1) * tickNs},
		];
		timers.time += 100;
		await sampler.sampleNow();
	}

	return sampler.snapshot();
}

export const pids = {server: 4242, session: 5151, hog: 6161, gone: 7171};
