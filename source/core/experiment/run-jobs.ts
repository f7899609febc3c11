import type {ChildProcess} from 'node:child_process';
import process from 'node:process';
import {SocktuiError} from '../errors.js';
import {startDisturbanceMeter} from '../procs/cpu-disturbance.js';
import {realtimeNodeFlags, setRealtimeFifo} from '../procs/realtime.js';
import {spawnCliChild} from '../procs/spawn-child.js';
import {parseJobMessage, type JobCommand, type JobMessage} from './job-messages.js';
import {figuresBetween, readProcFigures, readSchedstatMs, type ProcFigures} from './proc-figures.js';
import type {ExperimentPlan, JobResult, RunResult, RunSample} from './types.js';

/** Where the job children come from and where they run. */
export interface JobLaunch {
	/** The socktui CLI the children run (`experiment-job`), and Node flags for it (a loader in tests). */
	cliPath: string;
	execArgv: readonly string[];
	/** Every job is pinned to this CPU with taskset; undefined: unpinned. */
	pinCpu: number | undefined;
	/** The echo server the IOs go to. */
	host: string;
	port: number;
	/** Each child must say ready within this time. */
	readyTimeoutMs?: number;
}

interface Job {
	index: number;
	program: string;
	child: ChildProcess;
	pid: number;
	messages: JobMessage[];
	wake: (() => void) | undefined;
	exited: boolean;
	exit: Promise<void>;
	startAt?: number;
	doneAt?: number;
	before?: ProcFigures;
	result?: JobResult;
	lastSched?: {runMs: number; waitMs: number};
}

const defaultReadyTimeoutMs = 30_000;
const exitGraceMs = 3000;

/**
 * The job children of the experiment: spawned up front (Node's start-up is not part of any job), each told
 * to go when its turn comes, measured from /proc between go and done, and only then told to exit. Every
 * child is ended by PID on `kill()` (Ctrl-C) and when a run fails; `pids` lists the living ones.
 */
export class JobProcesses {
	readonly #launch: JobLaunch;
	readonly #live = new Map<number, Job>();

	constructor(launch: JobLaunch) {
		this.#launch = launch;
	}

