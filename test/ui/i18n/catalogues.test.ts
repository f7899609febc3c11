import {describe, expect, it} from 'vitest';
import {displayWidth} from '../../../source/core/text/display-width.js';
import {messagesFor} from '../../../source/ui/i18n/catalogues.js';
import {languages} from '../../../source/ui/i18n/language.js';
import {messagesEn, type Messages} from '../../../source/ui/i18n/messages-en.js';
import {samples, texts} from '../helpers/catalogue-texts.js';

/** Arguments that choose between words rather than appear in the text (`tcp` picks "conn" or "peers"). */
const selectors: Record<string, number[]> = {
	'server.connections': [0],
	'server.waitingForWorker': [2],
	'status.paneName': [0],
	'status.timelineView': [0],
	'panes.timelineTitle': [0, 1],
	'panes.viewUnavailable': [0],
	'panes.pressV': [0],
	'status.svgNothing': [0],
	'tour.worker': [0],
	'tour.experimentRunning': [0],
	'tour.processItem': [4],
	'session.pairReads': [0],
	// The read's size and line ends are shown by the payload itself (its visible \n), not repeated.
	'panes.serverRead': [0],
	// Which run (serial or concurrent) picks a word.
	'experiment.runName': [0],
	'experiment.runTitle': [0],
	'experiment.jobsRunning': [0],
	'experiment.load': [0],
	'experiment.running': [0],
	'experiment.viewRun': [0],
	'experiment.chartTitle': [0],
	'experiment.story': [0],
	'tour.disturbed': [0],
};

/** A union's tag picks the words; it is not shown. */
const tags = new Set(['code', 'kind', 'state', 'knob']);

/** The texts and numbers of an argument that a message must show: its leaves, but not a union's tag. */
function leaves(value: unknown, key = ''): string[] {
	if (typeof value === 'string' || typeof value === 'number') return tags.has(key) ? [] : [String(value)];
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
			// The tour's and the experiment's figures are checked by their own consistency tests.
			if (path.startsWith('tour.') || path.startsWith('experiment.')) continue;
			// The simulator's verdict shows the figures of the knob that changed, not every count it is given.
			if (path === 'simVerdict') continue;
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
		// Only the ones made of names and figures (RSS, pids, policy names, a session's lane label) may read the same.
		expect(same.map(([path]) => path).sort()).toEqual([
			'experiment.columns.cpu',
			'experiment.columns.pid',
			'experiment.cpuRow',
			'panes.sessionTitle',
			'server.dropped',
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
