import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {spaceCjk} from '../../../source/ui/i18n/cjk-spacing.js';

describe('spaceCjk: one space between Chinese and a Latin word or a number', () => {
	it.each([
		['服务端进程4242已退出', '服务端进程 4242 已退出'],
		['用TCP发送', '用 TCP 发送'],
		['CPU1上运行', 'CPU1 上运行'],
		['会话 #1', '会话 #1'],
		['时间线: 实时进程', '时间线: 实时进程'],
		['(pid 4242, cpu1)', '(pid 4242, cpu1)'],
		['已存 socktui.svg', '已存 socktui.svg'],
		['占用3 ms', '占用 3 ms'],
		['按Enter输入', '按 Enter 输入'],
		['/proc(主线程)', '/proc(主线程)'],
		['多道技术', '多道技术'],
	])('%s -> %s', (input, expected) => {
		expect(spaceCjk(input)).toBe(expected);
	});

	it('never doubles a space, never changes a text without Chinese, and is idempotent', () => {
		fc.assert(
			fc.property(fc.string({unit: fc.constantFrom('服', '端', 'a', 'Z', '1', ' ', '(', ':', '/', '#')}), (text) => {
				const once = spaceCjk(text);
				expect(spaceCjk(once)).toBe(once);
				expect(once.replaceAll(' ', '')).toBe(text.replaceAll(' ', ''));
				if (!/[服端]/u.test(text)) expect(once).toBe(text);
				expect(once.includes('  ')).toBe(text.includes('  '));
			}),
		);
	});
});
