export {
	isLiveTimelineIntent,
	liveIntervalSteps,
	liveTimelineBindings,
	stepInterval,
	type LiveTimelineIntent,
} from './live-bindings.js';
export {createLiveTimelineHostedPane, oneCpuNote, type LiveTimelineControl} from './live-timeline-host.js';
export {
	LiveTimelineLines,
	LiveTimelinePane,
	type LiveTimelineLinesProps,
	type LiveTimelinePaneProps,
} from './live-timeline-pane.js';
export {buildTimelineLines, lineText, type TimelineLine, type TimelineLineOptions} from './timeline-lines.js';
export {useLiveTimeline, useTimelineLines, type TimelineSource} from './use-live-timeline.js';
