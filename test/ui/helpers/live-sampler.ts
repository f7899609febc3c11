import {ProcessSampler} from '../../../source/core/procs/sampler.js';
import {FakeSource, FakeTimers} from '../../core/procs/fake-source.js';

/** A real sampler over a scripted source: the server, the dashboard and a session, each with a lane. */
export async function liveSampler(): Promise<ProcessSampler> {
	const source = new FakeSource({coreCount: 2});
	const timers = new FakeTimers();
	const sampler = new ProcessSampler({source, timers, intervalMs: 100, columns: 300});
	source.cores = [0, 1].map((cpu) => ({cpu, busyNs: 0, totalNs: 0}));
	const lanes: Array<[number, string]> = [
		[4242, 'server'],
		[4343, 'dashboard (this UI)'],
		[1001, '#1 TCP'],
	];
	for (const [pid, label] of lanes) {
		source.advance(pid, {});
		sampler.watch(pid, label);
	}

	for (let tick = 0; tick < 20; tick++) {
		const computing = tick % 4 < 2;
		sampler.reportPhase(1001, computing ? 'computing' : 'waiting-reply');
		source.advance(4242, {runNs: 15e6, cpu: 0, state: 'S', voluntary: 3, rssBytes: 40e6});
		source.advance(4343, {runNs: 30e6, cpu: 0, state: 'S', voluntary: 2, rssBytes: 90e6});
		source.advance(
			1001,
			computing
				? {runNs: 40e6, waitNs: 50e6, cpu: 1, state: 'R', involuntary: 2, rssBytes: 45e6}
				: {cpu: 1, state: 'S', voluntary: 1},
		);
		source.cores = [
			{cpu: 0, busyNs: (tick + 1) * 10e6, totalNs: (tick + 1) * 100e6},
			{cpu: 1, busyNs: (tick + 1) * 100e6, totalNs: (tick + 1) * 100e6},
		];
		timers.time += 100;
		await sampler.sampleNow();
	}

	return sampler;
}
