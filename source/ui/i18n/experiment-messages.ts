import type {PinningInfo} from '../../core/experiment/experiment.js';
import type {LoadFigures, Verdict} from '../../core/experiment/run-figures.js';
import type {KernelSlice} from '../../core/experiment/kernel-slice.js';
import type {RunResult} from '../../core/experiment/types.js';

type Kind = RunResult['kind'];

export type PinningWords = PinningInfo;

/** Where the jobs' IOs go. */
export type IoWords =
	| {kind: 'sleep'; ioMs: number}
	| {kind: 'own-server'; host: string; port: number; ioMs: number}
	| {kind: 'server'; host: string; port: number}
	| {kind: 'none'; ioMs: number};

/**
 * Every word of the experiment: the `socktui experiment` text output and the dashboard's experiment view
 * (English and the tutorial's Chinese terms: 串行, 并发, 时间片, 阻塞, 就绪).
 */
export interface ExperimentMessages {
	runName: (kind: Kind) => string;
	runTitle: (kind: Kind) => string;
	/** Table headings, long (`--wide`) and short (80 columns). */
	columns: {
		job: string;
		pid: string;
		program: string;
		start: string;
		end: string;
		turnaround: string;
		turnaroundShort: string;
		cpu: string;
		runnable: string;
		runnableShort: string;
		blocked: string;
		blockedShort: string;
		gaveUp: string;
		gaveUpShort: string;
		taken: string;
		takenShort: string;
		run: string;
		model: string;
		makespan: string;
		predicted: string;
		ratio: string;
		meanFinish: string;
	};
	jobsLine: (count: number, programs: string, tickMs: number, io: IoWords) => string;
	pinning: (pin: PinningWords) => string;
	fifoNote: string;
	ticksNote: string;
	runSummary: (makespanMs: number, cpuBusyPct: string, msPerTakenSwitch: string | undefined) => string;
	switchLegend: string;
	predictionTitleSim: (tickMs: number, ioLength: number, rounded: boolean, ioMs: number) => string;
	predictionTitleSlicing: (sliceMs: number, source: string) => string;
	slicedNote: (sliceMs: number, source: string) => string;
	/** Where the assumed time slice came from (the recorded words when a recording has no data for it). */
	sliceSource: (slice: KernelSlice) => string;
	/** On stderr while a run goes (not with --json). */
	jobsRunning: (kind: Kind, count: number, pids: string) => string;
	/** The model column: the simulator's names stay as they are. */
	load: (kind: Kind, load: LoadFigures) => string;
	verdict: (verdict: Verdict) => string;
	recorded: (savedAt: string, hostname: string, node: string, cpuModel: string) => string;
	/** The measured chart. */
	chartTitle: (kind: Kind, makespanMs: number, predictedMs: number, cpuBusyPct: string) => string;
	chartLegend: (glyphs: {run: string; full: string; ready: string; blocked: string}) => string;
	/** The prediction table without its model column (80 columns): the models in a line. */
	models: (list: ReadonlyArray<{run: string; model: string}>) => string;
	slicedRow: (run: string) => string;
	chartHeading: (columnMs: number) => string;
	cpuRow: string;
	/** The view. */
	story: (preset: 'io' | 'cpu') => string;
	heading: (preset: string, programs: string) => string;
	idle: (ioNote: string) => string;
	ioNote: (ownServer: boolean, ioMs: number, tickMs: number) => string;
	runAgainHint: string;
	/** Under a recorded run: Enter runs a live one. */
	recordedHint: string;
	runHint: string;
	starting: (seconds: string) => string;
	running: (kind: Kind, pids: string, seconds: string) => string;
	runningHint: string;
	failed: (message: string) => string;
	jobLine: (
		job: string,
		pid: number,
		endMs: number,
		cpuMs: number,
		runnableMs: number,
		gaveUp: number,
		taken: number,
	) => string;
	viewRun: (kind: Kind, makespanMs: number, predictedMs: number, ratio: string, cpuBusyPct: string) => string;
}

