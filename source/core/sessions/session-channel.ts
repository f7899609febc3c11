import process from 'node:process';
import type {SessionReport} from './types.js';

/** The child's end of the IPC channel to the dashboard (an interface so the child logic runs without one in tests). */
export interface SessionChannel<Out = SessionReport> {
	/** Sends a report; silently does nothing once the dashboard is gone. */
	send(report: Out): void;
	/** Raw incoming messages (validated by the receiver), with the handle (a socket) sent along, if any. */
	onMessage(listener: (message: unknown, handle?: unknown) => void): void;
	/** The dashboard went away (it exited, crashed or was SIGKILLed: the kernel closes its end). */
	onDisconnect(listener: () => void): void;
	/** Waits (bounded) for sent reports to be written, then detaches so the process can exit. */
	close(): Promise<void>;
}

const flushTimeoutMs = 1000;

/** The channel Node opens when a process is spawned with an `'ipc'` stdio entry. `pending`: messages not yet written. */
export function processChannel<Out = SessionReport>(): SessionChannel<Out> & {readonly pending: number} {
	let pending = 0;
	let drained: (() => void) | undefined;
	const listeners: Array<[event: 'message' | 'disconnect', listener: (...args: unknown[]) => void]> = [];
	const listen = (event: 'message' | 'disconnect', listener: (...args: unknown[]) => void) => {
		listeners.push([event, listener]);
		process.on(event, listener);
	};

	return {
		get pending() {
			return pending;
		},
		send(report) {
			if (!process.connected || !process.send) return;
			pending++;
			const done = () => {
				pending--;
				if (pending === 0) drained?.();
			};

			try {
				// With a callback, a closed channel reports its error there instead of emitting 'error'.
				process.send(report, undefined, {}, done);
			} catch {
				done();
			}
		},
		onMessage(listener) {
			listen('message', listener);
		},
		onDisconnect(listener) {
			listen('disconnect', listener);
		},
		async close() {
			if (pending > 0 && process.connected) {
				await new Promise<void>((resolve) => {
					const timer = setTimeout(resolve, flushTimeoutMs);
					drained = () => {
						clearTimeout(timer);
						resolve();
					};
				});
			}

			for (const [event, listener] of listeners) process.off(event, listener);
			listeners.length = 0;
			if (process.connected) process.disconnect();
		},
	};
}
