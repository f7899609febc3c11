import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {ProcessSampler} from '../../../../source/core/procs/sampler.js';
import {useLiveTimeline, type TimelineSource} from '../../../../source/ui/panes/live-timeline/use-live-timeline.js';
import {FakeSource, FakeTimers} from '../../../core/procs/fake-source.js';
import {waitUntil} from '../../../helpers/wait.js';

function Probe({source}: {source: TimelineSource}) {
	const snapshot = useLiveTimeline(source, 1000);
	return <Text>{`tick ${snapshot.tick} lanes ${snapshot.processes.map((lane) => lane.label).join(',')}`}</Text>;
}

async function waitForFrame(lastFrame: () => string | undefined, text: string): Promise<void> {
	await waitUntil(() => (lastFrame() ?? '').includes(text), `the frame shows "${text}"`, {
		timeoutMs: 5000,
		intervalMs: 10,
		state: () => `last frame: ${lastFrame()}`,
	});
}

describe('useLiveTimeline', () => {
	it('follows the sampler: new lanes and ticks reach the screen, and it unsubscribes on unmount', async () => {
		const source = new FakeSource();
		const timers = new FakeTimers();
		const sampler = new ProcessSampler({source, timers});
		let subscribed = 0;
		const counted: TimelineSource = {
			subscribe(listener) {
				subscribed += 1;
				const unsubscribe = sampler.subscribe(listener);
				return () => {
					subscribed -= 1;
					unsubscribe();
				};
			},
			snapshot: () => sampler.snapshot(),
		};
		const {lastFrame, unmount} = render(<Probe source={counted} />);
		expect(lastFrame()).toBe('tick 0 lanes');
		expect(subscribed).toBe(1);
		source.advance(1, {});
		sampler.watch(1, 'server');
		await waitForFrame(lastFrame, 'tick 0 lanes server');
		for (let tick = 1; tick <= 3; tick++) {
			timers.time += 100;
			await sampler.sampleNow();
			await waitForFrame(lastFrame, `tick ${tick} lanes server`);
		}

		unmount();
		expect(subscribed).toBe(0);
		sampler.close();
	});
});
