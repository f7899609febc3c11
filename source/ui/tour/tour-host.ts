import type {TimelineSnapshot} from '../../core/procs/types.js';
import type {ExperimentPhase, TourFigures} from '../../core/tour/tour-figures.js';
import type {TourDirector} from '../../core/tour/tour-director.js';

/** What the dashboard needs to show the tour: the director, where the live figures come from. */
export interface TourHost {
	director: TourDirector;
	/** The live timeline's latest snapshot, when there is a live timeline. */
	timeline?: () => TimelineSnapshot;
	/** The experiment view's run, when there is an experiment view. */
	experiment?: () => ExperimentPhase;
	/** The process the narration talks about: the live timeline highlights its lane. */
	spoken: SpokenPid;
	held: HeldFigures;
}

const minTellingWaitMs = 150;

/**
 * A wait just begun says little ("waited 40 ms; the CPU idle"): the last telling figures of the step stay
 * on screen until the next wait is long enough to tell something.
 */
export class HeldFigures {
	#last: TourFigures | undefined;

	telling(measured: TourFigures): TourFigures {
		// A disturbance is told at once: the held figures were measured before it and draw a conclusion.
		const telling =
			measured.step !== 'time-io' ||
			measured.disturbed !== undefined ||
			(measured.waiting?.waitedMs ?? 0) >= minTellingWaitMs;
		if (telling || this.#last?.step !== measured.step) this.#last = measured;
		return telling ? measured : this.#last;
	}
}

/** A one-value store: the strip sets it, the live timeline reads it. */
export class SpokenPid {
	readonly #listeners = new Set<() => void>();
	#pid: number | undefined;

	get = (): number | undefined => this.#pid;

	set(pid: number | undefined): void {
		if (pid === this.#pid) return;
		this.#pid = pid;
		for (const listener of this.#listeners) listener();
	}

	subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	};
}
