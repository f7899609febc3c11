import {useMessages} from './i18n/use-messages.js';
import type {DashboardCommands} from '../core/dashboard/dashboard-commands.js';
import type {DashboardStore} from '../core/dashboard/dashboard-store.js';
import type {SimSpec} from '../core/ostep/process-run/sim-spec.js';
import {useSnapshot} from './hooks/use-snapshot.js';
import {createLiveTimelineHostedPane, oneCpuNote, type LiveTimelineControl} from './panes/live-timeline/index.js';
import type {ExperimentLauncher} from '../core/experiment/dashboard-launcher.js';
import {createExperimentHostedPane} from './panes/experiment/experiment-host.js';
import {createSchedHostedPane} from './panes/sched/sched-host.js';
import {createSimHostedPane} from './panes/sim/index.js';
import {renderDashboard, type RenderedDashboard} from './render-dashboard.js';
import type {Language} from './i18n/language.js';
import type {TerminalCapabilities} from './terminal/capabilities.js';
import {createTheme} from './theme.js';
import type {TimelineHost} from './timeline-host.js';
import type {TourDirector} from '../core/tour/tour-director.js';
import {followTourRuns} from './tour/follow-tour.js';
import {HeldFigures, SpokenPid, type TourHost} from './tour/tour-host.js';
import {useSyncExternalStore} from 'react';
import {TimelineSvgExport} from './svg/timeline-export.js';

export interface MountOptions {
	store: DashboardStore;
	commands: DashboardCommands;
	capabilities: TerminalCapabilities;
	/** The words of the help, status bar and pane titles. */
	language?: Language;
	simSpec?: SimSpec;
	/** Runs the experiment view's experiments. */
	experiments?: ExperimentLauncher;
	/** The live timeline's sampler; undefined when there is none. */
	sampler?: LiveTimelineControl;
	streams: {stdin: NodeJS.ReadStream; stdout: NodeJS.WriteStream};
	/** The guided tour's director (key `t`; `socktui tour` starts it). */
	tour?: TourDirector;
	/** Sessions are about to open: focus goes to the first as it appears. */
	focusFirstSession?: boolean;
}

/**
 * Everything that needs React and Ink, in one module the dashboard command imports lazily: the headless
 * commands (`server`, `client`, `sim`, `--version`) never load Ink, React or Yoga.
 */
export function mountDashboard({
	store,
	commands,
	capabilities,
	language,
	simSpec,
	sampler,
	experiments,
	streams,
	tour,
	focusFirstSession = false,
}: MountOptions): RenderedDashboard {
	const useNote = () => oneCpuNote(useSnapshot(store).oneCpu, useMessages());
	const spoken = new SpokenPid();
	const useHighlight = () => useSyncExternalStore(spoken.subscribe, spoken.get);
	const useDemoCpu = () => {
		const {oneCpu} = useSnapshot(store);
		return oneCpu.enabled ? oneCpu.cpu : undefined;
	};
	// Tour step 9 ("look at each lane"): each lane shows its memory, whatever the terminal's height.
	const noTour = () => () => {};
	const tourState = () => tour?.getSnapshot();
	const useLaneMemory = () => {
		const state = useSyncExternalStore(tour?.subscribe ?? noTour, tourState);
		return state !== undefined && state.active && tour?.steps[state.index]?.id === 'space';
	};
	const experiment = experiments ? createExperimentHostedPane(experiments) : undefined;
	const timeline: TimelineHost = {
		sim: createSimHostedPane(simSpec),
		sched: createSchedHostedPane(),
		...(experiment ? {experiment} : {}),
		...(sampler
			? {live: createLiveTimelineHostedPane(sampler, {useNote, useHighlight, useDemoCpu, useLaneMemory})}
			: {}),
	};
	let tourHost: TourHost | undefined;
	if (tour) {
		// The experiment view runs what the tour's state asks for (the director awaits the end of a run from
		// the launcher, which puts the reply delay back as it ends).
		if (experiment) followTourRuns(tour, experiment.store);

		tourHost = {
			director: tour,
			spoken,
			held: new HeldFigures(),
			...(sampler ? {timeline: () => sampler.snapshot()} : {}),
			...(experiment ? {experiment: experiment.store.getSnapshot} : {}),
		};
	}

	return renderDashboard(
		{
			store,
			commands,
			theme: createTheme(capabilities),
			timeline,
			initialView: simSpec || !sampler ? 'sim' : 'live',
			focusFirstSession,
			...(tourHost ? {tour: tourHost} : {}),
			svgExport: new TimelineSvgExport(),
			...(language ? {language} : {}),
		},
		streams,
	);
}
