import {describe, expect, it} from 'vitest';
import {displayWidth} from '../../../source/core/text/display-width.js';
import {messagesFor} from '../../../source/ui/i18n/catalogues.js';
import {languages} from '../../../source/ui/i18n/language.js';
import {messagesEn, type Messages} from '../../../source/ui/i18n/messages-en.js';

/** Arguments for every parameterised message (a new one needs a line here, so none goes untried). */
const samples: Record<string, unknown[]> = {
	'status.session': [3],
	'status.typingInto': [3],
	'status.watchPrompt': ['1234,'],
	'status.unboundKey': ['y', 'session #1'],
	'status.paneName': ['server'],
	'help.scrolled': [1, 19, 54],
	'session.exitedSignal': ['SIGTERM'],
	'session.exitedCode': [0],
	'session.udpNoReply': ['2 s'],
	'session.auto': [500, 100],
	'panes.server': [4242, 0, 'threads'],
	'panes.sessionTitle': [1, 'TCP', 1001, 0],
	'panes.timelineTitle': ['live', 'sim'],
	'panes.viewUnavailable': ['live'],
	'panes.pressV': ['sim'],
	'panes.tooSmall': [60, 16, 50, 10],
	'status.svgWrote': ['socktui-timeline-20261129-043012.svg'],
	'status.svgNothing': ['live'],
	'status.svgFailed': ['no such directory'],
	'tour.header': [3, 9],
	'tour.sentences': ['One.', 'Two.'],
	'tour.udpLast': [5, 'auto 3', '127.0.0.1:40312 = #1'],
	'tour.tcpLoops': [2, 2, '#1', 7],
	'tour.iterativeWait': ['#2', '3.7', '#1'],
	'tour.worker': ['thread', '#1 (B)', 4242],
	'tour.workersTail': [4200],
	'tour.processes': [3, '#1 (A) pid 1001 45 MB sent 3'],
	'tour.processItem': ['#1 (A)', 1001, '45 MB', 3, true],
	'tour.experimentRunning': ['serial'],
	'tour.makespans': ['3300 ms', '2300 ms', '3300 ms', '1800 ms'],
	'tour.waited': ['#2 (B)', '412 ms', '#3 (300 ms)'],
	'tour.ranItem': ['#3', '300 ms'],
	'tour.ranOthers': ['200 ms'],
	'tour.listJoin': [['#1', '#2', '#3']],
	'tour.involuntary': [3],
	'tour.finishedLater': ['P0', '1010 ms', '3035 ms'],
	'tour.space': ['server 59 MB', '239 MB', '23.5 GB'],
	'tour.spaceItem': ['#3 (C)', '60 MB'],
	'tour.incomplete': ['could not open a TCP session'],
	'tour.liveLegend': [{running: '█', runnable: '░', sleeping: '≈', waiting: 'w'}],
	'tour.experimentLegend': [{run: '█', ready: '░', blocked: '≈'}],
	'notices.portFellBack': [{from: 8082, port: 9000}],
	'notices.serverKilled': [{pid: 4242, signal: 'SIGKILL'}],
	'notices.serverExited': [{pid: 4242, exitCode: '137'}],
	'notices.publicListen': [{where: '0.0.0.0:8082'}],
	'notices.sessionOpenFailed': [{detail: 'EMFILE-DETAIL'}],
	'notices.sessionCloseFailed': [{detail: 'EPIPE-DETAIL'}],
	'notices.remoteModel': [{}],
	'notices.remoteNoRestart': [{}],
	'notices.serverStillRunning': [{pid: '4242'}],
	'notices.serverRestarted': [{pid: 4343, port: 9001}],
	'notices.restartFailed': [{detail: 'PORT-DETAIL'}],
	'notices.pinning': [{failure: {code: 'pinFailed', pid: 3131, cpu: '7', detail: 'TASKSET-DETAIL'}}],
	'notices.oneCpuOn': [{cpu: 3}],
	'notices.oneCpuShared': [{}],
	'notices.oneCpuUi': [{cpu: 2}],
	'notices.oneCpuOff': [{cpus: '0-3'}],
	'notices.dashboardLaneShown': [{}],
	'notices.dashboardLaneHidden': [{}],
	'notices.watching': [{pid: 5151}],
	'notices.watchFailed': [{detail: 'WATCH-DETAIL'}],
	'pinFailure.notLinux': [{code: 'notLinux', platform: 'darwin'}],
	'pinFailure.noTaskset': [{code: 'noTaskset'}],
	'pinFailure.tasksetBroken': [{code: 'tasksetBroken', detail: 'EPERM-DETAIL'}],
	'pinFailure.cpuNotAllowed': [{code: 'cpuNotAllowed', cpu: 9, allowed: '0,1'}],
	'pinFailure.pinFailed': [{code: 'pinFailed', pid: 3131, cpu: '7', detail: 'TASKSET-DETAIL'}],
	'server.connections': ['tcp', 37],
	'server.traffic': ['11', '22 kB', '3.3/s', '·', '44', '55 kB', '6.6/s'],
	'server.processStarting': [4242],
	'server.processStopped': [4243],
	'server.processKilled': [4244, 'SIGKILL'],
	'server.processExited': [4245, '137'],
	'server.remote': ['127.0.0.9:8080'],
	'server.remoteTraffic': [3, '17', '19', '·'],
	'server.totals': [25, 35, '41', '43', '·'],
	'server.memory': ['58 MB', 7],
	'server.memoryShort': ['58 MB'],
	'server.modelLine': ['threads', 'MODEL-WORDS', 8],
	'server.finishing': [6, 'iterative'],
	'server.more': [9],
	'server.seconds': ['2.5'],
	'server.waitingTurn': ['TCP', ':40001 2.5 s'],
	'server.threadsBusy': ['TCP', 4, '5123 :40001', 2],
	'server.threadsIdle': ['UDP', 3],
	'server.children': [5, '6001 :40002'],
	'server.poolIdle': [3],
	'server.waitingForWorker': ['TCP', 3, 'thread'],
	'server.handlerFailures': ['TCP', 12],
	'timeline.notMeasured': ['NOTES'],
	'timeline.moreProcesses': [5],
	'timeline.perColumn': [100],
	'timeline.shown': ['6.4'],
	'timeline.cpuLegend': ['.', '+'],
	'timeline.says': ['PHASE'],
	'timeline.nowMark': ['A', 5555],
	'timeline.nowPid': [5556],
	'timeline.reasonLegend': ['INVOLUNTARY', 'VOLUNTARY', '·'],
	'timeline.reasonLegendTiny': ['·'],
	'timeline.rss': ['12 MB'],
	'timeline.recent': ['3', '×', 'REASON', ' (1 s)'],
	'timeline.inSeconds': ['1.5'],
	'timeline.moreThreads': [2],
	'timeline.moreChildren': [3],
	'timeline.withoutLane': ['PARTS'],
	'timeline.notShown': [4],
	'timeline.totals': ['14', '15'],
	'timeline.inAll': ['TOTALS'],
	'timeline.laneLabel': ['#1 TCP'],
	'timeline.oneCpuUnavailable': ['REASON'],
	'timeline.oneCpuBoth': [13, 11],
	'timeline.oneCpuPinned': [13],
	'sim.moreProcesses': [4],
	'sim.runCut': [1000],
};

