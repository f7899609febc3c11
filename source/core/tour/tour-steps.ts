import type {Protocol} from '../defaults.js';
import type {ServerModel} from '../echo/server-model.js';
import type {ExperimentPresetName} from '../experiment/presets.js';

/** The tour's steps, in the tutorial's order: sockets first, then processes and multiprogramming. */
export const tourStepIds = [
	'udp-messages',
	'tcp-stream',
	'iterative',
	'threads-processes',
	'program-process',
	'serial-concurrent',
	'time-io',
	'time-cpu',
	'space',
] as const;
export type TourStepId = (typeof tourStepIds)[number];

/** The timeline views a step can ask for (the dashboard's `v` views). */
export type TourView = 'live' | 'experiment';

/**
 * One change a step makes to the dashboard, in order. Each records what it changed so that leaving the
 * step undoes exactly that (see tour-director.ts).
 */
export type TourAction =
	/** The timeline view, `zoomed` to the whole screen above the strip (the experiment's charts need it at 80x24). */
	| {kind: 'view'; view: TourView; zoomed?: boolean}
	| {kind: 'model'; model: ServerModel}
	| {kind: 'reply-delay'; ms: number}
	| {kind: 'handler-cpu'; ms: number}
	| {kind: 'one-cpu'; on: boolean}
	/**
	 * Shows or hides the dashboard's own lane in the live timeline (key `d`): the observer is not what these
	 * steps are about, and at 80x24 its lane would push a session's lane or the CPU row off the pane.
	 */
	| {kind: 'dashboard-lane'; shown: boolean}
	/** Opens a session of the step's own (closed again on leaving), in auto mode when `auto` is given. */
	| {kind: 'session'; protocol: Protocol; auto?: {intervalMs: number; burstMs: number}}
	/** The step's first session sends two messages in one go (key `b`): TCP a stream, UDP two datagrams. */
	| {kind: 'send-pair'}
	/** Waits (bounded) until the server serves this many connections with threads or child processes. */
	| {kind: 'await-workers'; count: number}
	/** Runs the experiment view's serial and concurrent runs of a preset (stopped on leaving). */
	| {kind: 'experiment'; preset: ExperimentPresetName};

export interface TourStep {
	id: TourStepId;
	setup: readonly TourAction[];
}

/** A plain server: the event loop, no reply delay, no handler CPU. */
const plainServer: readonly TourAction[] = [
	{kind: 'model', model: 'event-loop'},
	{kind: 'reply-delay', ms: 0},
	{kind: 'handler-cpu', ms: 0},
];

const auto = (intervalMs: number, burstMs = 0) => ({intervalMs, burstMs});

export const tourSteps: readonly TourStep[] = [
	{
		id: 'udp-messages',
		setup: [
			{kind: 'view', view: 'live'},
			...plainServer,
			{kind: 'one-cpu', on: false},
			{kind: 'session', protocol: 'udp', auto: auto(1000)},
			{kind: 'session', protocol: 'udp', auto: auto(1500)},
			{kind: 'send-pair'},
		],
	},
	{
		id: 'tcp-stream',
		setup: [
			{kind: 'view', view: 'live'},
			...plainServer,
			{kind: 'one-cpu', on: false},
			{kind: 'session', protocol: 'tcp', auto: auto(1000)},
			{kind: 'session', protocol: 'tcp', auto: auto(1500)},
			{kind: 'send-pair'},
		],
	},
	{
		id: 'iterative',
		setup: [
			{kind: 'view', view: 'live'},
			{kind: 'reply-delay', ms: 0},
			{kind: 'handler-cpu', ms: 0},
			{kind: 'one-cpu', on: false},
			{kind: 'model', model: 'iterative'},
			{kind: 'session', protocol: 'tcp', auto: auto(1000)},
			{kind: 'session', protocol: 'tcp', auto: auto(1000)},
		],
	},
	{
		// The first session is served by a thread, the second (after the model changes) by a child process.
		id: 'threads-processes',
		setup: [
			{kind: 'view', view: 'live'},
			{kind: 'reply-delay', ms: 0},
			{kind: 'handler-cpu', ms: 50},
			{kind: 'one-cpu', on: false},
			{kind: 'dashboard-lane', shown: false},
			{kind: 'model', model: 'threads'},
			{kind: 'session', protocol: 'tcp', auto: auto(700)},
			{kind: 'await-workers', count: 1},
			{kind: 'model', model: 'processes'},
			{kind: 'session', protocol: 'tcp', auto: auto(700)},
			{kind: 'await-workers', count: 2},
		],
	},
	{
		id: 'program-process',
		setup: [
			{kind: 'view', view: 'live'},
			...plainServer,
			{kind: 'one-cpu', on: false},
			{kind: 'dashboard-lane', shown: false},
			{kind: 'session', protocol: 'tcp', auto: auto(700)},
			{kind: 'session', protocol: 'tcp', auto: auto(1500)},
			{kind: 'session', protocol: 'tcp'},
		],
	},
	{
		id: 'serial-concurrent',
		setup: [
			{kind: 'view', view: 'experiment', zoomed: true},
			{kind: 'one-cpu', on: false},
			{kind: 'experiment', preset: 'io'},
		],
	},
	{
		id: 'time-io',
		setup: [
			{kind: 'view', view: 'live'},
			{kind: 'model', model: 'event-loop'},
			{kind: 'handler-cpu', ms: 0},
			{kind: 'reply-delay', ms: 300},
			{kind: 'one-cpu', on: true},
			{kind: 'dashboard-lane', shown: false},
			{kind: 'session', protocol: 'tcp', auto: auto(1000, 100)},
			{kind: 'session', protocol: 'tcp', auto: auto(1000, 200)},
			{kind: 'session', protocol: 'tcp', auto: auto(1000, 300)},
		],
	},
	{
		id: 'time-cpu',
		setup: [
			{kind: 'view', view: 'experiment', zoomed: true},
			{kind: 'one-cpu', on: false},
			{kind: 'experiment', preset: 'cpu'},
		],
	},
	{
		id: 'space',
		setup: [
			{kind: 'view', view: 'live'},
			...plainServer,
			{kind: 'one-cpu', on: false},
			{kind: 'dashboard-lane', shown: false},
			{kind: 'session', protocol: 'tcp'},
			{kind: 'session', protocol: 'udp'},
			{kind: 'session', protocol: 'tcp'},
		],
	},
];