const ms = (value: number) => `${value} ms`;
const cpuList = (cpus: readonly number[]) => cpus.join(',');

function englishVerdict(verdict: Verdict): string {
	if (verdict.code === 'disturbed') {
		const {run, cpus, otherMs, otherPct} = verdict.params;
		return `Other programs took ${otherPct}% of CPU ${cpuList(cpus)} (${ms(otherMs)}) during the ${run} run: its times are not the lesson's; no verdict.`;
	}

	if (verdict.code === 'one-run') {
		const {run, ratio, noiseMs, prediction} = verdict.params;
		return `Only the ${run} run: ${ratio === null ? 'no prediction to compare' : `${ratio}x the prediction`}; ${prediction === 'agrees' ? `as predicted (within the noise, ${ms(noiseMs)})` : `further from the prediction than the noise (${ms(noiseMs)})`}.`;
	}

	const {diffMs, noiseMs, predictedDiffMs, prediction} = verdict.params;
	const predicted =
		predictedDiffMs > 0
			? `the prediction: ${ms(predictedDiffMs)} sooner`
			: predictedDiffMs < 0
				? `the prediction: ${ms(-predictedDiffMs)} later`
				: 'the prediction: the same makespan';
	const against = prediction === 'agrees' ? `As predicted (${predicted}).` : `Not as predicted (${predicted}).`;
	switch (verdict.code) {
		case 'no-clear-difference':
			return `No clear difference: the makespans differ by ${ms(Math.abs(diffMs))}, less than this run's noise (${ms(noiseMs)}). ${against}`;
		case 'concurrent-sooner-io':
			return `Concurrent finished ${ms(diffMs)} sooner: while one job waited for its IO, another had the CPU. ${against}`;
		case 'concurrent-sooner-no-io':
			return `Concurrent finished ${ms(diffMs)} sooner, though every job only computes (nothing to overlap): more than the noise (${ms(noiseMs)}), so something else slowed the serial run. ${against}`;
		case 'concurrent-later-io':
			return `Concurrent finished ${ms(-diffMs)} later: switching between the jobs cost more than overlapping their IO gained. ${against}`;
		case 'concurrent-later-no-io':
			return `Concurrent finished ${ms(-diffMs)} later: with nothing to wait for, sharing the CPU only adds switches. ${against}`;
	}
}

function englishLoad(kind: Kind, load: LoadFigures): string {
	if (load.state === 'unknown')
		return `${kind} run: the machine's load is unknown (/proc/stat could not be read): these times may include other programs.`;
	const where = `CPU ${cpuList(load.cpus)}`;
	return load.state === 'disturbed'
		? `${kind} run: other programs took ${load.otherPct}% of ${where} (${ms(load.otherMs)}): its times are not the lesson's.`
		: `${kind} run: other programs took ${load.otherPct}% of ${where} (${ms(load.otherMs)}): quiet.`;
}

