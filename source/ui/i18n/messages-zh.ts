import type {TimelineView} from '../state/ui-state.js';
import {sizesOf, type Messages} from './messages-en.js';
import {chineseTour} from '../tour/tour-messages.js';
import {paneMessagesZh} from './pane-messages-zh.js';
import {chineseExperiment} from './experiment-messages.js';
import {formatHostPort} from '../../core/errors.js';
import type {NoReplyProblem, SessionProblem} from '../../core/sessions/session-problem.js';

/** 等待时间: `500 ms`, `2 秒`. */
function waitZh(ms: number): string {
	return ms < 1000 ? `${ms} ms` : `${ms / 1000} 秒`;
}

/** 没有回复 (或回复不完整): 先说收到了多少, 再说等了多久, 最后说从哪里 (窄窗格里截掉的是地址). */
function noReplyZh(problem: NoReplyProblem): string {
	const where = `${problem.protocol} ${formatHostPort(problem.host, problem.port)}`;
	const waited = `等了 ${waitZh(problem.waitMs)}`;
	const {partial} = problem;
	if (partial === undefined)
		return `没有回复, ${waited}: ${where}${problem.protocol === 'UDP' ? ' (有 UDP 服务端在监听吗?)' : ''}`;
	const got =
		partial.expectedBytes === undefined
			? `收到 ${partial.bytes} 字节, 没有换行符`
			: `收到 ${partial.bytes}/${partial.expectedBytes} 字节`;
	return `回复不完整: ${got} (${partial.start}), ${waited}: ${where}`;
}

/** 套接字错误 (socket error) in the tutorial's words. */
function socketProblemZh(problem: Extract<SessionProblem, {code: 'socket'}>): string {
	const where = `${problem.protocol} ${formatHostPort(problem.host, problem.port)}`;
	switch (problem.kind) {
		case 'PortInUse':
			return `端口 ${problem.port} 已被占用 (${where})`;
		case 'AddressUnavailable':
			return `无法绑定 ${where}: 本机没有这个地址`;
		case 'ConnectionRefused':
			return `${where} 拒绝连接 (服务端在运行吗?)`;
		case 'HostNotFound':
			return `找不到主机: ${problem.host}`;
		case 'PeerClosed':
			return `${where} 重置了连接`;
		case 'PortUnreachable':
			return `端口不可达: ${where} 上没有程序在监听`;
	}
}

/** 中文: the tutorial's own terms (串行, 并发, 多道技术, 时间上的复用, 空间上的复用, 服务端, 客户端). */

const viewNames: Record<TimelineView, string> = {
	live: '实时时间线',
	sim: '模拟器',
	sched: '调度器',
	experiment: '实验',
};

const viewTitles: Record<TimelineView, string> = {
	live: '时间线: 实时进程',
	sim: '时间线: 模拟器',
	sched: '时间线: 调度器',
	experiment: '时间线: 实验',
};

const cpuSuffix = (cpu: number | undefined) => (cpu === undefined ? '' : ` cpu${cpu}`);

