import {describe, expect, it} from 'vitest';
import {fitLine, lineText} from '../../source/ui/segments.js';

describe('fitLine', () => {
	it('cuts segments at the width, keeps their style and drops what no longer fits', () => {
		const line = [{text: 'ab', bold: true}, {text: '█≈≈', color: 'green'}, {text: 'zz'}];
		expect(fitLine(line, 4)).toEqual([{text: 'ab', bold: true}, {text: '█≈', color: 'green'}]);
		expect(lineText(fitLine(line, 100))).toBe('ab█≈≈zz');
		expect(fitLine(line, 0)).toEqual([]);
		expect(fitLine(line, -3)).toEqual([]);
	});
});
