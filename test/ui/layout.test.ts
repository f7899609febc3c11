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
