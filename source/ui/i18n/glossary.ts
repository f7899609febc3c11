/**
 * The tutorial's terms (its Chinese words, and the English the dashboard says for them): one place both
 * catalogues take them from, so the same idea is the same word on every screen. The Chinese follows the
 * tutorial (`seed/`): 服务端, not 服务器.
 */
export interface Term {
	en: string;
	zh: string;
}

export const glossary = {
	server: {en: 'server', zh: '服务端'},
	client: {en: 'client', zh: '客户端'},
	process: {en: 'process', zh: '进程'},
	program: {en: 'program', zh: '程序'},
	thread: {en: 'thread', zh: '线程'},
	serial: {en: 'serial', zh: '串行'},
	concurrent: {en: 'concurrent', zh: '并发'},
	multiprogramming: {en: 'multiprogramming', zh: '多道技术'},
	spaceMultiplexing: {en: 'multiplexing in space', zh: '空间上的复用'},
	timeMultiplexing: {en: 'multiplexing in time', zh: '时间上的复用'},
	datagram: {en: 'datagram', zh: '数据报'},
	connection: {en: 'connection', zh: '连接'},
	session: {en: 'session', zh: '会话'},
	message: {en: 'message', zh: '消息'},
	reply: {en: 'reply', zh: '回复'},
	running: {en: 'running', zh: '运行'},
	runnable: {en: 'runnable', zh: '就绪'},
	/** Waiting for IO or an event: the state and the reason a process gave up the CPU. */
	blocked: {en: 'blocked', zh: '阻塞'},
	exited: {en: 'exited', zh: '已退出'},
	timeSlice: {en: 'time slice', zh: '时间片'},
	preempted: {en: 'preempted', zh: '被抢占'},
	pool: {en: 'pool', zh: '池'},
	dashboard: {en: 'dashboard', zh: '仪表盘'},
	memory: {en: 'memory', zh: '内存'},
	timeline: {en: 'timeline', zh: '时间线'},
	simulator: {en: 'simulator', zh: '模拟器'},
	scheduler: {en: 'scheduler', zh: '调度器'},
	idle: {en: 'idle', zh: '空闲'},
	listening: {en: 'listening', zh: '监听中'},
} as const satisfies Record<string, Term>;

/** The Chinese word of a term (the catalogues' shorthand). */
export const zh = Object.fromEntries(Object.entries(glossary).map(([key, term]) => [key, term.zh])) as {
	[K in keyof typeof glossary]: (typeof glossary)[K]['zh'];
};

/** The English word of a term. */
export const en = Object.fromEntries(Object.entries(glossary).map(([key, term]) => [key, term.en])) as {
	[K in keyof typeof glossary]: (typeof glossary)[K]['en'];
};
