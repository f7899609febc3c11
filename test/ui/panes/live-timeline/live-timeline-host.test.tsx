import {messagesFor} from '../../../../source/ui/i18n/catalogues.js';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {ProcessSampler} from '../../../../source/core/procs/sampler.js';
import {stepInterval} from '../../../../source/ui/panes/live-timeline/live-bindings.js';
import {
	createLiveTimelineHostedPane,
	oneCpuNote,
} from '../../../../source/ui/panes/live-timeline/live-timeline-host.js';
import {FakeSource, FakeTimers} from '../../../core/procs/fake-source.js';
import {waitUntil} from '../../../helpers/wait.js';

async function waitForFrame(lastFrame: () => string | undefined, text: string | RegExp): Promise<void> {
	const shows = () => (typeof text === 'string' ? (lastFrame() ?? '').includes(text) : text.test(lastFrame() ?? ''));
	await waitUntil(shows, `the frame shows "${String(text)}"`, {
		timeoutMs: 5000,
		intervalMs: 10,
		state: () => `last frame: ${lastFrame()}`,
	});
}

describe('live timeline hosted pane', () => {
	it('applies key intents to the sampler at once (pause/resume, interval steps) and shows the one-CPU note', async () => {
		const source = new FakeSource();
		const sampler = new ProcessSampler({source, timers: new FakeTimers()});
		source.advance(1, {});
		sampler.watch(1, 'server');
		const {Component, bindings, dispatch} = createLiveTimelineHostedPane(sampler, {
			useNote: () => oneCpuNote({enabled: true, cpu: 1}),
		});
		expect(bindings.map((binding) => binding.keys[0])).toEqual(['space', '+', '-']);
		const {lastFrame, unmount} = render(<Component width={100} height={10} focused />);
		expect(lastFrame()).toContain('one-CPU mode: pinned to CPU 1');
		dispatch({type: 'live-toggle-pause'});
		expect(sampler.paused).toBe(true);
		await waitForFrame(lastFrame, 'PAUSED');
		// Keys in a row all apply (none is lost to batching): 100 -> 200 -> 100 -> 50 ms, then resume.
		dispatch({type: 'live-slower'});
		dispatch({type: 'live-faster'});
		dispatch({type: 'live-faster'});
		expect(sampler.intervalMs).toBe(50);
		await waitForFrame(lastFrame, '50 ms/column');
		dispatch({type: 'live-toggle-pause'});
		expect(sampler.paused).toBe(false);
		await waitForFrame(lastFrame, /^measured: \/proc/);
		// Not one of its intents: ignored.
		dispatch({type: 'toggle-play'});
		expect(sampler.paused).toBe(false);
		unmount();
		sampler.close();
	});

	it('steps the interval and words the one-CPU state', () => {
		expect(stepInterval(100, 'faster')).toBe(50);
		expect(stepInterval(50, 'faster')).toBe(50);
		expect(stepInterval(100, 'slower')).toBe(200);
		expect(stepInterval(130, 'slower')).toBe(200);
		expect(stepInterval(1000, 'slower')).toBe(1000);
		expect(oneCpuNote({enabled: false})).toBeUndefined();
		expect(oneCpuNote({enabled: false, unavailable: {code: 'noTaskset'}})).toBe(
			'one CPU unavailable: taskset not found (it is in util-linux); use the simulator view',
		);
		expect(oneCpuNote({enabled: false, unavailable: {code: 'noTaskset'}}, messagesFor('zh'))).toBe(
			'单 CPU 不可用: 找不到 taskset (在 util-linux 里); 请用模拟器视图',
		);
		expect(oneCpuNote({enabled: true, cpu: 3, uiCpu: 0}, messagesFor('zh'))).toBe(
			'单 CPU: 演示在 CPU 3, 本界面在 CPU 0',
		);
	});
});
