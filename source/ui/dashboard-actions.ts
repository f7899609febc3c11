import type {Protocol} from '../core/defaults.js';
import type {AutoMode} from '../core/sessions/types.js';

/** What the UI may ask of the core. The dashboard command implements these; the UI never touches sockets. */
export interface DashboardActions {
	quit(): void;
	openSession(protocol: Protocol): void;
	closeSession(sessionId: number): void;
	/** Removes an exited session's pane. */
	dismissSession(sessionId: number): void;
	send(sessionId: number, text: string): void;
	setAuto(sessionId: number, auto: AutoMode): void;
	setReplyDelay(ms: number): void;
	toggleOneCpu(): void;
	/** Shows or hides the timeline lane of the dashboard's own process. */
	toggleDashboardLane(): void;
	/** Starts the echo server process again after it stopped (same port). */
	restartServer(): void;
}
