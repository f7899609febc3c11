import {HandlerThread} from './handler-thread.js';

/**
 * Handler threads for the threads model: one per connection or datagram being served. A Node thread
 * takes about 25 ms to start (a new V8 isolate; a Python thread, under 0.1 ms), so a thread whose client
 * is done waits `keepIdleMs` for the next one before it ends, as a thread pool would; at most `maxIdle`
 * wait. Each serves one client at a time, so concurrency is still a thread per client.
 */
export class ThreadCache {
	readonly #idle: Array<{thread: HandlerThread; timer: NodeJS.Timeout}> = [];
	readonly #keepIdleMs: number;
	readonly #maxIdle: number;
	readonly #failOn: string | undefined;
	#closed = false;

	constructor(options: {keepIdleMs: number; maxIdle: number; failOn?: string}) {
		this.#keepIdleMs = options.keepIdleMs;
		this.#maxIdle = options.maxIdle;
		this.#failOn = options.failOn;
	}

	/** Threads waiting for a client now. */
	idle(): HandlerThread[] {
		return this.#idle.map((entry) => entry.thread);
	}

	/** A started thread, named `label`: an idle one if there is one, else a new one. */
	async acquire(label: string): Promise<HandlerThread> {
		for (let entry = this.#idle.pop(); entry !== undefined; entry = this.#idle.pop()) {
			clearTimeout(entry.timer);
			if (entry.thread.closed) continue;
			entry.thread.rename(label);
			return entry.thread;
		}

		return HandlerThread.start({label, ...(this.#failOn === undefined ? {} : {failOn: this.#failOn})});
	}

	/** The client is done: the thread waits for another (or ends, if it failed or too many wait). */
	release(thread: HandlerThread): void {
		if (this.#closed || thread.closed || thread.pending > 0 || this.#idle.length >= this.#maxIdle) {
			void thread.close();
			return;
		}

		thread.rename('echo idle');
		thread.onExit(() => {
			const index = this.#idle.findIndex((entry) => entry.thread === thread);
			if (index === -1) return;
			clearTimeout(this.#idle[index]!.timer);
			this.#idle.splice(index, 1);
		});
		const timer = setTimeout(() => {
			const index = this.#idle.findIndex((entry) => entry.thread === thread);
			if (index !== -1) this.#idle.splice(index, 1);
			void thread.close();
		}, this.#keepIdleMs);
		timer.unref();
		this.#idle.push({thread, timer});
	}

	async close(): Promise<void> {
		this.#closed = true;
		const idle = this.#idle.splice(0);
		await Promise.all(
			idle.map(async (entry) => {
				clearTimeout(entry.timer);
				await entry.thread.close();
			}),
		);
	}
}
