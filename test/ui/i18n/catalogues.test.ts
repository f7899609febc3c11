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
	'status.timelineView': ['sim'],
	'panes.memory': ['48 MB', 4, '144 MB', true, false],
	simVerdict: [
		{
			knob: 'quantum',
			value: 2,
			before: {finish: 12, switches: 0, preemptions: 0},
			after: {finish: 14, switches: 0, preemptions: 5},
		},
	],
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
	'tour.space': ['server 59 MB', '239 MB', '144 MB', '23.5 GB', true],
	'tour.spaceItem': ['#3 (C)', '60 MB'],
	'tour.incomplete': ['could not open a TCP session'],
	'tour.liveLegend': [{running: '█', runnable: '░', sleeping: '≈', waiting: 'w'}],
	'tour.experimentLegend': [{run: '█', ready: '░', blocked: '≈'}],
};

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
		// Only the ones made of names (policy names, pids) may read the same.
		expect(same.map(([path]) => path)).toEqual(['panes.sessionTitle']);
	});

	it('a Chinese status-bar word is no wider than its English one (it must fit where English fits)', () => {
		const zh: Messages = messagesFor('zh');
		for (const [path, text] of texts(zh.status, 'status')) {
			const english = new Map(texts(messagesEn.status, 'status')).get(path)!;
			expect(displayWidth(text), path).toBeLessThanOrEqual(Math.max(displayWidth(english), 12));
		}
	});
});
