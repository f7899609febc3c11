import {render} from 'ink-testing-library';
import {act} from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {HelpOverlay, helpPaging} from '../../../source/ui/components/help-overlay.js';
import {messagesEn} from '../../../source/ui/i18n/messages-en.js';
import {dashboardBindings} from '../../../source/ui/keymap/dashboard-bindings.js';
import {liveTimelineBindings} from '../../../source/ui/panes/live-timeline/live-bindings.js';
import {simBindings} from '../../../source/ui/panes/sim/sim-bindings.js';
import {ThemeContext, createTheme} from '../../../source/ui/theme.js';

(globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean}).IS_REACT_ACT_ENVIRONMENT = true;

const mounted: Array<{unmount: () => void}> = [];
afterEach(() => {
	for (const instance of mounted.splice(0)) act(() => instance.unmount());
});

const bindings = [...dashboardBindings, ...simBindings, ...liveTimelineBindings];

function frame(width: number, height: number, offset = 0): string {
	let instance!: ReturnType<typeof render>;
	act(() => {
		instance = render(
			<ThemeContext.Provider value={createTheme({color: false, ascii: false})}>
				<HelpOverlay bindings={bindings} width={width} height={height} offset={offset} />
			</ThemeContext.Provider>,
		);
	});
	mounted.push(instance);
	return instance.lastFrame() ?? '';
}

describe('help overlay', () => {
	it.each([
		[80, 23],
		[100, 29],
	])('at %ix%i shows every entry whole (scrolling through), no line wider than the screen', (width, height) => {
		const seen: string[] = [];
		for (let offset = 0; offset < 120; offset += 5) {
			const text = frame(width, height, offset);
			for (const line of text.split('\n')) expect([...line].length).toBeLessThanOrEqual(width);
			seen.push(text);
		}

		const words = seen.join('\n').split(/[\s│]+/);
		for (const binding of bindings) {
			const description = binding.description(messagesEn);
			for (const word of description.split(' ')) expect(words, description).toContain(word);
		}
	});

	it('at 80x23 comes in pages: "page N/M", each page a whole screenful, the last page reached by End', () => {
		const paging = helpPaging(bindings, messagesEn, 80, 23);
		expect(paging.pages).toBeGreaterThan(1);
		expect(paging.maxOffset).toBe((paging.pages - 1) * paging.pageRows);
		expect(frame(80, 23, 0)).toContain(`page 1/${paging.pages}`);
		expect(frame(80, 23, paging.pageRows)).toContain(`page 2/${paging.pages}`);
		const last = frame(80, 23, paging.maxOffset);
		expect(last).toContain(`page ${paging.pages}/${paging.pages}`);
		// Paging through shows every row once: the first rows of page 2 are not on page 1.
		const secondFirst = frame(80, 23, paging.pageRows).split('\n')[1]!;
		expect(frame(80, 23, 0)).not.toContain(secondFirst.trim());
	});

	it('at 240x70 fits on one page and says nothing about pages', () => {
		expect(helpPaging(bindings, messagesEn, 240, 70).pages).toBe(1);
		expect(frame(240, 70)).not.toContain('page 1/');
	});
});