export const englishExperiment: ExperimentMessages = {
	runName: (kind) => kind,
	runTitle: (kind) =>
		kind === 'serial' ? 'Serial: each job runs to its end before the next starts' : 'Concurrent: all jobs at once',
	columns: {
		job: 'job',
		pid: 'PID',
		program: 'program',
		start: 'start',
		end: 'end',
		turnaround: 'turnaround',
		turnaroundShort: 'turn',
		cpu: 'CPU',
		runnable: 'runnable',
		runnableShort: 'ready',
		blocked: 'blocked',
		blockedShort: 'blkd',
		gaveUp: 'gave up',
		gaveUpShort: 'gave',
		taken: 'taken',
		takenShort: 'taken',
		run: 'run',
		model: 'model',
		makespan: 'makespan',
		predicted: 'predicted',
		ratio: 'ratio',
		meanFinish: 'avg finish',
	},
	jobsLine: (count, programs, tickMs, io) => {
		const ioText =
			io.kind === 'sleep'
				? `IO ${ms(io.ioMs)} (a timed sleep)`
				: io.kind === 'own-server'
					? `IO ${ms(io.ioMs)} (a request to the echo server on ${io.host}:${io.port}, reply held ${ms(io.ioMs)})`
					: io.kind === 'server'
						? `IO = a request to the echo server on ${io.host}:${io.port} (its own reply delay)`
						: `IO ${ms(io.ioMs)}`;
		return `${count} ${count === 1 ? 'job' : 'jobs'}: ${programs}; tick ${ms(tickMs)}; ${ioText}`;
	},
	pinning: (pin) => {
		if (pin.kind === 'not-pinned') return 'jobs not pinned (--no-pin): the kernel may spread them over every CPU';
		if (pin.kind === 'cannot-pin') return `cannot pin the jobs to one CPU: ${pin.reason}; running them unpinned`;
		const rest = pin.server ? 'this process and the echo server' : 'this process';
		return pin.otherCpus.length > 0
			? `jobs pinned to CPU ${pin.jobCpu}; ${rest} on CPU ${cpuList(pin.otherCpus)}`
			: `jobs pinned to CPU ${pin.jobCpu}, the only one: ${rest} ${pin.server ? 'share' : 'shares'} it`;
	},
	fifoNote: 'real-time FIFO policy: a job keeps the CPU until it blocks or ends, as in sim',
	ticksNote: 'As in sim, an i takes one tick of CPU to start the IO and one when it is done. Times in ms from /proc.',
	runSummary: (makespanMs, cpuBusyPct, perSwitch) =>
		`makespan ${ms(makespanMs)}; CPU busy ${cpuBusyPct}%${perSwitch === undefined ? '' : `; CPU time per switch taken away ${perSwitch} ms`}`,
	switchLegend:
		'Switches: gave up = voluntary (it started an IO or waited); taken = involuntary (it held the CPU too long).',
	predictionTitleSim: (tickMs, ioLength, rounded, ioMs) =>
		`Measured vs predicted (sim: tick ${ms(tickMs)}, L=${ioLength}${rounded ? `, IO ${ms(ioMs)} rounded to whole ticks` : ''})`,
	predictionTitleSlicing: (sliceMs, source) =>
		`Measured vs predicted (FIFO serial, RR concurrent with a ${sliceMs} ms slice: ${source})`,
	slicedNote: (sliceMs, source) =>
		`The sim switches only on IO; Linux also takes the CPU away after each time slice (${sliceMs} ms: ${source}), so the jobs reach their IOs together: the second concurrent row is the sim with that slice as its quantum.`,
	sliceSource: (slice) =>
		slice.origin === undefined
			? slice.source
			: slice.origin.kind === 'file'
				? `${slice.origin.setting === 'eevdf' ? 'EEVDF base slice' : 'CFS minimum granularity'} from ${slice.origin.path}`
				: `the kernel's default for ${slice.origin.cpus} CPUs (0.75 ms x ${slice.origin.factor}); its setting is not readable here`,
	jobsRunning: (kind, count, pids) => `${kind}: ${count} jobs running (PIDs ${pids})`,
	load: englishLoad,
	verdict: englishVerdict,
	recorded: (savedAt, hostname, node, cpuModel) =>
		`RECORDED, not live: saved ${savedAt} on ${hostname} (${cpuModel}, Node ${node}).`,
	chartTitle: (kind, makespanMs, predictedMs, cpuBusyPct) =>
		`${kind === 'serial' ? 'Serial' : 'Concurrent'}, measured: makespan ${ms(makespanMs)} (predicted ${ms(predictedMs)}), CPU busy ${cpuBusyPct}%`,
	chartLegend: ({run, full, ready, blocked}) =>
		`${run} share of the CPU (${full} the whole column)  ${ready} ready  ${blocked} blocked on IO  blank: not started or done`,
	models: (list) => `models: ${list.map(({run, model}) => `${run} = ${model}`).join('; ')}`,
	slicedRow: (run) => `${run} + slice`,
	chartHeading: (columnMs) => `Measured, one column per ${columnMs} ms:`,
	cpuRow: 'CPU',
	story: (preset) =>
		preset === 'io'
			? 'IO: the CPU is taken away when a job starts an IO, and concurrency wins.'
			: 'CPU only: the CPU is taken away when a job held it too long; every job but the last finishes later.',
	heading: (preset, programs) => `Experiment (${preset} preset): ${programs}`,
	idle: (ioNote) =>
		`The same jobs as real processes on one CPU: one after another, then all at once, measured from /proc beside the prediction. ${ioNote}`,
	ioNote: (ownServer, ioMs, tickMs) =>
		ownServer
			? `IO = a request to this dashboard's echo server, whose reply delay is ${ms(ioMs)} during the run (tick ${ms(tickMs)}).`
			: `IO = a request to an echo server of the experiment's own, reply held ${ms(ioMs)} (tick ${ms(tickMs)}).`,
	runHint: 'Enter runs it (a few seconds)  p other preset',
	runAgainHint: 'Enter runs it again  p other preset',
	recordedHint: 'Enter runs it live  p other preset',
	starting: (seconds) => `starting the jobs... ${seconds} s`,
	running: (kind, pids, seconds) => `${kind} run: jobs ${pids}  ${seconds} s`,
	runningHint: 'Their lanes fill in the live view (v). x stops the run.',
	failed: (message) => `the experiment failed: ${message}`,
	jobLine: (job, pid, endMs, cpuMs, runnableMs, gaveUp, taken) =>
		`  ${job} ${pid}  done ${ms(endMs)}  cpu ${ms(cpuMs)}  runnable ${ms(runnableMs)}  gave up ${gaveUp}  taken ${taken}`,
	viewRun: (kind, makespanMs, predictedMs, ratio, cpuBusyPct) =>
		`${kind}: makespan ${ms(makespanMs)}, predicted ${ms(predictedMs)} (${ratio}), CPU busy ${cpuBusyPct}%`,
};

