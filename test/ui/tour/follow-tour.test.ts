import {describe, expect, it} from 'vitest';
import type {TourState} from '../../../source/core/tour/tour-director.js';
import {initialUiState, type TimelineView, type UiState} from '../../../source/ui/state/ui-state.js';
import {followTour, followTourRuns} from '../../../source/ui/tour/follow-tour.js';

const views: TimelineView[] = ['live', 'sim', 'experiment'];
const onSession: UiState = initialUiState('sim', 2);

describe('followTour (the screen follows the tour state, pure)', () => {
	it('shows a step’s screen once, remembers the one before, and puts it back when the tour asks for none', () => {
		const zoomed = {view: 'experiment', zoomed: true};
		const shown = followTour(onSession, {active: true, screen: zoomed}, views);
		expect(shown).toMatchObject({view: 'experiment', zoom: true, focus: {kind: 'timeline'}, typing: false});
		expect(onSession.view).toBe('sim');
		// The same request again (another change of the tour state): nothing changes, the same object.
		expect(followTour(shown, {active: true, screen: zoomed}, views)).toBe(shown);
		// A key changed the view meanwhile: the step does not take it back.
		const moved = {...shown, view: 'live' as const};
		expect(followTour(moved, {active: true, screen: zoomed}, views)).toBe(moved);
		// The next step's screen: shown, and the screen before the tour is still the one to go back to.
		const live = followTour(moved, {active: true, screen: {view: 'live', zoomed: false}}, views);
		expect(live).toMatchObject({view: 'live', zoom: false});
		expect(live.tourScreen?.before).toEqual({view: 'sim', zoom: false, focus: {kind: 'session', sessionId: 2}});
		const back = followTour(live, {active: true}, views);
		expect(back).toMatchObject({view: 'sim', zoom: false});
		expect(back.tourScreen).toBeUndefined();
		expect(followTour(back, {active: false}, views)).toBe(back);
	});

	it('a zoomed screen before the tour comes back with its focus; Esc (off, the screen still asked for) keeps what is shown', () => {
		const before: UiState = {...onSession, zoom: true};
		const shown = followTour(before, {active: true, screen: {view: 'live', zoomed: false}}, views);
		expect(shown).toMatchObject({view: 'live', zoom: false});
		expect(followTour(shown, {active: false}, views)).toMatchObject({
			view: 'sim',
			zoom: true,
			focus: {kind: 'session', sessionId: 2},
		});
		const left = followTour(shown, {active: false, screen: {view: 'live', zoomed: false}}, views);
		expect(left).toMatchObject({view: 'live', zoom: false});
		expect(left.tourScreen).toBeUndefined();
	});

	it("a view this dashboard lacks is not shown; off, the tour's list of steps closes", () => {
		expect(followTour(onSession, {active: true, screen: {view: 'sched', zoomed: false}}, views)).toBe(onSession);
		const listed = {...onSession, tourList: true};
		expect(followTour(listed, {active: true}, views)).toBe(listed);
		expect(followTour(listed, {active: false}, views).tourList).toBe(false);
	});
});

describe('followTourRuns', () => {
	it('runs each run the tour asks for, stops it when the request goes away, and ignores other changes', () => {
		let state: TourState = {active: false, index: 0, busy: false, sessions: [], since: 0};
		const listeners = new Set<() => void>();
		const set = (patch: Partial<TourState>) => {
			state = {...state, ...patch};
			for (const listener of listeners) listener();
		};

		const log: string[] = [];
		const stop = followTourRuns(
			{
				getSnapshot: () => state,
				subscribe(listener) {
					listeners.add(listener);
					return () => listeners.delete(listener);
				},
			},
			{runPreset: (preset) => log.push(`run ${preset}`), stop: () => log.push('stop')},
		);
		set({active: true});
		const io = {preset: 'io' as const};
		set({experiment: io});
		set({busy: true});
		set({experiment: undefined});
		set({experiment: {preset: 'io'}});
		set({experiment: {preset: 'cpu'}});
		stop();
		set({experiment: undefined});
		expect(log).toEqual(['run io', 'stop', 'run io', 'run cpu']);
	});
});
