import type {Verdict} from '../../core/experiment/run-figures.js';
import type {TourStepId} from '../../core/tour/tour-steps.js';

/** Figures already formatted for a sentence (`412 ms`, `45 MB`), so each language only words them. */
export interface TourMessages {
	/** `Tour 3/9`. */
	header: (step: number, steps: number) => string;
	/** Two sentences one after the other: a space between them in English, none after a Chinese full stop. */
	sentences: (first: string, second: string) => string;
	busy: string;
	keys: string;
	stepsTitle: string;
	stepsHint: string;
	titles: Readonly<Record<TourStepId, string>>;
	/** Said before the figures exist (nothing sent yet, the run not finished). */
	pending: Readonly<Record<TourStepId, string>>;
	udpLast: (count: number, text: string, from: string) => string;
	tcpLoops: (accepted: number, open: number, session: string, sent: number) => string;
	/** Two messages written in one go (key b) and the reads they arrived in. */
	tcpPair: (session: string, messages: number, reads: number) => string;
	/** The connection loop's figures, then the two messages of tcpPair as the communication loop (fits 2 rows at 80). */
	tcpLoopsPair: (accepted: number, open: number, session: string, messages: number, reads: number) => string;
	/** Two datagrams sent in one go (key b) and the replies. */
	udpPair: (session: string, datagrams: number, replies: number) => string;
	/** The same, short, after udpLast (both fit the strip's two rows at 80 columns). */
	udpPairShort: (session: string, datagrams: number, replies: number) => string;
	iterativeWait: (waiter: string, seconds: string, served: string) => string;
	worker: (kind: 'thread' | 'process', session: string, id: number) => string;
	workersTail: (serverPid: number) => string;
	processes: (count: number, list: string) => string;
	processItem: (name: string, pid: number, rss: string, sent: number, auto: boolean) => string;
	experimentRunning: (kind: 'serial' | 'concurrent') => string;
	/** The two makespans and their prediction: figures only, the verdict says what they mean. */
	makespans: (serial: string, concurrent: string, predictedSerial: string, predictedConcurrent: string) => string;
	/** The experiment's verdict by rule (never `disturbed`: see `disturbed`), short enough for the strip. */
	verdict: (verdict: Exclude<Verdict, {code: 'disturbed'}>) => string;
	/** Other programs took the jobs' CPU during a run: said instead of a verdict. */
	disturbed: (run: 'serial' | 'concurrent', cpus: string, pct: number, ms: string) => string;
	/** /proc/stat unreadable during a run: nobody knows what else ran. */
	loadUnknown: string;
	/** The run shown was loaded from a file (`--load-experiment`). */
	recorded: (savedAt: string, hostname: string) => string;
	/** Step 7: other programs took the demo's CPU lately (the live figure), said instead of its conclusion. */
	liveDisturbed: (cpus: string, pct: number, seconds: number) => string;
	waited: (session: string, ms: string, ran: string) => string;
	ranNothing: string;
	ranItem: (name: string, ms: string) => string;
	/** The CPU was busy with processes that are not the demo's. */
	ranOthers: (ms: string) => string;
	listJoin: (items: readonly string[]) => string;
	involuntary: (count: number) => string;
	finishedLater: (job: string, alone: string, together: string) => string;
	/**
	 * The demo's memory: each process, the total (the server pane's figure), how much an RSS sum would count
	 * twice (shared), the machine's; `byPss` false when PSS was unreadable and the figures are RSS.
	 */
	space: (list: string, total: string, shared: string, machine: string, byPss: boolean) => string;
	spaceItem: (name: string, bytes: string) => string;
	/** Why a step's setup was incomplete. */
	incomplete: (why: string) => string;
	/** What to look at, with the glyphs of the view named. */
	look: Readonly<Record<TourStepId, string>>;
	liveLegend: (glyphs: {running: string; runnable: string; sleeping: string; waiting: string}) => string;
	experimentLegend: (glyphs: {run: string; ready: string; blocked: string}) => string;
}

type Judged = Exclude<Verdict, {code: 'disturbed'}>;

const ms = (value: number) => `${value} ms`;