	get pids(): number[] {
		return [...this.#live.keys()];
	}

	/** SIGKILL every job child still alive. Synchronous: safe in a signal handler or on exit. */
	kill(): void {
		for (const job of this.#live.values()) {
			try {
				job.child.kill('SIGKILL');
			} catch {
				// Already gone.
			}
		}
	}

	/** One run: spawn, wait for ready, run serially or all at once, measure, end the children. */
	async run(kind: RunResult['kind'], plan: ExperimentPlan, onStarted?: (pids: number[]) => void): Promise<RunResult> {
		const jobs = plan.jobs.map((spec, index) => this.#spawn(index, spec.program, plan));
		try {
			await Promise.all(
				jobs.map(async (job) => this.#expect(job, 'ready', this.#launch.readyTimeoutMs ?? defaultReadyTimeoutMs)),
			);
			if (plan.policy === 'fifo') {
				for (const job of jobs) {
					const set = await setRealtimeFifo(job.pid);
					if (!set.ok)
						throw new SocktuiError('BadInput', `cannot give the jobs the real-time FIFO policy: ${set.reason}`);
				}
			}

			onStarted?.(jobs.map((job) => job.pid));
			// Everyone else's CPU time on the jobs' CPU (every CPU when unpinned) over this run alone.
			const meter = startDisturbanceMeter(this.#launch.pinCpu === undefined ? 'all' : [this.#launch.pinCpu]);
			const t0 = performance.now();
			const samples: RunSample[] = [];
			const sampleMs = plan.tickMs;
			let lastSampleAt = t0;
			const sampler = setInterval(() => {
				const now = performance.now();
				samples.push(this.#sample(jobs, lastSampleAt, now - t0));
				lastSampleAt = now;
			}, sampleMs);
			try {
				if (kind === 'serial') {
					for (const job of jobs) {
						this.#go(job);
						await this.#finish(job, t0);
					}
				} else {
					for (const job of jobs) this.#go(job);
					await Promise.all(jobs.map(async (job) => this.#finish(job, t0)));
				}
			} finally {
				clearInterval(sampler);
			}

			samples.push(this.#sample(jobs, lastSampleAt, performance.now() - t0));
			const cpuMs = jobs.reduce((sum, job) => sum + job.result!.cpuMs, 0);
			const disturbance = meter?.read(cpuMs) ?? null;
			// The run starts when its first job is told to go: every time of the run counts from there.
			const start = Math.min(...jobs.map((job) => job.result!.startMs));
			const results = jobs.map((job) => ({
				...job.result!,
				startMs: job.result!.startMs - start,
				endMs: job.result!.endMs - start,
			}));
			const makespanMs = Math.max(...results.map((job) => job.endMs));
			return {
				kind,
				makespanMs,
				cpuBusyPct: makespanMs > 0 ? (100 * cpuMs) / makespanMs : 0,
				pinnedCpu: this.#launch.pinCpu ?? null,
				jobs: results,
				disturbance,
				samples: samples.map((sample) => ({...sample, atMs: Math.max(0, sample.atMs - start)})),
				sampleMs,
			};
		} finally {
			await this.#end(jobs);
		}
	}

	#spawn(index: number, program: string, plan: ExperimentPlan): Job {
		const options = {
			program,
			label: `P${index}`,
			tickMs: plan.tickMs,
			ioMs: plan.ioMs,
			ioKind: plan.ioKind,
			host: this.#launch.host,
			port: this.#launch.port,
		};
		const child = spawnCliChild(
			[
				process.execPath,
				...this.#launch.execArgv,
				...(plan.policy === 'fifo' ? realtimeNodeFlags : []),
				this.#launch.cliPath,
				'experiment-job',
				`--options=${JSON.stringify(options)}`,
			],
			this.#launch.pinCpu,
			`experiment job P${index}`,
		);
		child.stderr?.resume();
		let markExited!: () => void;
		const job: Job = {
			index,
			program,
			child,
			pid: child.pid,
			messages: [],
			wake: undefined,
			exited: false,
			exit: new Promise((resolve) => {
				markExited = resolve;
			}),
		};
		this.#live.set(job.pid, job);
		child.on('error', () => {});
		child.on('message', (value: unknown) => {
			const message = parseJobMessage(value);
			if (!message || (message.type === 'ready' && message.pid !== job.pid)) return;
			job.messages.push(message);
			job.wake?.();
		});
		child.once('exit', () => {
			job.exited = true;
			this.#live.delete(job.pid);
			job.wake?.();
			markExited();
		});
		return job;
	}

	/** Waits for the job's next message, which must be `type`; a failure, an exit or the timeout throws. */
	async #expect(job: Job, type: 'ready' | 'done', timeoutMs?: number): Promise<void> {
		const what = `experiment job P${job.index} (PID ${job.pid}, ${job.program})`;
		for (;;) {
			const message = job.messages.shift();
			if (message?.type === 'failed') throw new SocktuiError('Internal', `${what} failed: ${message.message}`);
			if (message?.type === type) return;
			if (message) continue;
			if (job.exited) throw new SocktuiError('Internal', `${what} ended before it was ${type}`);
			let timer: NodeJS.Timeout | undefined;
			const timedOut = await new Promise<boolean>((resolve) => {
				job.wake = () => resolve(false);
				if (timeoutMs !== undefined) timer = setTimeout(() => resolve(true), timeoutMs);
			});
			job.wake = undefined;
			clearTimeout(timer);
			if (timedOut)
				throw new SocktuiError('Internal', `${what} did not start within ${Math.round(timeoutMs! / 1000)} s`);
		}
	}

	#send(job: Job, command: JobCommand): void {
		if (!job.child.connected) return;
		try {
			job.child.send(command, () => {});
		} catch {
			// It is gone; #expect reports that.
		}
	}

	#go(job: Job): void {
		const before = readProcFigures(job.pid);
		if (!before) throw new SocktuiError('Internal', `cannot read /proc/${job.pid} of experiment job P${job.index}`);
		job.before = before;
		job.lastSched = {runMs: before.runMs, waitMs: before.waitMs};
		job.startAt = performance.now();
		this.#send(job, {type: 'go'});
	}

	/** Waits for done and reads the figures while the job still exists (it waits for `exit`). */
	async #finish(job: Job, t0: number): Promise<void> {
		await this.#expect(job, 'done');
		job.doneAt = performance.now();
		const after = readProcFigures(job.pid);
		if (!after) throw new SocktuiError('Internal', `cannot read /proc/${job.pid} of experiment job P${job.index}`);
		const delta = figuresBetween(job.before!, after);
		const startMs = job.startAt! - t0;
		const endMs = job.doneAt - t0;
		const turnaroundMs = endMs - startMs;
		job.result = {
			pid: job.pid,
			program: job.program,
			startMs,
			endMs,
			turnaroundMs,
			cpuMs: delta.cpuMs,
			runnableMs: delta.waitMs,
			blockedMs: Math.max(0, turnaroundMs - delta.cpuMs - delta.waitMs),
			voluntarySwitches: delta.voluntary,
			involuntarySwitches: delta.involuntary,
			runMs: delta.runMs,
		};
	}

	#sample(jobs: readonly Job[], from: number, atMs: number): RunSample {
		return {
			atMs,
			jobs: jobs.map((job) => {
				if (job.startAt === undefined) return 'not-started';
				if (job.doneAt !== undefined && job.doneAt <= from) return 'done';
				const now = readSchedstatMs(job.pid);
				const last = job.lastSched;
				if (!now || !last) return 'done';
				job.lastSched = now;
				return {runMs: now.runMs - last.runMs, waitMs: now.waitMs - last.waitMs};
			}),
		};
	}

	/** Tells every job to exit, and SIGKILLs any that has not within the grace time. */
	async #end(jobs: readonly Job[]): Promise<void> {
		for (const job of jobs) this.#send(job, {type: 'exit'});
		const timer = setTimeout(() => {
			for (const job of jobs) if (!job.exited) job.child.kill('SIGKILL');
		}, exitGraceMs);
		await Promise.all(jobs.map(async (job) => job.exit));
		clearTimeout(timer);
	}
}
