import {describe, expect, it} from 'vitest';
import type {Screen} from '../../../source/ui/svg/screen-replay.js';
import {screenSvg} from '../../../source/ui/svg/screen-svg.js';
import {parseSvg, xmlCheckUnavailable} from '../../helpers/xml-check.js';

const skip = xmlCheckUnavailable();

const screen: Screen = {
	columns: 20,
	rows: 2,
	lines: [
		[{text: '╭─ Server <&> '}, {text: 'ok', color: 'green', bold: true}],
		[{text: ' tab ', color: 'background'}, {text: '中文'}],
	],
	backgrounds: [[], [{column: 0, columns: 5, color: 'foreground'}]],
};

describe('screenSvg', () => {
	it('draws each row on the dark background, a highlight under its text, sized to the terminal', () => {
		const svg = screenSvg(screen, 'socktui: the dashboard');
		expect(svg).toContain('<title>socktui: the dashboard</title>');
		expect(svg).toContain('fill="#1d1f21"');
		expect(svg).toContain('data-columns="20" data-rows="2"');
		expect(svg.match(/class="screen-row"/g)).toHaveLength(2);
		// The inverse cells: a rectangle in the foreground colour, the text on it in the background colour.
		expect(svg).toMatch(/<rect x="12" y="29" width="42" height="17" fill="#dcdfe4"/);
		expect(svg).toMatch(/fill="#1d1f21">tab<\/text>/);
		expect(svg).toContain('fill="#98c379" font-weight="bold">ok</text>');
		expect(svg).toContain('width="192" height="58"');
	});

	it.skipIf(skip)('is well-formed XML whatever the screen holds', () => {
		const parsed = parseSvg(screenSvg(screen, 'a <title> & more'));
		expect(parsed.root).toBe('svg');
		expect(parsed.text).toContain('Server <&>');
		expect(parsed.text).toContain('中文');
	});
});