function englishAgainst(verdict: Judged): string {
	if (verdict.params.prediction === 'agrees') return 'as predicted';
	if (verdict.code === 'one-run') return `not as predicted (noise ${ms(verdict.params.noiseMs)})`;
	const predicted = verdict.params.predictedDiffMs;
	const what = predicted > 0 ? `${ms(predicted)} sooner` : predicted < 0 ? `${ms(-predicted)} later` : 'the same';
	return `not as predicted (predicted ${what})`;
}

/** The verdict's sentence: a CPU-only run never credits IO; within the noise is "no clear difference". */
function englishVerdict(verdict: Judged): string {
	const said = (() => {
		switch (verdict.code) {
			case 'one-run':
				return `Only the ${verdict.params.run} run finished${verdict.params.ratio === null ? '' : ` (${verdict.params.ratio}x the prediction)`}`;
			case 'no-clear-difference':
				return `No clear difference: ${ms(Math.abs(verdict.params.diffMs))} apart, within this run's noise (${ms(verdict.params.noiseMs)})`;
			case 'concurrent-sooner-io':
				return `Concurrent ended ${ms(verdict.params.diffMs)} sooner: while one job waited for IO, another computed`;
			case 'concurrent-sooner-no-io':
				return `Concurrent ended ${ms(verdict.params.diffMs)} sooner, though no job does IO: not from overlap, something slowed the serial run`;
			case 'concurrent-later-io':
				return `Concurrent ended ${ms(-verdict.params.diffMs)} later: switching cost more than overlapping IO gained`;
			case 'concurrent-later-no-io':
				return `Concurrent ended ${ms(-verdict.params.diffMs)} later: with no IO to wait for, sharing the CPU only adds switches`;
		}
	})();
	return `${said}; ${englishAgainst(verdict)}.`;
}

function chineseAgainst(verdict: Judged): string {
	if (verdict.params.prediction === 'agrees') return '与预测一致';
	if (verdict.code === 'one-run') return `与预测不符（噪声 ${ms(verdict.params.noiseMs)}）`;
	const predicted = verdict.params.predictedDiffMs;
	const what = predicted > 0 ? `早 ${ms(predicted)}` : predicted < 0 ? `晚 ${ms(-predicted)}` : '相同';
	return `与预测不符（预测${what}）`;
}

function chineseVerdict(verdict: Judged): string {
	const said = (() => {
		switch (verdict.code) {
			case 'one-run':
				return `只有${verdict.params.run === 'serial' ? '串行' : '并发'}运行结束${verdict.params.ratio === null ? '' : `（预测的 ${verdict.params.ratio} 倍）`}`;
			case 'no-clear-difference':
				return `没有明显差别：相差 ${ms(Math.abs(verdict.params.diffMs))}，在本次运行的噪声（${ms(verdict.params.noiseMs)}）之内`;
			case 'concurrent-sooner-io':
				return `并发早结束 ${ms(verdict.params.diffMs)}：一个作业阻塞于 IO 时，另一个在计算`;
			case 'concurrent-sooner-no-io':
				return `并发早结束 ${ms(verdict.params.diffMs)}，但没有作业做 IO：不是重叠带来的，是别的原因拖慢了串行`;
			case 'concurrent-later-io':
				return `并发晚结束 ${ms(-verdict.params.diffMs)}：切换的代价超过了重叠 IO 的收益`;
			case 'concurrent-later-no-io':
				return `并发晚结束 ${ms(-verdict.params.diffMs)}：没有 IO 可等，共享 CPU（时间片轮转）只多出切换`;
		}
	})();
	return `${said}；${chineseAgainst(verdict)}。`;
}

const englishList = (items: readonly string[]) =>
	items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;

