import process from 'node:process';
import {SocktuiError} from '../errors.js';
import {parseSimProgram} from '../ostep/process-run/sim-spec.js';
import type {Workload} from '../ostep/process-run/types.js';
import {ServerProcess} from '../server-process/server-process.js';
import {chooseOneCpu, detectPinning, pinProcess, readAffinity, type PinningSupport} from '../procs/pinning.js';
import {kernelSlice} from './kernel-slice.js';
import {predict, type Prediction} from './predict.js';
import {JobProcesses} from './run-jobs.js';
import type {ExperimentPlan, RunResult} from './types.js';

export interface ExperimentOptions {
	plan: ExperimentPlan;
	/** Pin the jobs to one CPU (and this process and the server off it). */
	pin: boolean;
	/** Use the echo server already listening here instead of starting one (its own reply delay applies). */
	server?: {host: string; port: number};
	cliPath: string;
	execArgv?: readonly string[];
	/** The pinning support to use (tests); detected when absent. */
	pinning?: PinningSupport;
	/** Pinning was asked for but is not possible here: one line that says why (the jobs then run unpinned). */
	onUnpinned?: (line: string) => void;
	/** The PIDs of a run's jobs, once they are all ready. */
	onJobs?: (kind: RunResult['kind'], pids: number[]) => void;
}

/** How the jobs were placed, for the UI to put in words (the reason of an impossible pinning stays as given). */
export type PinningInfo =
	| {kind: 'pinned'; jobCpu: number; otherCpus: number[]; server: boolean}
	| {kind: 'not-pinned'}
	| {kind: 'cannot-pin'; reason: string};

export interface ExperimentResult {
	plan: ExperimentPlan;
	serial?: RunResult;
	concurrent?: RunResult;
	predicted: Prediction;
	/** null when the jobs ran unpinned; `pinning` says why, or where everything ran. */
	pinnedCpu: number | null;
	pinning: string;
	/** The same, as data (absent in runs recorded before it existed). */
	pin?: PinningInfo;
	/** The echo server the IOs went to (undefined: no job does an echo IO). */
	server?: {host: string; port: number; pid?: number; own: boolean};
}

/** The jobs as one workload, in `sim -P` syntax (`c2,i,c2:c10`): a bad program fails as `sim -P` does. */
export function parseJobs(programs: readonly string[]): Workload {
	return parseSimProgram(programs.join(':'));
}

/** Where the jobs run: one CPU for them, the others for this process and the server. */
function choosePinning(
	pin: boolean,
	support: PinningSupport,
	ownServer: boolean,
): {jobCpu: number | undefined; otherCpus: number[]; note: string; pin: PinningInfo} {
	const rest = ownServer ? 'this process and the echo server' : 'this process';
	if (!pin)
		return {
			jobCpu: undefined,
			otherCpus: [],
			note: 'jobs not pinned (--no-pin): the kernel may spread them over every CPU',
			pin: {kind: 'not-pinned'},
		};
	if (!support.available) {
		const reason = support.reason.replace(/; use the simulator view$/, '');
		return {
			jobCpu: undefined,
			otherCpus: [],
			// The dashboard's advice (the simulator view) does not apply here.
			note: `cannot pin the jobs to one CPU: ${reason}; running them unpinned`,
			pin: {kind: 'cannot-pin', reason},
		};
	}

	const jobCpu = chooseOneCpu(support)!;
	const otherCpus = support.allowedCpus.filter((cpu) => cpu !== jobCpu);
	const note =
		otherCpus.length > 0
			? `jobs pinned to CPU ${jobCpu}; ${rest} on CPU ${otherCpus.join(',')}`
			: `jobs pinned to CPU ${jobCpu}, the only one: ${rest} ${ownServer ? 'share' : 'shares'} it`;
	return {jobCpu, otherCpus, note, pin: {kind: 'pinned', jobCpu, otherCpus, server: ownServer}};
}

/**
 * The experiment: the same jobs serially, then all at once, each job a real process measured from /proc,
 * beside what the simulators predict. `kill()` ends every child it started, by PID (for Ctrl-C).
 */
export class Experiment {
	readonly #options: ExperimentOptions;
	#jobs: JobProcesses | undefined;
	#server: ServerProcess | undefined;
	#killed = false;

	constructor(options: ExperimentOptions) {
		this.#options = options;
	}

	kill(): void {
		this.#killed = true;
		this.#jobs?.kill();
		this.#server?.killNow();
	}

	async run(): Promise<ExperimentResult> {
		const {plan} = this.#options;
		const workload = parseJobs(plan.jobs.map((job) => job.program));
		const needsServer = plan.ioKind === 'echo' && workload.processes.some((code) => code.includes('io'));
		const predicted = predict(workload, plan.tickMs, plan.ioMs, () => kernelSlice(), plan.policy);
		const pinning = choosePinning(
			this.#options.pin,
			this.#options.pinning ?? detectPinning(),
			needsServer && !this.#options.server,
		);
		if (this.#options.pin && pinning.jobCpu === undefined) this.#options.onUnpinned?.(pinning.note);
		// A real-time job that computes starves everything else on its CPU: keep this process and the server off it.
		if (plan.policy === 'fifo' && (pinning.jobCpu === undefined || pinning.otherCpus.length === 0))
			throw new SocktuiError(
				'BadUsage',
				`--policy fifo needs the jobs pinned to one CPU and another CPU for the rest (${pinning.jobCpu === undefined ? pinning.note : 'this machine has one CPU'})`,
			);
		const ownAffinity = pinning.otherCpus.length > 0 ? readAffinity(process.pid) : undefined;
		if (ownAffinity !== undefined) await pinProcess(process.pid, pinning.otherCpus.join(','));
		try {
			let server: ExperimentResult['server'];
			if (needsServer && this.#options.server) {
				server = {...this.#options.server, own: false};
			} else if (needsServer) {
				this.#server = new ServerProcess({
					cliPath: this.#options.cliPath,
					execArgv: [...(this.#options.execArgv ?? [])],
					server: {host: '127.0.0.1', port: 0, replyDelayMs: plan.ioMs},
					pinCpu: pinning.otherCpus[0],
				});
				const ready = await this.#server.start();
				if (this.#killed) throw new SocktuiError('Internal', 'the experiment was stopped');
				server = {host: '127.0.0.1', port: ready.port, pid: ready.pid, own: true};
			}

			this.#jobs = new JobProcesses({
				cliPath: this.#options.cliPath,
				execArgv: this.#options.execArgv ?? [],
				pinCpu: pinning.jobCpu,
				host: server?.host ?? '127.0.0.1',
				port: server?.port ?? 0,
			});
			const result: ExperimentResult = {
				plan,
				predicted,
				pinnedCpu: pinning.jobCpu ?? null,
				pinning: pinning.note,
				pin: pinning.pin,
				...(server ? {server} : {}),
			};
			for (const kind of ['serial', 'concurrent'] as const) {
				if (!plan[kind]) continue;
				if (this.#killed) throw new SocktuiError('Internal', 'the experiment was stopped');
				result[kind] = await this.#jobs.run(kind, plan, (pids) => this.#options.onJobs?.(kind, pids));
			}

			return result;
		} finally {
			this.#jobs?.kill();
			await this.#server?.shutdown();
			if (ownAffinity !== undefined) await pinProcess(process.pid, ownAffinity);
		}
	}
}
