import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {displayWidth} from '../../source/core/text/display-width.js';
import {messagesZh} from '../../source/ui/i18n/messages-zh.js';
import {wrapWords} from '../../source/ui/wrap-words.js';

describe('wrapWords', () => {
	it('wraps English at spaces as before', () => {
		expect(wrapWords('one two three four', 9)).toEqual(['one two', 'three', 'four']);
		expect(wrapWords('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
	});

	it('measures columns: a Chinese line is never wider than the width, and nothing is lost', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...Object.values(messagesZh.keys), messagesZh.help.footer, messagesZh.panes.noSessions),
				fc.integer({min: 2, max: 40}),
				(text, width) => {
					const lines = wrapWords(text, width);
					for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
					expect(lines.join('').replaceAll(' ', '')).toBe(text.replaceAll(' ', ''));
				},
			),
		);
	});

	it('fills a line with a long Chinese phrase before breaking, moves a short word whole, and starts no line with a closing mark', () => {
		expect(wrapWords('服务端模型: 事件循环, 迭代, 线程, 进程 (对新连接)', 26)).toEqual([
			'服务端模型: 事件循环,',
			'迭代, 线程, 进程',
			'(对新连接)',
		]);
		expect(wrapWords('按 PID 在实时时间线里观察进程', 14)).toEqual(['按 PID 在实时', '时间线里观察进', '程']);
		for (const width of [8, 10, 12, 14]) {
			for (const line of wrapWords('按 PID 在实时时间线里观察进程，含其线程和子进程：都在', width))
				expect(line).not.toMatch(/^[,，:：)）]/u);
		}
	});

	it('gives a wide character a line of its own when the width is one column', () => {
		expect(wrapWords('多道', 1)).toEqual(['多', '道']);
	});
});