export const englishTour: TourMessages = {
	header: (step, steps) => `Tour ${step}/${steps}`,
	sentences: (first, second) => `${first} ${second}`,
	busy: 'setting up...',
	keys: 'Right next · Left back · T steps · Esc leave',
	stepsTitle: 'The tour',
	stepsHint: '1-9 go to a step, T or Esc closes this list',
	titles: {
		'udp-messages': 'UDP: messages, not a stream',
		'tcp-stream': 'TCP: a connection, then a stream',
		iterative: 'One client at a time: the iterative server',
		'threads-processes': 'Threads and processes serve the clients',
		'program-process': 'Program vs process',
		'serial-concurrent': 'Serial vs concurrent',
		'time-io': 'Multiplexing in time: IO',
		'time-cpu': 'Multiplexing in time: too long on the CPU',
		space: 'Multiplexing in space: memory',
	},
	pending: {
		'udp-messages': 'Two UDP sessions send a datagram every second or so; waiting for the first.',
		'tcp-stream': 'Two TCP sessions connect, then send on their streams; waiting for the first.',
		iterative: 'The server now serves one client at a time; two TCP sessions connect.',
		'threads-processes': 'One session is served by a thread, the next by a child process; starting them.',
		'program-process': 'One program (socktui session) started three times; waiting for their figures.',
		'serial-concurrent': 'Three jobs (compute, IO, compute) run one after another, then all at once.',
		'time-io': 'One CPU, three sessions that compute, then wait 300 ms for each reply; waiting for a reply.',
		'time-cpu': 'Three jobs that only compute, on one CPU: first one after another, then together.',
		space: 'Three sessions and the server, each a process with its own memory; measuring.',
	},
	udpLast: (count, text, from) =>
		`${count} datagrams so far; the last, "${text}", came from ${from}: each arrives whole, with its sender.`,
	tcpLoops: (accepted, open, session, sent) =>
		`Connection loop: ${accepted} accepted, ${open} open. Communication loop: ${session} sent ${sent} messages on its stream.`,
	tcpPair: (session, messages, reads) =>
		`${session} wrote ${messages} messages at once: they arrived in ${reads} ${reads === 1 ? 'read' : 'reads'} (TCP keeps no message boundaries).`,
	udpPair: (session, datagrams, replies) =>
		`${session} sent ${datagrams} datagrams at once and got ${replies} replies, each whole: UDP keeps message boundaries.`,
	udpPairShort: (session, datagrams, replies) => `${session}: ${datagrams} sent at once, ${replies} replies.`,
	tcpLoopsPair: (accepted, open, session, messages, reads) =>
		`Connection loop: ${accepted} accepted, ${open} open. Communication loop: ${session} wrote ${messages} messages at once and they arrived in ${reads} ${reads === 1 ? 'read' : 'reads'}: TCP is a stream.`,
	iterativeWait: (waiter, seconds, served) =>
		`${waiter} has waited ${seconds} s: connected, but the server serves ${served} alone until it leaves.`,
	worker: (kind, session, id) =>
		kind === 'thread' ? `${session}: thread ${id} inside the server` : `${session}: child process ${id}`,
	workersTail: (serverPid) => `(server pid ${serverPid}).`,
	processes: (count, list) => `One program, ${count} processes: ${list}.`,
	processItem: (name, pid, rss, sent, auto) => `${name} pid ${pid} ${rss} sent ${sent}${auto ? ' (auto)' : ''}`,
	experimentRunning: (kind) => `Now the ${kind} run: watch the jobs' lanes fill.`,
	makespans: (serial, concurrent, predictedSerial, predictedConcurrent) =>
		`Serial took ${serial}, concurrent ${concurrent} (predicted ${predictedSerial} and ${predictedConcurrent}).`,
	verdict: englishVerdict,
	disturbed: (run, cpus, pct, ms) =>
		`Other programs took ${pct}% of CPU ${cpus} (${ms}) during the ${run} run: these times are not the lesson's, so no conclusion is drawn.`,
	loadUnknown: "The machine's load is unknown (/proc/stat unreadable): other programs may be in these times.",
	recorded: (savedAt, hostname) => `Recorded run (saved ${savedAt} on ${hostname}).`,
	liveDisturbed: (cpus, pct, seconds) =>
		`Other programs took ${pct}% of CPU ${cpus} in the last ${seconds} s: the lanes show less than the demo would get alone, so no conclusion now.`,
	waited: (session, ms, ran) => `${session} has waited ${ms} for its reply; meanwhile the CPU ran ${ran}.`,
	ranNothing: 'nothing else (it was idle)',
	ranItem: (name, ms) => `${name} (${ms})`,
	ranOthers: (ms) => `processes outside the demo (${ms})`,
	listJoin: englishList,
	involuntary: (count) =>
		`${count} involuntary switches in the last second: the kernel takes the CPU from a job that holds it too long.`,
	finishedLater: (job, alone, together) => `${job} took ${alone} alone and ${together} together: later than alone.`,
	space: (list, total, shared, machine, byPss) =>
		byPss
			? `Memory (PSS): ${list}; ${total} together, ${shared} of shared pages not counted twice; ${machine} in this machine.`
			: `Memory (RSS, PSS unreadable): ${list}; ${total} together; ${machine} in this machine.`,
	spaceItem: (name, bytes) => `${name} ${bytes}`,
	incomplete: (why) => `Step not fully set up: ${why}.`,
	look: {
		'udp-messages': 'Look at the server log: one line per datagram, with the IP:port it came from.',
		'tcp-stream': "Look at the server pane's connections, and each session's stream of replies.",
		iterative: "Look at the server pane: the waiting client's time grows while the other is served.",
		'threads-processes': 'Look at the timeline: a lane per thread and per child process.',
		'program-process': 'Look at the session titles: same program, different PID, memory and state.',
		'serial-concurrent': 'Look at the two charts: the concurrent one ends sooner.',
		'time-io': 'Look at the cpu lane: its letter changes while the others wait for replies.',
		'time-cpu': 'Look at the involuntary switches and at each finish time.',
		space: 'Look at each lane: every process holds its own memory at the same time.',
	},
	liveLegend: ({running, runnable, sleeping, waiting}) =>
		`${running} running  ${runnable} wants the CPU  ${sleeping} asleep (IO)  ${waiting} awaits reply  cpu row: who ran`,
	experimentLegend: ({run, ready, blocked}) =>
		`${run} on the CPU  ${ready} ready, waiting for the CPU  ${blocked} blocked on IO`,
};

