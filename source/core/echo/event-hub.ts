import type {EchoServerEvent, EchoServerListener} from './types.js';

/**
 * The subscriber list of one echo server. The hot path checks `active` before building an event, so a
 * server nobody watches allocates nothing per message.
 */
export class EventHub {
	private readonly listeners = new Set<EchoServerListener>();

	get active(): boolean {
		return this.listeners.size > 0;
	}

	subscribe(listener: EchoServerListener): () => void {
		this.listeners.add(listener);
		return () => {
			this.listeners.delete(listener);
		};
	}

	emit(event: EchoServerEvent): void {
		for (const listener of this.listeners) {
			try {
				listener(event);
			} catch (error: unknown) {
				// A faulty listener must not take the sockets down with it (this runs inside socket callbacks).
				process.emitWarning(`echo server listener threw: ${error instanceof Error ? error.message : String(error)}`);
			}
		}
	}
}
