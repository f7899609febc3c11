// `socktui experiment` against its prediction: for both presets, 5 runs of the built CLI (`--json`), the
// measured makespan over the predicted one, serial and concurrent, as a median and a spread (min-max).
// The IO preset's concurrent run is also set beside the sim with the kernel slice as its quantum. Each preset
// runs under Linux's fair scheduler and, when `fifo` is possible (root, chrt, two CPUs), under SCHED_FIFO.
// Runs: SOCKTUI_BENCH_RUNS or `npm run bench experiment -- <runs>` (default 5). Linux only (/proc).
import {spawn} from 'node:child_process';
import {availableParallelism, loadavg} from 'node:os';
import {fileURLToPath} from 'node:url';

const cliPath = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

export interface ExperimentBenchOptions {
	runs: number;
	/** Also run every preset under the real-time FIFO policy (`--policy fifo`). */
	fifo: boolean;
	tickMs: number;
	ioMs: number;
	log?: (line: string) => void;
}

interface Predicted {
	makespanMs: number;
	jobs: Array<{endMs: number}>;
}
interface Measured {
	makespanMs: number;
	pinnedCpu: number | null;
	jobs: Array<{startMs: number; endMs: number}>;
}
interface Report {
	serial: Measured;
	concurrent: Measured;
	predicted: {serial: Predicted; concurrent: Predicted; concurrentSliced?: Predicted};
	pinning: string;
}

async function experiment(args: string[]): Promise<Report> {
	const child = spawn(process.execPath, [cliPath, 'experiment', ...args, '--json'], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const code = await new Promise<number | null>((resolve) => {
		const timer = setTimeout(() => child.kill('SIGINT'), 120_000);
		child.on('close', (exit) => {
			clearTimeout(timer);
			resolve(exit);
		});
	});
	if (code !== 0) throw new Error(`socktui experiment ${args.join(' ')} exited ${code}: ${stderr.trim()}`);
	return JSON.parse(stdout) as Report;
}

const median = (values: readonly number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const spread = (values: readonly number[], digits: number) =>
	`${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}-${Math.max(...values).toFixed(digits)})`;

/** Mean finish time after the run's start (every job is there at 0: the tutorial's turnaround). */
function meanFinish(run: Measured): number {
	const start = Math.min(...run.jobs.map((job) => job.startMs));
	return run.jobs.reduce((sum, job) => sum + job.endMs - start, 0) / run.jobs.length;
}

export async function experimentBench(options: ExperimentBenchOptions): Promise<string> {
	const loadBefore = loadavg()[0]!;
	const header = ['preset', 'policy', 'run', 'model', 'measured ms', 'predicted ms', 'measured / predicted'];
	const rows: string[][] = [];
	const notes: string[] = [];
	let pinning = '';
	const policies = options.fifo ? (['normal', 'fifo'] as const) : (['normal'] as const);
	const cases = (['io', 'cpu'] as const).flatMap((name) => policies.map((each) => [name, each] as const));
	for (const [preset, policy] of cases) {
		const reports: Report[] = [];
		for (let index = 0; index < options.runs; index++) {
			const report = await experiment([
				'--preset',
				preset,
				'--policy',
				policy,
				'--tick',
				String(options.tickMs),
				'--io',
				String(options.ioMs),
			]);
			options.log?.(
				`${preset} ${policy} run ${index + 1}/${options.runs}: serial ${Math.round(report.serial.makespanMs)} ms, concurrent ${Math.round(report.concurrent.makespanMs)} ms`,
			);
			reports.push(report);
			pinning = report.pinning;
		}

		const models: Array<[string, 'serial' | 'concurrent', string, (report: Report) => Predicted | undefined]> = [
			['serial', 'serial', preset === 'io' ? 'sim SWITCH_ON_END' : 'FIFO', (report) => report.predicted.serial],
			[
				'concurrent',
				'concurrent',
				preset === 'io' ? 'sim SWITCH_ON_IO' : policy === 'fifo' ? 'FIFO' : 'RR kernel slice',
				(report) => report.predicted.concurrent,
			],
			['concurrent', 'concurrent', 'sim SWITCH_ON_IO + kernel slice', (report) => report.predicted.concurrentSliced],
		];
		for (const [label, kind, model, pick] of models) {
			if (!pick(reports[0]!)) continue;
			const measured = reports.map((report) => report[kind].makespanMs);
			const predicted = reports.map((report) => pick(report)!.makespanMs);
			rows.push([
				preset,
				policy,
				label,
				model,
				spread(measured, 0),
				spread(predicted, 0),
				spread(
					measured.map((value, index) => value / predicted[index]!),
					2,
				),
			]);
		}

		const direction = reports.map((report) => meanFinish(report.concurrent) / meanFinish(report.serial));
		notes.push(
			`${preset}, ${policy}: average finish, concurrent / serial = ${spread(direction, 2)} (below 1: concurrent finishes the jobs sooner on average)`,
		);
	}

	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
	const format = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
	return [
		format(header),
		format(widths.map((width) => '-'.repeat(width))),
		...rows.map((row) => format(row)),
		'',
		...notes,
		`${options.runs} runs per preset, tick ${options.tickMs} ms, IO ${options.ioMs} ms; makespan as median (min-max). ${pinning}.`,
		`Load average (1 min) ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after.`,
	].join('\n');
}

export async function run(): Promise<void> {
	const runs = Number(process.argv[3] ?? process.env['SOCKTUI_BENCH_RUNS'] ?? 5);
	if (!Number.isInteger(runs) || runs <= 0) {
		console.error(
			`The number of runs must be a whole number above 0, got '${process.argv[3] ?? process.env['SOCKTUI_BENCH_RUNS']}'.`,
		);
		process.exitCode = 1;
		return;
	}

	if (process.platform !== 'linux') {
		console.log('skipped: the experiment reads /proc (Linux only)');
		return;
	}

	const fifo = process.getuid?.() === 0 && availableParallelism() >= 2;
	if (!fifo) console.log('(no --policy fifo rows: they need root and two CPUs)');
	console.log(await experimentBench({runs, fifo, tickMs: 100, ioMs: 500, log: (line) => console.log(line)}));
}