export const messagesZh: Messages = {
	...paneMessagesZh,
	tour: chineseTour,
	experiment: chineseExperiment,
	status: {
		help: '帮助',
		quit: '退出',
		server: '服务端',
		timeline: '时间线',
		timelineView: (view) => viewNames[view],
		session: (sessionId) => `会话 #${sessionId}`,
		typingInto: (sessionId) => `输入到 #${sessionId}`,
		typingIntoTimeline: '输入到时间线',
		helpShown: '帮助',
		watchProcess: '观察进程',
		watchPrompt: (draft) => `PID: ${draft}_  (Enter 加入时间线, Esc 取消)`,
		unboundKey: (key, where) => `${key} 在这里没有作用 (${where}); ? 列出所有按键`,
		paneName: (kind) => (kind === 'server' ? '服务端窗格' : '时间线窗格'),
		removePane: '移除这个窗格',
		tourHold: '导览中 +/- 不会改这一步的回复延迟; 终端自己的缩放是 Ctrl-+/Ctrl--',
		noTour: '这个仪表盘没有导览',
		tourLast: (steps) => `这是导览的最后一步（${steps}/${steps}）：Left 回到上一步，Esc 离开导览`,
		svgWrote: (file) => `已存 ${file}`,
		svgNothing: (view) => `没有可保存的: ${viewNames[view]}视图没有时间线`,
		svgFailed: (reason) => `无法把时间线存成 SVG: ${reason}`,
	},
	help: {
		title: '按键 (? 或 Esc 关闭)',
		page: (page, pages) => `第 ${page}/${pages} 页：PgDn/Space 下一页，PgUp 上一页，Home/End，方向键滚动`,
		footer: '状态用文字表示: TCP 已连接, UDP 就绪 (无连接), 已退出 (退出码 N)。',
		scopes: {
			global: '任何地方',
			tour: '导览中',
			session: '会话窗格',
			typing: '输入时',
			server: '服务端窗格',
			timeline: '时间线窗格',
			sim: '模拟器视图',
			sched: '调度器视图',
			experiment: '实验视图',
		},
	},
	keys: {
		sendLine: '发送这一行',
		stopTyping: '停止输入',
		deleteCharacter: '删除一个字符',
		typeMessage: '输入消息',
		closeSession: '关闭这个会话 (再按 x: 下一个; 已退出: 移除)',
		autoMode: '自动模式 开/关',
		sendPair: '一次连发两条消息（TCP：字节流，显示读取次数；UDP：两个数据报）',
		autoLessOften: '自动: 降低发送频率',
		autoMoreOften: '自动: 提高发送频率',
		autoLongerBurst: '自动: 加长 CPU 计算时间',
		autoShorterBurst: '自动: 缩短 CPU 计算时间',
		longerReplyDelay: '加长回复延迟',
		shorterReplyDelay: '缩短回复延迟',
		moreHandlerCpu: '每条消息多用 CPU',
		lessHandlerCpu: '每条消息少用 CPU',
		nextView: '下一个视图: 实时, 模拟器, 调度器, 实验',
		newTcpSession: '新建 TCP 会话',
		newUdpSession: '新建 UDP 会话',
		nextPane: '下一个窗格',
		previousPane: '上一个窗格',
		jumpToSession: '跳到第 N 个会话',
		oneCpuMode: '单 CPU 模式 开/关',
		serverModel: '服务端模型: 事件循环, 迭代, 线程, 进程 (对新连接)',
		dashboardLane: '在时间线里显示/隐藏仪表盘自身',
		restartServer: '服务端进程停止后重启它',
		watchProcess: '按 PID 在实时时间线里观察进程 (含其线程和子进程)',
		zoom: '放大: 当前窗格占满屏幕 (再按 z: 还原)',
		tourToggle: '导览 开/关 (关闭时恢复导览前的样子)',
		tourNext: '导览: 下一步',
		tourPrev: '导览: 上一步 (第一步之前: 离开导览)',
		tourList: '导览: 步骤目录',
		tourLeave: '导览: 离开, 保留当前窗格',
		tourHold: '导览: +/- 不改这一步的回复延迟 (在时间线上: 调速度)',
		saveSvg: '把当前时间线存成 SVG 文件 (当前目录, 用于幻灯片)',
		help: '帮助',
		quit: '退出',
	},
	simVerdict: ({knob, value, before, after}) => {
		const finish =
			after.finish === before.finish
				? `仍在第 ${after.finish} 个时间单位 全部完成`
				: `全部完成于第 ${after.finish} 个时间单位（原来是第 ${before.finish} 个）`;
		return knob === 'quantum'
			? value === 0
				? `不限时间片：进程一直占用 CPU，直到阻塞或结束；${finish}`
				: `时间片 ${value}：${after.preemptions} 次时间片用完（CPU 被拿走）；${finish}`
			: `切换代价 ${value}：切换用了 ${after.switches} 个时间单位，期间没有进程运行；${finish}`;
	},
	simKeys: {
		playPause: '播放 / 暂停',
		stepForward: '前进一个时钟周期',
		stepBack: '后退一个时钟周期',
		faster: '播放加快',
		slower: '播放减慢',
		restart: '从头重新开始 (时钟 0)',
		switchPolicy: '切换策略: SWITCH_ON_IO / SWITCH_ON_END',
		ioDonePolicy: 'IO 完成策略: IO_RUN_LATER / IO_RUN_IMMEDIATE',
		compare: '对比串行与多道技术',
		quantumUp: '加长时间片（0 = 不限）',
		quantumDown: '缩短时间片',
		switchCostUp: '加大上下文切换的代价（每次切换的时间单位数）',
		switchCostDown: '减小上下文切换的代价',
		nextPreset: '下一组预设任务',
		editProgram: '输入 -P 程序 (如 c3,i,c2:c4)',
		loadProgram: '载入程序',
		cancel: '取消',
	},
	liveKeys: {
		pause: '暂停 / 继续实时时间线',
		faster: '采样加快 (每列更短)',
		slower: '采样减慢 (每列更长)',
	},
	schedKeys: {
		nextJobSet: '下一组任务',
		longerQuantum: 'RR 时间片加长',
		shorterQuantum: 'RR 时间片缩短',
		leftPolicy: 'RR 旁边显示 FIFO 或 SJF',
	},
	experimentKeys: {
		run: '运行实验 (先串行, 再并发)',
		otherPreset: '换预设: IO 任务或纯 CPU 任务',
		stop: '停止运行 (所有任务结束)',
	},
	session: {
		exited: '已退出',
		exitedSignal: (signal) => `已退出 (信号 ${signal})`,
		exitedCode: (code) => `已退出 (退出码 ${code})`,
		closing: '正在关闭',
		computing: ', 计算中',
		connecting: '正在连接',
		connected: '已连接',
		waiting: '等待回复',
		waitingFor: (seconds) => `等待回复 ${seconds} 秒`,
		noReply: '没有回复',
		refused: '连接被拒绝',
		closed: '已关闭',
		udpOpening: '正在打开 UDP 套接字',
		udpReady: '就绪 (UDP: 无连接)',
		udpWaiting: '已发送, 等待回复',
		udpNoReply: (waitMs) => `${waitZh(waitMs)} 内没有回复`,
		udpUnreachable: '端口不可达',
		problem: (problem) => {
			switch (problem.code) {
				case 'tooLarge':
					return `消息太大, 一个 UDP 数据报装不下 (${problem.bytes} 字节, 最多 ${problem.max})`;
				case 'queueFull':
					return `等待发送的消息太多 (${problem.max}); 这条没有发送`;
				case 'serverClosed':
					return '服务端关闭了连接';
				case 'closedByDashboard':
					return '仪表盘关闭了它';
				case 'processFailed':
					return `会话进程出错: ${problem.line}`;
				case 'socket':
					return socketProblemZh(problem);
				case 'noReply':
					return noReplyZh(problem);
			}
		},
		typeHint: '> (按 Enter 输入)',
		auto: (intervalMs, burstMs) => `自动: 每 ${intervalMs} ms 发送, 计算 ${burstMs} ms`,
		pairReads: (protocol, {writes, reads, readSizes, lines}) =>
			protocol === 'tcp'
				? `${lines} 条消息在 ${reads} 次读取中到达（${sizesOf(readSizes, reads)} 字节）`
				: `${writes} 个数据报，${reads} 个回复（${sizesOf(readSizes, reads)} 字节）`,
	},
	panes: {
		server: (pid, cpu, model) => `服务端 (pid ${pid}${cpuSuffix(cpu)}${model === undefined ? '' : `, 模型 ${model}`})`,
		serverRemote: '服务端 (远程)',
		remoteServerOf: (protocol, where) => `远程 ${protocol} 服务端 ${where}`,
		remoteElsewhere: (protocol, where) => `${protocol} 远程服务端 ${where}（看不到）`,
		serverLogEmpty: '(还没有消息)',
		serverLogRemote: '(看不到远程服务端的日志)',
		serverRead: ({byteCount, lines}) =>
			lines === 1 ? '' : lines === 0 ? `1 次读取 ${byteCount} 字节，没有换行：` : `1 次读取 = ${lines} 条消息：`,
		sessions: '会话',
		noSessions: '没有客户端会话: n 新建 TCP 会话, u 新建 UDP 会话',
		sessionTitle: (sessionId, protocol, pid, cpu) => `#${sessionId} ${protocol} pid ${pid}${cpuSuffix(cpu)}`,
		timelineTitle: (view, next) => `${viewTitles[view]} (v: ${viewNames[next]})`,
		viewNames,
		viewUnavailable: (view) => `这个版本没有${viewNames[view]}`,
		pressV: (next) => `按 v 切换到${viewNames[next]}视图`,
		tooSmall: (needColumns, needRows, columns, rows) =>
			`终端太小: 需要 ${needColumns}x${needRows}, 现在 ${columns}x${rows}`,
		tooSmallQuits: '(q 退出)',
		memory: (total, processes, shared, pssReadable, short) =>
			pssReadable
				? short
					? `PSS ${total}, ${processes} 个进程, 共享 ${shared}`
					: `内存 (PSS) ${total}, ${processes} 个进程, 其中共享 ${shared}`
				: short
					? `RSS ${total}, ${processes} 个进程 (无 PSS)`
					: `内存 (RSS, 读不到 PSS) ${total}, ${processes} 个进程`,
	},
};
