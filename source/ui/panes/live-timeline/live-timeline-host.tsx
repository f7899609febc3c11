import type {OneCpuView} from '../../../core/dashboard/snapshot.js';
import {messagesEn, type Messages} from '../../i18n/messages-en.js';
import {useMessages} from '../../i18n/use-messages.js';
import {useTheme} from '../../theme.js';
import type {HostedPane, HostedPaneProps} from '../../timeline-host.js';
import {isLiveTimelineIntent, liveTimelineBindings, stepInterval} from './live-bindings.js';
import {LiveTimelineLines} from './live-timeline-pane.js';
import {useTimelineLines, type TimelineSource} from './use-live-timeline.js';

/** What the host needs from a ProcessSampler: snapshots, plus the controls its keys drive. */
export interface LiveTimelineControl extends TimelineSource {
	readonly paused: boolean;
	readonly intervalMs: number;
	pause(): void;
	resume(): void;
	setIntervalMs(ms: number): number;
}

/** One-CPU mode in words for the pane's header. */
export function oneCpuNote(view: OneCpuView, messages: Messages = messagesEn): string | undefined {
	const words = messages.timeline;
	if (view.unavailable) {
		const failure = view.unavailable;
		return words.oneCpuUnavailable((messages.pinFailure[failure.code] as (value: typeof failure) => string)(failure));
	}

	if (view.enabled && view.cpu !== undefined && view.uiCpu !== undefined) return words.oneCpuBoth(view.cpu, view.uiCpu);
	if (view.enabled) return view.cpu === undefined ? words.oneCpuMode : words.oneCpuPinned(view.cpu);
	return undefined;
}

/** Hooks that feed the pane what the dashboard knows besides the sampler (each optional). */
export interface LiveTimelineHooks {
	/** The one-CPU note for the header (e.g. from the store snapshot via oneCpuNote). */
	useNote?: () => string | undefined;
	/** The PID whose lane to highlight (the guided tour's narration names it). */
	useHighlight?: () => number | undefined;
	/** The demo's CPU in one-CPU mode: its core row is kept like a process lane. */
	useDemoCpu?: () => number | undefined;
	/** Each process lane shows its memory (the guided tour's step about memory). */
	useLaneMemory?: () => boolean;
}

/**
 * Adapts the live timeline to the dashboard's timeline host. The sampler is created, started and closed by
 * the dashboard (core) and holds the view's state (paused, sampling period); this renders its snapshots
 * and turns keys into sampler calls at once.
 */
export function createLiveTimelineHostedPane(
	sampler: LiveTimelineControl,
	{
		useNote = () => undefined,
		useHighlight = () => undefined,
		useDemoCpu = () => undefined,
		useLaneMemory = () => false,
	}: LiveTimelineHooks = {},
): HostedPane {
	function LiveTimelineHostedPane({width, height, focused}: HostedPaneProps) {
		const theme = useTheme();
		const words = useMessages().timeline;
		const note = useNote();
		const highlightPid = useHighlight();
		const demoCpu = useDemoCpu();
		const laneMemory = useLaneMemory();
		const lines = useTimelineLines(sampler, {
			width,
			height,
			ascii: theme.ascii,
			color: theme.color,
			focused,
			oneCpuNote: note,
			highlightPid,
			demoCpu,
			words,
			laneMemory,
		});
		return <LiveTimelineLines lines={lines} width={width} height={height} color={theme.color} />;
	}

	return {
		Component: LiveTimelineHostedPane,
		bindings: liveTimelineBindings,
		dispatch(intent) {
			if (!isLiveTimelineIntent(intent)) return;
			if (intent.type === 'live-toggle-pause') {
				if (sampler.paused) sampler.resume();
				else sampler.pause();
			} else {
				sampler.setIntervalMs(stepInterval(sampler.intervalMs, intent.type === 'live-faster' ? 'faster' : 'slower'));
			}
		},
	};
}
