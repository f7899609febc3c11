import {defaults} from '../defaults.js';
import type {DashboardSnapshot, DemoMemoryView, OneCpuView} from './snapshot.js';
import type {StoreEvent} from './store-event.js';
import {LogSlice} from './store/log-slice.js';
import {NoticesSlice} from './store/notices-slice.js';
import {ServersSlice} from './store/servers-slice.js';
import {SessionsSlice} from './store/sessions-slice.js';

export interface Timers {
	now(): number;
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
	setInterval(callback: () => void, ms: number): unknown;
	clearInterval(handle: unknown): void;
}

const realTimers: Timers = {
	now: () => Date.now(),
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
	setInterval: (callback, ms) => setInterval(callback, ms),
	clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

export interface DashboardStoreOptions {
	/** Notifications to subscribers (the screen) per second, at most. */
	frameRateHz?: number;
	/** Escape non-ASCII text too (for `--ascii` and non-UTF-8 locales). */
	ascii?: boolean;
	logEntries?: number;
	conversationEntries?: number;
	/** Session panes kept; the oldest exited ones go first. */
	maxSessions?: number;
	serverPid?: number;
	/** How often rates are recomputed. */
	rateIntervalMs?: number;
	timers?: Timers;
}

/**
 * The dashboard's one source of state. `apply` folds each event at once into its slice (servers, log,
 * sessions, notices: source/core/dashboard/store/), so `getSnapshot()` always answers with the state as of
 * the last event: an immutable snapshot built on the first read after a change and the same object until the
 * next one (many events between two reads cost one build, and unchanged parts are the very same objects).
 * Only the notifications to subscribers (the screen) are throttled: at most `frameRateHz` a second, and only
 * when something changed.
 */
export class DashboardStore {
	readonly #timers: Timers;
	readonly #intervalMs: number;
	readonly #listeners = new Set<() => void>();
	readonly #servers: ServersSlice;
	readonly #log: LogSlice;
	readonly #sessions: SessionsSlice;
	readonly #notices: NoticesSlice;
	#oneCpu: OneCpuView = {enabled: false};
	#demoMemory: DemoMemoryView | undefined;
	/** The snapshot is older than the state (rebuilt on the next read). */
	#stale = true;
	/** Subscribers have not been told of a change yet. */
	#unnotified = false;
	#snapshot: DashboardSnapshot | undefined;
	#seq = 0;
	#timer: unknown;
	#rateTimer: unknown;
	#lastNotify = Number.NEGATIVE_INFINITY;
	#disposed = false;

	constructor(options: DashboardStoreOptions = {}) {
		this.#timers = options.timers ?? realTimers;
		this.#intervalMs = 1000 / (options.frameRateHz ?? defaults.frameRateHz);
		const ascii = options.ascii ?? false;
		this.#servers = new ServersSlice({ascii, serverPid: options.serverPid ?? process.pid});
		this.#log = new LogSlice({ascii, entries: options.logEntries ?? defaults.logEntries});
		this.#sessions = new SessionsSlice({
			ascii,
			conversationEntries: options.conversationEntries ?? 50,
			maxSessions: options.maxSessions ?? 12,
		});
		this.#notices = new NoticesSlice({ascii});
		this.#rateTimer = this.#timers.setInterval(() => {
			if (this.#servers.sampleRates(this.#timers.now())) this.#changed();
		}, options.rateIntervalMs ?? 1000);
		(this.#rateTimer as {unref?: () => void}).unref?.();
	}

	/** The state as of the last event, as an immutable snapshot (the same object until something changes). */
	getSnapshot = (): DashboardSnapshot => {
		if (!this.#stale && this.#snapshot) return this.#snapshot;
		this.#stale = false;
		const demoMemory = this.#demoMemory;
		this.#snapshot = Object.freeze({
			seq: ++this.#seq,
			...this.#servers.part(),
			serverLog: this.#log.view(),
			sessions: this.#sessions.view(),
			notices: this.#notices.view(),
			oneCpu: this.#oneCpu,
			...(demoMemory ? {demoMemory} : {}),
		});
		return this.#snapshot;
	};

	/** Subscribers hear of changes at most `frameRateHz` times a second; they read `getSnapshot()`. */
	subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	};

	apply(event: StoreEvent): void {
		if (this.#disposed) return;
		if (this.#fold(event)) this.#changed();
	}

	/** Notifies subscribers now if anything changed since they last heard (for shutdown and tests). */
	flush(): void {
		if (this.#timer !== undefined) {
			this.#timers.clearTimeout(this.#timer);
			this.#timer = undefined;
		}

		this.#notify();
	}

	dispose(): void {
		this.#disposed = true;
		if (this.#timer !== undefined) this.#timers.clearTimeout(this.#timer);
		this.#timers.clearInterval(this.#rateTimer);
		this.#listeners.clear();
	}

	/** Every event goes to every slice (a server event is both counters and a log line). */
	#fold(event: StoreEvent): boolean {
		const at = this.#timers.now();
		let changed = this.#servers.fold(event);
		changed = this.#log.fold(event, at) || changed;
		changed = this.#sessions.fold(event, at) || changed;
		changed = this.#notices.fold(event) || changed;
		switch (event.type) {
			case 'one-cpu':
				this.#oneCpu = Object.freeze({...event.view});
				return true;
			case 'demo-memory': {
				const before = this.#demoMemory;
				if (before !== undefined && JSON.stringify(before) === JSON.stringify(event.view)) return changed;
				this.#demoMemory = Object.freeze({...event.view});
				return true;
			}

			default:
				return changed;
		}
	}

	#changed(): void {
		this.#stale = true;
		this.#unnotified = true;
		if (this.#timer !== undefined) return;
		const wait = Math.max(0, this.#lastNotify + this.#intervalMs - this.#timers.now());
		this.#timer = this.#timers.setTimeout(() => {
			this.#timer = undefined;
			this.#notify();
		}, wait);
	}

	#notify(): void {
		if (!this.#unnotified || this.#disposed) return;
		this.#unnotified = false;
		this.#lastNotify = this.#timers.now();
		for (const listener of this.#listeners) listener();
	}
}
