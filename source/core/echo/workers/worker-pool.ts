import {WorkerProcess, type WorkerSpawnOptions} from './worker-process.js';

/**
 * The processes model's children: a fresh `server-worker` per job (ForkingTCPServer), or with `size` > 0
 * a pre-started pool whose children serve one job after another. At most `maxLive` children at once:
 * `acquire` returns undefined when none can be had, and `onFree` says when to try again.
 */
export class WorkerPool {
	readonly #idle: WorkerProcess[] = [];
	readonly #live = new Set<WorkerProcess>();
	readonly #size: number;
	readonly #maxLive: number;
	readonly #spawn: WorkerSpawnOptions;
	#closed = false;
	#onFree: (() => void) | undefined;

	constructor(size: number, maxLive: number, spawn: WorkerSpawnOptions) {
		this.#size = size;
		this.#maxLive = Math.max(maxLive, size, 1);
		this.#spawn = spawn;
	}

	get size(): number {
		return this.#size;
	}

	/** Children alive now (busy and idle), oldest first. */
	live(): WorkerProcess[] {
		return [...this.#live];
	}

	get idleCount(): number {
		return this.#idle.length;
	}

	onFree(listener: () => void): void {
		this.#onFree = listener;
	}

	/** Starts the pool's children (none without a pool); one that cannot be started leaves the pool smaller. */
	fill(): void {
		try {
			while (!this.#closed && this.#size > 0 && this.#live.size < this.#size) this.#idle.push(this.#start(true));
		} catch {
			// The next acquire starts a fresh child (and says so if it cannot).
		}
	}

	/** A child for one job, or undefined when `maxLive` are busy. Throws if a child cannot be started. */
	acquire(): WorkerProcess | undefined {
		if (this.#closed) return undefined;
		const idle = this.#idle.shift();
		if (idle !== undefined) return idle;
		if (this.#live.size >= this.#maxLive) return undefined;
		return this.#start(false);
	}

	/** The job is done: a pooled child waits for the next one; a fresh one ends by itself. */
	release(worker: WorkerProcess): void {
		worker.setListeners({});
		if (worker.pooled && worker.alive && !this.#closed) {
			this.#idle.push(worker);
			this.#onFree?.();
		}
	}

	async close(): Promise<void> {
		this.#closed = true;
		this.#idle.length = 0;
		await Promise.all([...this.#live].map(async (worker) => worker.stop()));
	}

	#start(pooled: boolean): WorkerProcess {
		const worker = WorkerProcess.spawn({...this.#spawn, pooled});
		this.#live.add(worker);
		worker.exited.then(
			() => {
				this.#live.delete(worker);
				const index = this.#idle.indexOf(worker);
				if (index !== -1) this.#idle.splice(index, 1);
				if (this.#closed) return;
				// A pooled child that died is replaced; either way a slot is free.
				if (pooled) this.fill();

				this.#onFree?.();
			},
			() => {},
		);
		return worker;
	}
}
