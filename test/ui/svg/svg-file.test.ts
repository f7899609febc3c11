import {lstatSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {svgFileName, writeNewSvgFile} from '../../../source/ui/svg/svg-file.js';

const root = mkdtempSync(join(tmpdir(), 'socktui-svg-file-'));
afterAll(() => rmSync(root, {recursive: true, force: true}));
let count = 0;
const freshDirectory = () => mkdtempSync(join(root, `${++count}-`));
const now = new Date(2026, 10, 29, 4, 30, 12);

describe('writeNewSvgFile (the S key)', () => {
	it('creates a new file, mode 0600', () => {
		const directory = freshDirectory();
		const written = writeNewSvgFile('<svg/>', directory, now);
		expect(written).toEqual({ok: true, path: join(directory, svgFileName(now))});
		expect(statSync(join(directory, svgFileName(now))).mode & 0o777).toBe(0o600);
	});

	it('never writes through a symlink planted at the name it would use: it steps to -2', () => {
		const directory = freshDirectory();
		const target = join(directory, 'root-owned.conf');
		writeFileSync(target, 'secret');
		symlinkSync(target, join(directory, svgFileName(now)));
		const dangling = join(directory, 'chosen-by-attacker');
		symlinkSync(dangling, join(directory, svgFileName(now, '-2')));
		expect(writeNewSvgFile('<svg/>', directory, now)).toEqual({
			ok: true,
			path: join(directory, svgFileName(now, '-3')),
		});
		expect(readFileSync(target, 'utf8')).toBe('secret');
		expect(() => lstatSync(dangling)).toThrow(/ENOENT/);
	});

	it('a directory that cannot be written is a problem value, not a throw', () => {
		expect(writeNewSvgFile('<svg/>', join(root, 'missing'), now)).toEqual({
			ok: false,
			problem: expect.objectContaining({kind: 'system', code: 'ENOENT'}) as unknown,
		});
	});
});
