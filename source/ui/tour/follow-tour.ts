import type {ExperimentPresetName} from '../../core/experiment/presets.js';
import type {TourDirector, TourState} from '../../core/tour/tour-director.js';
import type {TimelineView, UiState} from '../state/ui-state.js';

/** What the screen takes from the tour's state. */
export type TourShown = Pick<TourState, 'active' | 'screen'>;

/**
 * The UI state after the tour's state changed, pure (the tour's counterpart of dispatchKey): the screen a
 * step asks for is shown once (a key may change it afterwards), with the screen before it remembered; when
 * the tour stops asking (the next step names no view, or the tour ended with everything undone) that
 * screen comes back. Left with `Esc` (off, the step's screen still asked for), the screen stays as it is.
 * Off, the tour's list of steps closes. Returns `state` itself when nothing changes.
 */
export function followTour(state: UiState, tour: TourShown, views: readonly TimelineView[]): UiState {
	const next = tour.active || !state.tourList ? state : {...state, tourList: false};
	const held = next.tourScreen;
	const asked = tour.screen;
	if (tour.active && asked) {
		if (held?.shown === asked) return next;
		const view = views.find((candidate) => candidate === asked.view);
		// A view this dashboard does not have: the screen stays as it is.
		if (view === undefined) return next;
		const before = held?.before ?? {view: next.view, zoom: next.zoom === true, focus: next.focus};
		return {
			...next,
			view,
			zoom: asked.zoomed,
			// Zoom is the focused pane's: the timeline's, for the step's view to fill the screen.
			...(asked.zoomed ? {focus: {kind: 'timeline'} as const, typing: false} : {}),
			tourScreen: {shown: asked, before},
		};
	}

	if (held === undefined) return next;
	const {tourScreen: _, ...rest} = next;
	// Left with Esc: what the step showed stays.
	if (!tour.active && asked) return rest;
	const {view, zoom, focus} = held.before;
	return {...rest, view, zoom, ...(zoom ? {focus} : {})};
}

/** The experiment view's side of a run: what the tour's requests turn into. */
export interface TourRuns {
	runPreset(preset: ExperimentPresetName): void;
	stop(): void;
}

/**
 * The experiment view follows the run the tour's state asks for: each new request runs its preset; when
 * the request goes away, the run stops (the director then awaits its end from the launcher). A request
 * left by `Esc` stays, and its run goes on. Returns the unsubscribe.
 */
export function followTourRuns(tour: Pick<TourDirector, 'getSnapshot' | 'subscribe'>, runs: TourRuns): () => void {
	let seen = tour.getSnapshot().experiment;
	return tour.subscribe(() => {
		const asked = tour.getSnapshot().experiment;
		if (asked === seen) return;
		seen = asked;
		if (asked) runs.runPreset(asked.preset);
		else runs.stop();
	});
}
