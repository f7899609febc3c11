import type {EchoServerEvent, EchoServerListener, EchoSubscribeOptions} from './types.js';

/**
 * The subscriber list of one echo server. The hot path checks `active` (anyone at all) or `wantsMessages`
 * (anyone for message-in/out) before building an event, so a server nobody watches message by message
 * allocates nothing per message.
 */
export class EventHub {
	readonly #all = new Set<EchoServerListener>();
	readonly #messageListeners = new Set<EchoServerListener>();

	get active(): boolean {
		return this.#all.size > 0;
	}

	get wantsMessages(): boolean {
		return this.#messageListeners.size > 0;
	}

	subscribe(listener: EchoServerListener, options: EchoSubscribeOptions = {}): () => void {
		// A wrapper makes each subscription distinct, even for the same function subscribed twice.
		const entry: EchoServerListener = (event) => listener(event);
		this.#all.add(entry);
		if (options.messages !== false) this.#messageListeners.add(entry);
		return () => {
			this.#all.delete(entry);
			this.#messageListeners.delete(entry);
		};
	}

	/** For message-in/message-out events (only called when `wantsMessages`). */
	emitMessage(event: EchoServerEvent): void {
		this.#deliver(this.#messageListeners, event);
	}

	emit(event: EchoServerEvent): void {
		this.#deliver(this.#all, event);
	}

	#deliver(listeners: Set<EchoServerListener>, event: EchoServerEvent): void {
		for (const listener of listeners) {
			try {
				listener(event);
			} catch (error: unknown) {
				// A faulty listener must not take the sockets down with it (this runs inside socket callbacks).
				process.emitWarning(`echo server listener threw: ${error instanceof Error ? error.message : String(error)}`);
			}
		}
	}
}
