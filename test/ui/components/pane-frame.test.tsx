import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {displayWidth} from '../../../source/core/text/display-width.js';
import {PaneFrame} from '../../../source/ui/components/pane-frame.js';
import {ThemeContext, createTheme} from '../../../source/ui/theme.js';

function topLine(title: string, width: number, focused: boolean): string {
	const {lastFrame, unmount} = render(
		<ThemeContext.Provider value={createTheme({color: false, ascii: false})}>
			<PaneFrame title={title} focused={focused} width={width} height={3} />
		</ThemeContext.Provider>,
	);
	const top = (lastFrame() ?? '').split('\n')[0]!;
	unmount();
	return top;
}

describe('PaneFrame', () => {
	it('a Chinese title never pushes the top border past the pane, at any width (a wide character is not halved)', () => {
		const title = '时间线: 实时进程 (v: 模拟器)';
		for (let width = 4; width <= 40; width++) {
			for (const focused of [false, true]) {
				const top = topLine(title, width, focused);
				expect(displayWidth(top), top).toBe(width);
				expect(top.at(-1), top).toBe(focused ? '╗' : '╮');
			}
		}
	});
});
