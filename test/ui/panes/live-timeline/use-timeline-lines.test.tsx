import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import type {TimelineSnapshot} from '../../../../source/core/procs/types.js';
import {LiveTimelineLines} from '../../../../source/ui/panes/live-timeline/live-timeline-pane.js';
import {useTimelineLines, type TimelineSource} from '../../../../source/ui/panes/live-timeline/use-live-timeline.js';
import {sampleSnapshot} from './fixture.js';
import {waitUntil} from '../../../helpers/wait.js';

/** A source whose snapshot is set by the test; every read is a fresh object, as every sample is. */
class ScriptedSource implements TimelineSource {
	reads = 0;
	#listeners = new Set<(snapshot: TimelineSnapshot) => void>();
	current: TimelineSnapshot;

	constructor(current: TimelineSnapshot) {
		this.current = current;
	}

	subscribe(listener: (snapshot: TimelineSnapshot) => void) {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	}

	snapshot(): TimelineSnapshot {
		this.reads += 1;
		return {...this.current};
	}

	publish(snapshot: TimelineSnapshot): void {
		this.current = snapshot;
		for (const listener of this.#listeners) listener(snapshot);
	}
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
	await waitUntil(condition, what, {timeoutMs: 5000, intervalMs: 5});
}

describe('useTimelineLines', () => {
	it('re-renders when the lines on screen change, not for a new snapshot that draws the same lines', async () => {
		const first = await sampleSnapshot({ticks: 30});
		const later = await sampleSnapshot({ticks: 31});
		const source = new ScriptedSource(first);
		let renders = 0;
		function Probe() {
			renders += 1;
			const lines = useTimelineLines(source, {width: 80, height: 12, ascii: true, color: false, focused: false}, 1000);
			return <LiveTimelineLines lines={lines} width={80} height={12} color={false} />;
		}

		const {lastFrame, unmount} = render(<Probe />);
		const initialFrame = lastFrame();
		const initialRenders = renders;
		for (let index = 0; index < 5; index++) {
			const reads = source.reads;
			source.publish(first);

			await waitFor(() => source.reads > reads, 'the hook reading the new snapshot');
		}

		expect(renders).toBe(initialRenders);
		source.publish(later);
		await waitFor(() => lastFrame() !== initialFrame, 'the later snapshot on screen');
		expect(renders).toBe(initialRenders + 1);
		unmount();
	});
});
