import {describe, expect, it} from 'vitest';
import {glossary} from '../../../source/ui/i18n/glossary.js';
import {messagesFor} from '../../../source/ui/i18n/catalogues.js';

describe("the glossary: the tutorial's terms", () => {
	it("holds the tutorial's words (服务端, never 服务器)", () => {
		expect(glossary.server.zh).toBe('服务端');
		expect(glossary.client.zh).toBe('客户端');
		expect(glossary.process.zh).toBe('进程');
		expect(glossary.program.zh).toBe('程序');
		expect(glossary.serial.zh).toBe('串行');
		expect(glossary.concurrent.zh).toBe('并发');
		expect(glossary.multiprogramming.zh).toBe('多道技术');
		expect(glossary.spaceMultiplexing.zh).toBe('空间上的复用');
		expect(glossary.timeMultiplexing.zh).toBe('时间上的复用');
		expect(glossary.datagram.zh).toBe('数据报');
		for (const term of Object.values(glossary)) expect(term.zh).not.toContain('服务器');
	});

	it('no Chinese message says 服务器 (the tutorial says 服务端; the tour has its own engineer)', () => {
		const {tour: _tour, ...rest} = messagesFor('zh');
		const all = JSON.stringify(rest, (_key, value: unknown) => (typeof value === 'function' ? String(value) : value));
		expect(all).not.toContain('服务器');
	});
});