const zhRun = (kind: Kind) => (kind === 'serial' ? '串行' : '并发');

function chineseVerdict(verdict: Verdict): string {
	if (verdict.code === 'disturbed') {
		const {run, cpus, otherMs, otherPct} = verdict.params;
		return `${zhRun(run)}运行期间，其他程序占用了 CPU ${cpuList(cpus)} 的 ${otherPct}%（${ms(otherMs)}）：这些时间不是本课要看的，不下结论。`;
	}

	if (verdict.code === 'one-run') {
		const {run, ratio, noiseMs, prediction} = verdict.params;
		return `只有${zhRun(run)}运行：${ratio === null ? '没有可比的预测' : `是预测的 ${ratio} 倍`}；${prediction === 'agrees' ? `与预测一致（在噪声 ${ms(noiseMs)} 之内）` : `与预测之差超过噪声（${ms(noiseMs)}）`}。`;
	}

	const {diffMs, noiseMs, predictedDiffMs, prediction} = verdict.params;
	const predicted =
		predictedDiffMs > 0
			? `预测：早 ${ms(predictedDiffMs)}`
			: predictedDiffMs < 0
				? `预测：晚 ${ms(-predictedDiffMs)}`
				: '预测：总用时相同';
	const against = prediction === 'agrees' ? `与预测一致（${predicted}）。` : `与预测不符（${predicted}）。`;
	switch (verdict.code) {
		case 'no-clear-difference':
			return `没有明显差别：总用时相差 ${ms(Math.abs(diffMs))}，小于本次运行的噪声（${ms(noiseMs)}）。${against}`;
		case 'concurrent-sooner-io':
			return `并发早完成 ${ms(diffMs)}：一个作业等 IO 时，另一个作业在用 CPU。${against}`;
		case 'concurrent-sooner-no-io':
			return `并发早完成 ${ms(diffMs)}，但每个作业都只在计算（没有可重叠的）：超过噪声（${ms(noiseMs)}），是别的原因拖慢了串行运行。${against}`;
		case 'concurrent-later-io':
			return `并发晚完成 ${ms(-diffMs)}：作业之间切换的代价超过了重叠 IO 的收益。${against}`;
		case 'concurrent-later-no-io':
			return `并发晚完成 ${ms(-diffMs)}：没有要等待的，分享 CPU 只会多出切换。${against}`;
	}
}

