import {describe, expect, it} from 'vitest';
import {computeLayout, visibleWindow} from '../../source/ui/layout.js';

describe('computeLayout', () => {
	it.each([
		[80, 24],
		[100, 30],
		[60, 16],
		[200, 60],
	])('at %ix%i keeps the frame below the terminal height and fills the width', (columns, rows) => {
		const layout = computeLayout(columns, rows, 2);
		expect(layout.tooSmall).toBe(false);
		expect(layout.frameHeight).toBe(rows - 1);
		expect(layout.top.height + layout.sessions.height + layout.statusHeight).toBe(rows - 1);
		expect(layout.top.serverWidth + layout.top.timelineWidth).toBe(columns);
		expect(layout.sessions.height).toBeGreaterThanOrEqual(6);
	});

	it('is too small below 60x16', () => {
		expect(computeLayout(59, 30, 2).tooSmall).toBe(true);
		expect(computeLayout(100, 15, 2).tooSmall).toBe(true);
	});
});

describe('visibleWindow', () => {
	it('follows the focused item', () => {
		expect(visibleWindow(3, 4, 0)).toEqual({start: 0, end: 3});
		expect(visibleWindow(8, 3, 0)).toEqual({start: 0, end: 3});
		expect(visibleWindow(8, 3, 5)).toEqual({start: 4, end: 7});
		expect(visibleWindow(8, 3, 7)).toEqual({start: 5, end: 8});
	});
});

describe('computeLayout with empty session panes', () => {
	it('gives the rows the sessions do not need to the top panes, never more than their usual share', () => {
		const usual = computeLayout(80, 24, 2);
		const empty = computeLayout(80, 24, 2, 0, 5);
		expect(empty.sessions.height).toBe(5);
		expect(empty.top.height).toBe(usual.top.height + usual.sessions.height - 5);
		expect(computeLayout(80, 24, 2, 0, 40).sessions.height).toBe(usual.sessions.height);
		expect(computeLayout(80, 24, 0, 0, 3).sessions.height).toBe(3);
	});
});