/** Arguments that choose between words rather than appear in the text (`tcp` picks "conn" or "peers"). */
const selectors: Record<string, number[]> = {
	'server.connections': [0],
	'server.waitingForWorker': [2],
	'status.paneName': [0],
	'panes.timelineTitle': [0, 1],
	'panes.viewUnavailable': [0],
	'panes.pressV': [0],
	'status.svgNothing': [0],
	'tour.worker': [0],
	'tour.experimentRunning': [0],
	'tour.processItem': [4],
};

/** The texts and numbers of an argument that a message must show: its leaves, but not a union's `code`. */
function leaves(value: unknown, key = ''): string[] {
	if (typeof value === 'string' || typeof value === 'number') return key === 'code' ? [] : [String(value)];
	if (Array.isArray(value)) return value.flatMap((inner) => leaves(inner));
	if (typeof value === 'object' && value !== null)
		return Object.entries(value).flatMap(([inner, innerValue]) => leaves(innerValue, inner));
	return [];
}

/** Per parameterised message: which of its sample arguments' values the text shows. */
function placeholders(messages: unknown, path = ''): Array<[string, string[]]> {
	if (typeof messages === 'function') {
		const args = samples[path] ?? [];
		const text = (messages as (...values: unknown[]) => string)(...args);
		const skip = selectors[path] ?? [];
		const shown = args
			.filter((_arg, index) => !skip.includes(index))
			.flatMap((arg) => leaves(arg))
			.filter((leaf) => text.includes(leaf));
		return [[path, shown]];
	}

	if (typeof messages !== 'object' || messages === null) return [];
	return Object.entries(messages as Record<string, unknown>).flatMap(([key, value]) =>
		placeholders(value, path === '' ? key : `${path}.${key}`),
	);
}

