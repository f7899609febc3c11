import type {DashboardCommands} from '../core/store/dashboard-commands.js';
import type {DashboardStore} from '../core/store/dashboard-store.js';
import type {SimSpec} from '../core/sched/sim-spec.js';
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
}: MountOptions): RenderedDashboard {
	const useNote = () => oneCpuNote(useSnapshot(store).oneCpu);
	const timeline: TimelineHost = {
		sim: createSimHostedPane(simSpec),
		sched: createSchedHostedPane(),
		...(experiments ? {experiment: createExperimentHostedPane(experiments)} : {}),
		...(sampler ? {live: createLiveTimelineHostedPane(sampler, useNote)} : {}),
	};
	return renderDashboard(
		{
			store,
			commands,
			theme: createTheme(capabilities),
			timeline,
			initialView: simSpec || !sampler ? 'sim' : 'live',
			...(language ? {language} : {}),
		},
		streams,
	);
}