export const chineseTour: TourMessages = {
	header: (step, steps) => `导览 ${step}/${steps}`,
	sentences: (first, second) => `${first}${second}`,
	busy: '正在准备…',
	keys: 'Right 下一步 · Left 上一步 · T 目录 · Esc 离开',
	stepsTitle: '导览目录',
	stepsHint: '按 1-9 跳到某一步，T 或 Esc 关闭目录',
	titles: {
		'udp-messages': 'UDP：一条条消息，不是字节流',
		'tcp-stream': 'TCP：先建立连接，再传字节流',
		iterative: '一次只服务一个客户端：迭代服务端',
		'threads-processes': '线程和进程为客户端服务',
		'program-process': '程序与进程',
		'serial-concurrent': '串行与并发',
		'time-io': '时间上的复用：遇到 IO',
		'time-cpu': '时间上的复用：占用 CPU 过长',
		space: '空间上的复用：内存',
	},
	pending: {
		'udp-messages': '两个 UDP 会话大约每秒发一个数据报；正在等第一个。',
		'tcp-stream': '两个 TCP 会话先连接，再在各自的字节流上发送；正在等第一个。',
		iterative: '服务端现在一次只服务一个客户端；两个 TCP 会话正在连接。',
		'threads-processes': '一个会话由线程服务，下一个由子进程服务；正在启动。',
		'program-process': '同一个程序（socktui session）启动了三次；正在测量。',
		'serial-concurrent': '三个作业（计算、IO、计算）先一个接一个运行，再同时运行。',
		'time-io': '一个 CPU，三个会话：先计算，再等 300 ms 的回复；正在等待。',
		'time-cpu': '三个只计算的作业在一个 CPU 上：先串行，再并发。',
		space: '三个会话和服务端，每个进程都有自己的内存；正在测量。',
	},
	udpLast: (count, text, from) =>
		`已收到 ${count} 个数据报；最近一个“${text}”来自 ${from}：每个都完整到达，并带着发送方地址。`,
	tcpLoops: (accepted, open, session, sent) =>
		`连接循环：已接受 ${accepted} 个连接，${open} 个打开。通信循环：${session} 在字节流上发了 ${sent} 条消息。`,
	tcpPair: (session, messages, reads) =>
		`${session} 一次写入 ${messages} 条消息：它们在 ${reads} 次读取中到达（TCP 是字节流，不保留消息边界）。`,
	udpPair: (session, datagrams, replies) =>
		`${session} 一次发出 ${datagrams} 个数据报，收到 ${replies} 个回复，各自完整：UDP 保留消息边界。`,
	udpPairShort: (session, datagrams, replies) => `${session}：一次发 ${datagrams} 个，收到 ${replies} 个回复。`,
	tcpLoopsPair: (accepted, open, session, messages, reads) =>
		`连接循环：已接受 ${accepted} 个连接，${open} 个打开。通信循环：${session} 一次写入 ${messages} 条消息，它们在 ${reads} 次读取中到达：TCP 是字节流。`,
	iterativeWait: (waiter, seconds, served) =>
		`${waiter} 已等待 ${seconds} 秒：已连接，但服务端在 ${served} 离开前只服务它。`,
	worker: (kind, session, id) => (kind === 'thread' ? `${session}：服务端内的线程 ${id}` : `${session}：子进程 ${id}`),
	workersTail: (serverPid) => `（服务端 pid ${serverPid}）。`,
	processes: (count, list) => `一个程序，${count} 个进程：${list}。`,
	processItem: (name, pid, rss, sent, auto) => `${name} pid ${pid} ${rss}，已发 ${sent}${auto ? '，自动' : ''}`,
	experimentRunning: (kind) => `现在是${kind === 'serial' ? '串行' : '并发'}运行：看作业的时间线。`,
	makespans: (serial, concurrent, predictedSerial, predictedConcurrent) =>
		`串行用时 ${serial}，并发 ${concurrent}（预测 ${predictedSerial} 和 ${predictedConcurrent}）。`,
	verdict: chineseVerdict,
	disturbed: (run, cpus, pct, ms) =>
		`${run === 'serial' ? '串行' : '并发'}运行期间，其他程序占用了 CPU ${cpus} 的 ${pct}%（${ms}）：这些时间不是本课要看的，不下结论。`,
	loadUnknown: '机器负载未知（读不到 /proc/stat）：这些时间可能含有其他程序的影响。',
	recorded: (savedAt, hostname) => `录制的运行（${savedAt} 保存于 ${hostname}）。`,
	liveDisturbed: (cpus, pct, seconds) =>
		`最近 ${seconds} 秒其他程序占用了 CPU ${cpus} 的 ${pct}%：时间线显示的比演示单独运行时少，现在不下结论。`,
	// A space before a name such as #3, none before Chinese words (演示之外的进程).
	waited: (session, ms, ran) =>
		`${session} 已等回复 ${ms}；这期间 CPU 运行了${/^[\x21-\x7e]/.test(ran) ? ' ' : ''}${ran}。`,
	ranNothing: '别的进程都没有（CPU 空闲）',
	ranItem: (name, ms) => `${name}（${ms}）`,
	ranOthers: (ms) => `演示之外的进程（${ms}）`,
	listJoin: (items) => items.join('、'),
	involuntary: (count) => `最近一秒有 ${count} 次非自愿切换：作业占用 CPU 过长，内核把 CPU 拿走。`,
	finishedLater: (job, alone, together) => `${job} 单独 ${alone}，一起 ${together}：比单独运行结束得晚。`,
	space: (list, total, shared, machine, byPss) =>
		byPss
			? `内存（PSS）：${list}；合计 ${total}，共享页 ${shared} 不重复计算；本机共 ${machine}。`
			: `内存（RSS，读不到 PSS）：${list}；合计 ${total}；本机共 ${machine}。`,
	spaceItem: (name, bytes) => `${name} 占 ${bytes}`,
	incomplete: (why) => `这一步没有完全准备好：${why}。`,
	look: {
		'udp-messages': '看服务端日志：每个数据报一行，带着它来自的 IP:端口。',
		'tcp-stream': '看服务端窗格的连接数，以及每个会话的回复。',
		iterative: '看服务端窗格：等待中的客户端的等待时间在增长。',
		'threads-processes': '看时间线：每个线程、每个子进程各有一条。',
		'program-process': '看会话标题：同一个程序，不同的 PID、内存和状态。',
		'serial-concurrent': '看两张图：并发的那张先结束。',
		'time-io': '看 cpu 那一行：别的会话等回复时，字母在变。',
		'time-cpu': '看非自愿切换次数和每个作业的结束时间。',
		space: '看每条时间线：每个进程同时持有自己的内存。',
	},
	liveLegend: ({running, runnable, sleeping, waiting}) =>
		`${running} 运行  ${runnable} 等 CPU  ${sleeping} 睡眠（IO）  ${waiting} 等回复  cpu 行：谁在运行`,
	experimentLegend: ({run, ready, blocked}) => `${run} 在 CPU 上  ${ready} 就绪，等 CPU  ${blocked} 阻塞于 IO`,
};
