import type {PinFailure} from '../../core/procs/pinning.js';
import {zh} from './glossary.js';
import type {PaneMessages} from './pane-messages.js';

/** After a knob's value the server has not reported in force yet. */
const zhAsked = '(已请求, 尚未确认)';

const laneLabels: Record<string, string> = {
	server: zh.server,
	'dashboard (this UI)': `${zh.dashboard} (本界面)`,
	'thread idle': `空闲${zh.thread}`,
	'pool idle': `${zh.pool}中空闲`,
};

function laneLabel(label: string): string {
	const known = laneLabels[label];
	if (known !== undefined) return known;
	const worker = /^(thread|child) (.+)$/u.exec(label);
	if (worker) return `${worker[1] === 'thread' ? zh.thread : `子${zh.process}`} ${worker[2]}`;
	return label;
}

const pinFailure = (failure: PinFailure): string => {
	switch (failure.code) {
		case 'notLinux':
			return `绑定到一个 CPU 需要 Linux 的 taskset (${failure.platform} 上没有); 请用${zh.simulator}视图`;
		case 'noTaskset':
			return `找不到 taskset (在 util-linux 里); 请用${zh.simulator}视图`;
		case 'tasksetBroken':
			return `taskset 在这里不能用 (${failure.detail}); 请用${zh.simulator}视图`;
		case 'cpuNotAllowed':
			return `这个${zh.process}不能用 CPU ${failure.cpu} (可用: ${failure.allowed})`;
		case 'pinFailed':
			return `taskset 没能把 PID ${failure.pid} 绑定到 CPU ${failure.cpu}: ${failure.detail}`;
	}
};