function chineseLoad(kind: Kind, load: LoadFigures): string {
	if (load.state === 'unknown')
		return `${zhRun(kind)}运行：机器负载未知（无法读取 /proc/stat）：这些时间可能含有其他程序的影响。`;
	const where = `CPU ${cpuList(load.cpus)}`;
	return load.state === 'disturbed'
		? `${zhRun(kind)}运行：其他程序占用了 ${where} 的 ${load.otherPct}%（${ms(load.otherMs)}）：这些时间不是本课要看的。`
		: `${zhRun(kind)}运行：其他程序占用了 ${where} 的 ${load.otherPct}%（${ms(load.otherMs)}）：安静。`;
}

export const chineseExperiment: ExperimentMessages = {
	runName: zhRun,
	runTitle: (kind) => (kind === 'serial' ? '串行：每个作业运行到结束，下一个才开始' : '并发：所有作业同时运行'),
	columns: {
		job: '作业',
		pid: 'PID',
		program: '程序',
		start: '开始',
		end: '结束',
		turnaround: '周转时间',
		turnaroundShort: '周转',
		cpu: 'CPU',
		runnable: '就绪等待',
		runnableShort: '就绪',
		blocked: '阻塞',
		blockedShort: '阻塞',
		gaveUp: '主动让出',
		gaveUpShort: '让出',
		taken: '被夺走',
		takenShort: '夺走',
		run: '运行',
		model: '模型',
		makespan: '总用时',
		predicted: '预测',
		ratio: '比值',
		meanFinish: '平均完成',
	},
	jobsLine: (count, programs, tickMs, io) => {
		const ioText =
			io.kind === 'sleep'
				? `IO ${ms(io.ioMs)}（定时睡眠）`
				: io.kind === 'own-server'
					? `IO ${ms(io.ioMs)}（向 ${io.host}:${io.port} 上的回显服务端发请求，回复延迟 ${ms(io.ioMs)}）`
					: io.kind === 'server'
						? `IO = 向 ${io.host}:${io.port} 上的回显服务端发请求（用它自己的回复延迟）`
						: `IO ${ms(io.ioMs)}`;
		return `${count} 个作业：${programs}；时钟 ${ms(tickMs)}；${ioText}`;
	},
	pinning: (pin) => {
		if (pin.kind === 'not-pinned') return '作业未绑定 CPU（--no-pin）：内核可能把它们分到各个 CPU 上';
		if (pin.kind === 'cannot-pin') return `无法把作业绑定到一个 CPU：${pin.reason}；不绑定运行`;
		const rest = pin.server ? '本进程和回显服务端' : '本进程';
		return pin.otherCpus.length > 0
			? `作业绑定在 CPU ${pin.jobCpu}；${rest}在 CPU ${cpuList(pin.otherCpus)}`
			: `作业绑定在 CPU ${pin.jobCpu}，唯一的 CPU：${rest}与它们共用`;
	},
	fifoNote: '实时 FIFO 策略：作业一直占用 CPU，直到阻塞或结束，与 sim 相同',
	ticksNote: '与 sim 相同，一个 i 用一个时钟的 CPU 发起 IO，完成时再用一个。时间单位 ms，来自 /proc。',
	runSummary: (makespanMs, cpuBusyPct, perSwitch) =>
		`总用时 ${ms(makespanMs)}；CPU 忙 ${cpuBusyPct}%${perSwitch === undefined ? '' : `；每次被夺走 CPU 前运行 ${perSwitch} ms`}`,
	switchLegend: '切换：主动让出 = 自愿（发起 IO 或等待）；被夺走 = 非自愿（占用 CPU 太久，时间片用完）。',
	predictionTitleSim: (tickMs, ioLength, rounded, ioMs) =>
		`实测与预测（sim：时钟 ${ms(tickMs)}，L=${ioLength}${rounded ? `，IO ${ms(ioMs)} 取整到时钟` : ''}）`,
	predictionTitleSlicing: (sliceMs, source) => `实测与预测（串行 FIFO，并发 RR，时间片 ${sliceMs} ms：${source}）`,
	slicedNote: (sliceMs, source) =>
		`sim 只在 IO 时切换；Linux 还会在每个时间片（${sliceMs} ms：${source}）用完后夺走 CPU，所以作业一起到达各自的 IO：第二个并发行是以该时间片为量子的 sim。`,
	sliceSource: (slice) =>
		slice.origin === undefined
			? slice.source
			: slice.origin.kind === 'file'
				? `${slice.origin.setting === 'eevdf' ? 'EEVDF 基本时间片' : 'CFS 最小粒度'}，读自 ${slice.origin.path}`
				: `内核对 ${slice.origin.cpus} 个 CPU 的默认值（0.75 ms x ${slice.origin.factor}）；这里读不到它的设置`,
	jobsRunning: (kind, count, pids) => `${zhRun(kind)}：${count} 个作业在运行（PID ${pids}）`,
	load: chineseLoad,
	verdict: chineseVerdict,
	recorded: (savedAt, hostname, node, cpuModel) =>
		`这是录制的运行，不是实时的：${savedAt} 保存于 ${hostname}（${cpuModel}，Node ${node}）。`,
	chartTitle: (kind, makespanMs, predictedMs, cpuBusyPct) =>
		`${zhRun(kind)}，实测：总用时 ${ms(makespanMs)}（预测 ${ms(predictedMs)}），CPU 忙 ${cpuBusyPct}%`,
	chartLegend: ({run, full, ready, blocked}) =>
		`${run} 占用 CPU 的份额（${full} 整列）  ${ready} 就绪  ${blocked} 阻塞于 IO  空白：未开始或已结束`,
	models: (list) => `模型：${list.map(({run, model}) => `${run} = ${model}`).join('；')}`,
	slicedRow: (run) => `${run} + 时间片`,
	chartHeading: (columnMs) => `实测，每列 ${columnMs} ms：`,
	cpuRow: 'CPU',
	story: (preset) =>
		preset === 'io'
			? 'IO：作业发起 IO 时让出 CPU，并发更快。'
			: '只有计算：作业占用 CPU 太久（时间片用完）时被夺走 CPU；除最后一个外，每个作业都更晚完成。',
	heading: (preset, programs) => `实验（${preset} 预设）：${programs}`,
	idle: (ioNote) =>
		`同样的作业作为真实进程在一个 CPU 上运行：先一个接一个（串行），再同时（并发），从 /proc 测量，与预测对比。${ioNote}`,
	ioNote: (ownServer, ioMs, tickMs) =>
		ownServer
			? `IO = 向本仪表盘的回显服务端发请求，运行期间它的回复延迟是 ${ms(ioMs)}（时钟 ${ms(tickMs)}）。`
			: `IO = 向实验自己的回显服务端发请求，回复延迟 ${ms(ioMs)}（时钟 ${ms(tickMs)}）。`,
	runHint: 'Enter 运行（几秒钟）  p 换预设',
	runAgainHint: 'Enter 再运行一次  p 换预设',
	recordedHint: 'Enter 实时运行  p 换预设',
	starting: (seconds) => `正在启动作业… ${seconds} s`,
	running: (kind, pids, seconds) => `${zhRun(kind)}运行：作业 ${pids}  ${seconds} s`,
	runningHint: '它们的时间线在实时视图中（v）。x 停止运行。',
	failed: (message) => `实验失败：${message}`,
	jobLine: (job, pid, endMs, cpuMs, runnableMs, gaveUp, taken) =>
		`  ${job} ${pid}  结束 ${ms(endMs)}  CPU ${ms(cpuMs)}  就绪 ${ms(runnableMs)}  让出 ${gaveUp}  夺走 ${taken}`,
	viewRun: (kind, makespanMs, predictedMs, ratio, cpuBusyPct) =>
		`${zhRun(kind)}：总用时 ${ms(makespanMs)}，预测 ${ms(predictedMs)}（${ratio}），CPU 忙 ${cpuBusyPct}%`,
};
