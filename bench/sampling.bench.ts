// Sampling cost of the live timeline: 8 watched idle node processes sampled 10 times a second for ~10 s.
// Two dedicated worker processes run side by side: one with an empty 100 ms timer (the baseline: what any
// idle Node process with a timer costs) and one with the real sampler on the same timer. The difference in
// their CPU time (process.cpuUsage) is the sampler's own cost, reported as % of one core (target < 2%).
// The sampler worker also times each sampling call by itself (cpuUsage around sampleNow).
import {spawn, type ChildProcess} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {ProcessSampler} from '../source/core/procs/sampler.js';

const workerEnv = 'SOCKTUI_SAMPLING_BENCH_WORKER';
const durationMs = 10_000;
const watched = 8;
const intervalMs = 100;

interface WorkerResult {
	cpuMs: number;
	wallMs: number;
	ticks: number;
	/** CPU time between the start and the end of each sampleNow() call (of an empty promise in the baseline). */
	inSampleMs: number;
}

async function worker(mode: string, pids: number[]): Promise<void> {
	let ticks = 0;
	let inSampleUs = 0;
	const sampler = mode === 'sampler' ? new ProcessSampler({intervalMs}) : undefined;
	for (const pid of pids) sampler?.watch(pid, `idle-${pid}`);
	const start = process.cpuUsage();
	const startWall = performance.now();
	// Both workers do the same timing calls (cpuUsage is not free), so the difference is the sampler alone.
	const timer = setInterval(() => {
		ticks += 1;
		const before = process.cpuUsage();
		void (sampler ? sampler.sampleNow() : Promise.resolve()).then(() => {
			const used = process.cpuUsage(before);
			inSampleUs += used.user + used.system;
		});
	}, intervalMs);
	await new Promise((resolve) => setTimeout(resolve, durationMs));
	clearInterval(timer);
	const used = process.cpuUsage(start);
	const result: WorkerResult = {
		cpuMs: (used.user + used.system) / 1000,
		wallMs: performance.now() - startWall,
		ticks,
		inSampleMs: inSampleUs / 1000,
	};
	if (sampler) {
		const lanes = sampler.snapshot().processes;
		if (lanes.length !== pids.length || lanes.some((lane) => lane.exited))
			throw new Error('sampler lost a watched process');
		sampler.close();
	}

	process.stdout.write(JSON.stringify(result));
}

async function runWorker(mode: string, pids: number[]): Promise<WorkerResult> {
	const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
		env: {...process.env, [workerEnv]: JSON.stringify({mode, pids})},
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	let output = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		output += chunk;
	});
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	if (code !== 0) throw new Error(`${mode} worker exited with ${code}`);
	return JSON.parse(output) as WorkerResult;
}

/** Per-tick cost of reading the same files with readFileSync (the simple way), for comparison. */
function readFileSyncTickUs(pids: number[], ticks: number): number {
	const before = process.cpuUsage();
	for (let tick = 0; tick < ticks; tick++) {
		for (const pid of pids)
			for (const name of ['stat', 'schedstat', 'status']) readFileSync(`/proc/${pid}/task/${pid}/${name}`, 'latin1');
		readFileSync('/proc/stat', 'latin1');
	}

	const used = process.cpuUsage(before);
	return (used.user + used.system) / ticks;
}

export async function run(): Promise<void> {
	const children: ChildProcess[] = Array.from({length: watched}, () =>
		spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {stdio: 'ignore'}),
	);
	try {
		const pids = children.map((child) => child.pid!);
		const [baseline, sampler] = await Promise.all([runWorker('empty', pids), runWorker('sampler', pids)]);
		const percent = (result: WorkerResult) => (100 * result.cpuMs) / result.wallMs;
		const cost = percent(sampler) - percent(baseline);
		const perTickUs = (1000 * (sampler.inSampleMs - baseline.inSampleMs)) / sampler.ticks;
		const simpleUs = process.platform === 'linux' ? readFileSyncTickUs(pids, 200) : Number.NaN;
		console.table([
			{
				case: `empty ${intervalMs} ms timer (baseline)`,
				ticks: baseline.ticks,
				'CPU ms': baseline.cpuMs.toFixed(0),
				'% of one core': percent(baseline).toFixed(2),
			},
			{
				case: `sampler, ${watched} processes, ${1000 / intervalMs}/s`,
				ticks: sampler.ticks,
				'CPU ms': sampler.cpuMs.toFixed(0),
				'% of one core': percent(sampler).toFixed(2),
			},
		]);
		console.log(`sampler cost above baseline: ${cost.toFixed(2)}% of one core (target < 2%)`);
		console.log(
			`inside sampleNow() (minus the same timing of an empty promise): ${perTickUs.toFixed(0)} µs CPU per tick = ${((perTickUs * (1000 / intervalMs)) / 1e4).toFixed(2)}% of one core`,
		);
		if (Number.isFinite(simpleUs))
			console.log(
				`for comparison, readFileSync of the same files: ${simpleUs.toFixed(0)} µs CPU per tick in a tight loop (warm caches; the sampler's pooled fds + pread: above, at 10/s with cold caches)`,
			);
	} finally {
		for (const child of children) child.kill('SIGKILL');
	}
}

const workerSpec = process.env[workerEnv];
if (workerSpec) {
	const {mode, pids} = JSON.parse(workerSpec) as {mode: string; pids: number[]};
	await worker(mode, pids);
}