export const paneMessagesZh: PaneMessages = {
	notices: {
		portFellBack: ({from, port}) => `端口 ${from} 已被占用; 改用 ${port}`,
		serverKilled: ({pid, signal}) => `${zh.server}${zh.process} ${pid} 被杀死 (${signal})`,
		serverExited: ({pid, exitCode}) => `${zh.server}${zh.process} ${pid} 已退出, 退出码 ${exitCode}`,
		publicListen: ({where}) => `在 ${where} 上监听: 其他机器也能连上`,
		sessionOpenFailed: ({detail}) => `无法打开${zh.session}: ${detail}`,
		sessionCloseFailed: ({detail}) => `无法关闭${zh.session}: ${detail}`,
		remoteModel: () => `${zh.session}用的是远程${zh.server}: 它的模型由它自己决定`,
		remoteNoRestart: () => `${zh.session}用的是远程${zh.server}; 没有可重启的${zh.server}${zh.process}`,
		serverStillRunning: ({pid}) => `${zh.server}${zh.process} ${pid} 正在运行; R 只在它停止后才重启它`,
		serverRestarted: ({pid, port}) => `${zh.server}${zh.process}已重启: pid ${pid}, 端口 ${port}`,
		restartFailed: ({detail}) => `无法重启${zh.server}: ${detail}`,
		pinning: ({failure}) => pinFailure(failure),
		oneCpuOn: ({cpu}) => `单 CPU: ${zh.server}和${zh.session}在 CPU ${cpu} 上`,
		oneCpuShared: () => `本${zh.dashboard}也用它 (只有一个 CPU)`,
		oneCpuUi: ({cpu}) => `本${zh.dashboard}在 CPU ${cpu} 上, 不占演示的 CPU`,
		oneCpuOff: ({cpus}) => `单 CPU 关闭: 都回到原来的 CPU ${cpus === '' ? '' : `(${cpus})`}`.trim(),
		dashboardLaneShown: () => `${zh.timeline}: 本${zh.dashboard}又有自己的一行了`,
		dashboardLaneHidden: () => `${zh.timeline}: 本${zh.dashboard}的一行已隐藏 (d 显示)`,
		watching: ({pid}) => `${zh.timeline}: 正在观察 PID ${pid} 及其${zh.thread}和子${zh.process}`,
		watchFailed: ({detail}) => `无法观察: ${detail}`,
	},
	pinFailure: {
		notLinux: pinFailure,
		noTaskset: pinFailure,
		tasksetBroken: pinFailure,
		cpuNotAllowed: pinFailure,
		pinFailed: pinFailure,
	},
	server: {
		state: {starting: '启动中', listening: zh.listening, closed: '已关闭', failed: '失败'},
		connections: (protocol, count) => (protocol === 'tcp' ? `${count} 个${zh.connection}` : `${count} 个对端`),
		traffic: (messagesIn, bytesIn, rateIn, dot, messagesOut, bytesOut, rateOut) =>
			`  收 ${messagesIn} 条 ${bytesIn} ${rateIn} ${dot} 发 ${messagesOut} ${bytesOut} ${rateOut}`,
		guards: {
			title: '防护',
			loop: '回环',
			muted: '静默',
			badSource: '坏来源',
			rate: '限速',
			idle: '空闲',
			kernelDrops: '内核丢弃',
		},
		processStarting: (pid) => `正在启动${zh.server}${zh.process} (pid ${pid})`,
		processStopped: (pid) => `${zh.server}${zh.process} ${pid} 已停止`,
		processKilled: (pid, signal) => `${zh.server}${zh.process} ${pid} 被杀死 (${signal}):`,
		processExited: (pid, code) => `${zh.server}${zh.process} ${pid} 已退出, 退出码 ${code}:`,
		restartHint: 'R 重启它 (同一端口)',
		skipped: (count) => `另有 ${count} 行未显示`,
		closeReasons: {
			end: '对端关闭',
			reset: '被重置',
			error: '出错',
			server: `${zh.server}关闭`,
			idle: '空闲超时',
			evicted: '被挤出',
		},
		refusedLimit: `${zh.connection}数已满`,
		dropped: (bytes, reason) => `${bytes} B (${reason})`,
		dropReasons: {
			overload: '过载',
			'too-large': '太大',
			unreplyable: '无法回复',
			'own-address': '来自本机地址',
			'low-port': '来源端口过低',
			'rate-limit': '超过速率',
			muted: '已静默',
		},
		muted: (seconds) => `疑似回声循环: 静默 ${seconds} 秒`,
		log: {connected: '已连接', disconnected: '已断开', refused: '被拒绝', dropped: '已丢弃', error: '错误'},
		remote: (where) => `远程${zh.server} ${where}`,
		remoteTalk: `${zh.session}和它通信; socktui 不运行${zh.server}`,
		remoteHidden: '(这里看不到它那一端)',
		remoteTraffic: (sessions, sent, replies, dot) =>
			`${sessions} 个${zh.session}: 发送 ${sent} ${dot} ${zh.reply} ${replies}`,
		totals: (delayMs, cpuMs, dropped, refused, dot, pending) =>
			`延迟 ${delayMs} ms${pending?.delay ? ` ${zhAsked}` : ''} ${dot} cpu ${cpuMs} ms${pending?.cpu ? ` ${zhAsked}` : ''} ${dot} 丢弃 ${dropped} ${dot} 拒绝 ${refused}`,
		asked: zhAsked,
		modelAsked: (model) => `模型 ${model} ${zhAsked}`,
		totalsHint: ' (+/- 延迟, </> cpu, m 模型)',
		memory: (bytes, processes) => `${zh.memory} (RSS): ${processes} 个${zh.process}共 ${bytes}`,
		memoryShort: (bytes) => `RSS: ${bytes}`,
		models: {
			'event-loop': `一个${zh.thread}服务所有套接字`,
			iterative: `一次一个${zh.client} (TCPServer)`,
			threads: `每个${zh.client}一个${zh.thread} (ThreadingTCPServer)`,
			processes: `每个${zh.client}一个${zh.process} (ForkingTCPServer)`,
		},
		modelLine: (model, words, pool) => `模型 ${model}: ${words}${pool > 0 ? `, ${zh.pool} ${pool}` : ''}`,
		threadsNote: `(套接字留在主${zh.thread}; 处理函数在各${zh.thread}上运行)`,
		finishing: (count, model) => `${count} 个已打开的${zh.connection}仍按 ${model} 处理到结束`,
		more: (count) => `另 ${count} 个`,
		seconds: (value) => `${value} 秒`,
		waitingTurn: (protocol, waits) => `${protocol} 排队等待: ${waits}`,
		threadsBusy: (protocol, count, tids, idle) =>
			`${protocol} ${count} 个${zh.thread}: TID ${tids}${idle > 0 ? `, ${idle} 个空闲` : ''}`,
		threadsIdle: (protocol, count) => `${protocol} ${count} 个空闲${zh.thread}在等${zh.client}`,
		children: (count, pids) => `${count} 个子${zh.process}: PID ${pids}`,
		poolIdle: (count) => `${zh.pool}中 ${count} 个空闲`,
		waitingForWorker: (protocol, count, kind) =>
			`${protocol} ${count} 个在等空闲的${kind === 'thread' ? zh.thread : zh.process}`,
		handlerFailures: (protocol, count) => `${protocol} 处理失败: ${count} 次 (每次结束一个${zh.client})`,
	},
	timeline: {
		notMeasured: (notes) => `未测量: ${notes}`,
		disturbed: (cpus, seconds) =>
			`最近 ${seconds} 秒其他程序占用了${cpus.map(({cpu, pct}) => ` CPU ${cpu} 的 ${pct}%`).join('、')}：时间线显示的比演示单独运行时少`,
		notes: {
			noSchedstat: `没有 /proc/<pid>/schedstat: ${zh.runnable} (等待 CPU) 无法测量; CPU 时间以 10 ms 为单位`,
			noSwitchCounts: '/proc/<pid>/status 里没有上下文切换次数',
			noCoreTimes: '/proc/stat 里没有每个核的时间',
			psOnly: `没有 /proc: CPU % 来自 ps (平均值); ${zh.runnable}、上次的 CPU、每核的行和上下文切换都无法测量`,
			readFailed: (detail) => `读取${zh.process}失败: ${detail}`,
			readError: (detail) => `读取失败: ${detail}`,
		},
		noProcesses: `还没有观察任何${zh.process}`,
		moreProcesses: (count) => `另有 ${count} 个${zh.process} (放大终端可见)`,
		source: {proc: '实测: /proc (主线程)', ps: '实测: ps (CPU % 是平均值)', none: '没有测量'},
		paused: '已暂停 ',
		perColumn: (ms) => `每列 ${ms} ms`,
		shown: (seconds) => `显示 ${seconds} 秒`,
		focusHint: 'space 暂停, +/- 速度',
		measured: '实测: ',
		selfReported: '自报: ',
		cells: {
			running: zh.running,
			runnable: `${zh.runnable} (等待 CPU)`,
			sleeping: `${zh.blocked} (等 IO 或事件)`,
			exited: zh.exited,
		},
		cellsShort: {running: zh.running, runnable: zh.runnable, sleeping: zh.blocked, exited: zh.exited},
		phases: {computing: '计算中', 'waiting-reply': `等待${zh.reply}`, idle: zh.idle},
		phasesShort: {computing: '计算', 'waiting-reply': `等${zh.reply}`, idle: zh.idle},
		cpuLegend: (idleGlyph, otherGlyph) =>
			`cpu: A-Z ${zh.process} ${idleGlyph} ${zh.idle}${otherGlyph === undefined ? '' : ` ${otherGlyph} 其他`}`,
		ranLong: '这一列里运行过: ',
		ranShort: '运行过: ',
		ranParts: {runnable: `运行了一部分, 多数时间${zh.runnable}`, sleeping: `运行了一部分, 多数时间${zh.blocked}`},
		ranPartsShort: {runnable: `多数${zh.runnable}`, sleeping: `多数${zh.blocked}`},
		selfLabel: {long: '自报', medium: '自报', short: '自报'},
		says: (phase) => `自报: ${phase}`,
		exited: zh.exited,
		noReading: '还没有读数',
		stateWords: {
			R: zh.running,
			S: zh.blocked,
			D: '等 IO',
			Z: '僵尸',
			T: '已停止',
			t: '被跟踪',
			X: '已死',
			I: zh.idle,
			U: '等 IO',
		},
		voluntary: '主动',
		involuntary: '被动',
		nowIdle: `现在: ${zh.idle}`,
		nowOther: `现在: 其他${zh.process}`,
		nowOtherShort: '现在: 其他',
		nowMark: (mark, pid) => `现在: ${mark} (PID ${pid})`,
		nowMarkShort: (mark) => `现在: ${mark}`,
		nowPid: (pid) => `现在: PID ${pid}`,
		reasons: {involuntary: `${zh.preempted}: ${zh.timeSlice}用完`, voluntary: `${zh.blocked}: 等待 IO`},
		reasonsShort: {involuntary: zh.preempted, voluntary: zh.blocked},
		reasonLegend: (involuntary, voluntary, separator) =>
			`${zh.process}为何失去 CPU: ${involuntary} ${separator} ${voluntary}`,
		reasonLegendTiny: (separator) => `${zh.preempted}: ${zh.timeSlice}用完 ${separator} ${zh.blocked}: 等 IO`,
		rss: (bytes) => `RSS ${bytes}`,
		recent: (count, times, reason, seconds) => `${count}${times} ${reason}${seconds}`,
		inSeconds: (seconds) => ` (${seconds} 秒内)`,
		moreThreads: (count) => `另 ${count} 个${zh.thread}`,
		moreChildren: (count) => `另 ${count} 个子${zh.process}`,
		withoutLane: (parts) => `${parts}没有单独一行`,
		notShown: (count) => `另 ${count} 个未显示`,
		totals: (preempted, blocked) => `${zh.preempted} ${preempted} 次, ${zh.blocked} ${blocked} 次`,
		inAll: (totals) => `共计 ${totals}`,
		laneLabel,
		oneCpuUnavailable: (reason) => `单 CPU 不可用: ${reason}`,
		oneCpuBoth: (cpu, uiCpu) => `单 CPU: 演示在 CPU ${cpu}, 本界面在 CPU ${uiCpu}`,
		oneCpuMode: '单 CPU 模式',
		oneCpuPinned: (cpu) => `单 CPU 模式: 绑定在 CPU ${cpu}`,
	},
	sim: {
		legend: {
			run: zh.running,
			ready: zh.runnable,
			blocked: zh.blocked,
			'io-done': 'IO 完成',
			done: '结束',
			switch: '切换',
		},
		stats: (tick, total, cpuBusy, ioBusy, switching) =>
			`t ${tick}/${total}  CPU 忙 ${cpuBusy}%  IO 忙 ${ioBusy}%${switching === undefined ? '' : `  切换 ${switching}%`}`,
		quantum: (ticks) => `${zh.timeSlice} ${ticks}`,
		switchCost: (ticks) => `切换 ${ticks}`,
		compare: '对比',
		presets: [
			{name: '纯计算', story: `没有 IO: CPU 一直忙, 切换策略改变不了什么`},
			{name: '多 IO', story: `大多在等待: 遇到 IO 就切换, 让等待重叠起来 (按 c 对比${zh.serial})`},
			{name: '混合', story: `一个 IO 任务, 一个计算任务: IO 进行时计算任务在运行`},
			{name: 'IO 完成即运行', story: '按 i: IO_RUN_IMMEDIATE 把 CPU 还给刚完成 IO 的任务'},
			{
				name: '轮转抢占',
				story: `${zh.timeSlice}为 1, 每次切换 1 个时钟: 计算密集的任务做${zh.timeMultiplexing}反而比${zh.serial}慢`,
			},
		],
		yourWorkload: '你的任务',
		yourProgram: `你的${zh.program}`,
		workload: (whose, processes, cpu, io) =>
			`${whose}: ${processes} 个${zh.process}, ${cpu} 条 CPU 指令, ${io === 0 ? '没有 IO (没有可重叠的等待: 只有时间片到了才会让出 CPU)' : `${io} 次 IO`}`,
		serialTitle: `${zh.serial} (SWITCH_ON_END)`,
		multiprogrammedTitle: `${zh.multiprogramming} (SWITCH_ON_IO)`,
		moreProcesses: (count) => `另有 ${count} 个${zh.process} (窗格更高时可见)`,
		cpuLegend: `CPU: 运行的 pid`,
		ioLegend: 'IO: 进行中的 IO 数',
		editHint: '_  (Enter 载入, Esc 取消)',
		runCut: (ticks) => `运行截止于 ${ticks} 个时钟 (窗格最多保留这么多)`,
	},
	sched: {
		heading: (name, lengths, total) => `scheduler.py: ${name} (${lengths}), 共 ${total} 个时间单位`,
		averages: (response, turnaround, wait) => `  平均响应时间 ${response}  周转时间 ${turnaround}  等待时间 ${wait}`,
		fifoTitle: '先来先服务 FIFO: 按到达顺序, 每个任务一直运行到结束',
		sjfTitle: '最短任务优先 SJF: 短任务先运行, 每个运行到结束',
		rrTitle: (quantum) => `轮转 RR: ${zh.timeSlice} ${quantum} (每个${zh.timeSlice}一种深浅)`,
		legend: (run, ready, done) => `${run} ${zh.running} (每个${zh.timeSlice}一种深浅)  ${ready} 等待  ${done} 完成`,
		keys: `p 换任务  +/- ${zh.timeSlice}  f FIFO/SJF`,
		presets: [
			{name: '等长任务', lesson: `RR 在一个${zh.timeSlice}内就响应每个任务; FIFO 的平均周转时间更短`},
			{name: '长任务在前', lesson: '护航效应: FIFO 下短任务排在长任务后面等; SJF 和 RR 让它们先完成'},
			{name: '长短不一', lesson: 'SJF 的平均周转时间最短; RR 的响应时间最短'},
		],
	},
};