/** Every message as [path, text], functions called with their sample arguments. */
function texts(messages: unknown, path = ''): Array<[string, string]> {
	if (typeof messages === 'string') return [[path, messages]];
	if (typeof messages === 'function') {
		const args = samples[path];
		if (args === undefined) throw new Error(`no sample arguments for ${path}: add them to this test`);
		return [[path, (messages as (...values: unknown[]) => string)(...args)]];
	}

	return Object.entries(messages as Record<string, unknown>).flatMap(([key, value]) =>
		texts(value, path === '' ? key : `${path}.${key}`),
	);
}

function shape(messages: unknown): unknown {
	if (typeof messages !== 'object' || messages === null) return typeof messages;
	return Object.fromEntries(
		Object.entries(messages)
			.sort(([a], [b]) => a.localeCompare(b))
			.map(([key, value]) => [key, shape(value)]),
	);
}

describe('message catalogues', () => {
	it.each(languages)(
		'%s has the same messages as English (tsc checks the type; this checks what is there)',
		(language) => {
			expect(shape(messagesFor(language))).toEqual(shape(messagesEn));
		},
	);

	it.each(languages)('%s shows the same placeholders as English in every parameterised message', (language) => {
		const english = new Map(placeholders(messagesEn));
		const other = placeholders(messagesFor(language));
		expect(other.map(([path]) => path).sort()).toEqual([...english.keys()].sort());
		for (const [path, shown] of other) expect(shown, path).toEqual(english.get(path));
	});

	it('every sample argument of an English message is shown (or is a selector), so the test above means something', () => {
		for (const [path, shown] of placeholders(messagesEn)) {
			if (path.startsWith('tour.')) continue;
			const args = samples[path] ?? [];
			const skip = selectors[path] ?? [];
			const expected = args.filter((_arg, index) => !skip.includes(index)).flatMap((arg) => leaves(arg));
			expect(shown, path).toEqual(expected);
		}
	});

	it.each(languages)('%s has no empty message and no undefined in a parameterised one', (language) => {
		for (const [path, text] of texts(messagesFor(language))) {
			expect(text.trim(), path).not.toBe('');
			expect(text, path).not.toMatch(/undefined|NaN|\[object/u);
		}
	});

	it("Chinese is Chinese: titles and the status bar words are translated, with the tutorial's terms", () => {
		const zh = messagesFor('zh');
		expect(zh.status.help).toBe('帮助');
		expect(zh.status.quit).toBe('退出');
		expect(zh.panes.sessions).toBe('会话');
		expect(zh.experimentKeys.run).toContain('串行');
		expect(zh.experimentKeys.run).toContain('并发');
		expect(zh.simKeys.compare).toContain('多道技术');
		const english = new Map(texts(messagesEn));
		const same = texts(zh).filter(([path, text]) => english.get(path) === text);
		// Only the ones made of names and figures (RSS, pids, a session's lane label) may read the same.
		expect(same.map(([path]) => path).sort()).toEqual([
			'panes.sessionTitle',
			'server.memoryShort',
			'timeline.laneLabel',
			'timeline.recent',
			'timeline.rss',
		]);
	});

	it('a Chinese status-bar word is no wider than its English one (it must fit where English fits)', () => {
		const zh: Messages = messagesFor('zh');
		for (const [path, text] of texts(zh.status, 'status')) {
			const english = new Map(texts(messagesEn.status, 'status')).get(path)!;
			expect(displayWidth(text), path).toBeLessThanOrEqual(Math.max(displayWidth(english), 12));
		}
	});
});
