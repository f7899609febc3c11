import {describe, expect, it} from 'vitest';
import {NoticesSlice, noticesKept} from '../../../../source/core/dashboard/store/notices-slice.js';

describe('NoticesSlice', () => {
	it('keeps the last few notices with their text parameters made safe', () => {
		const notices = new NoticesSlice();
		const empty = notices.view();
		expect(notices.fold({type: 'server-starting', protocol: 'tcp'})).toBe(false);
		expect(notices.view()).toBe(empty);
		for (let pid = 1; pid <= noticesKept + 2; pid++)
			notices.fold({type: 'notice', level: 'info', notice: {code: 'watching', params: {pid}}});
		notices.fold({type: 'notice', level: 'warn', notice: {code: 'watchFailed', params: {detail: '\u001B]0;x\u0007'}}});
		const view = notices.view();
		expect(view).toHaveLength(noticesKept);
		expect(view.at(-1)).toMatchObject({level: 'warn', notice: {code: 'watchFailed', params: {detail: '\\e]0;x\\a'}}});
		expect(view.map((entry) => entry.id)).toEqual([4, 5, 6, 7]);
		expect(Object.isFrozen(view)).toBe(true);
	});
});
