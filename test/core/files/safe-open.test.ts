import {execFileSync} from 'node:child_process';
import {
	closeSync,
	lchownSync,
	linkSync,
	lstatSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	readlinkSync,
	rmSync,
	statSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import process from 'node:process';
import {afterAll, describe, expect, it} from 'vitest';
import {openForWriting, writeNewFile} from '../../../source/core/files/safe-open.js';
import {describeFileProblem} from '../../../source/core/file-error.js';

const directory = mkdtempSync(join(tmpdir(), 'socktui-safe-open-'));
afterAll(() => rmSync(directory, {recursive: true, force: true}));
let count = 0;
const fresh = (name: string) => join(directory, `${++count}-${name}`);
const isRoot = process.getuid?.() === 0;
if (!isRoot) console.log('skipping the tests of a symlink owned by another user: they need root (CI runs as root)');
const mkfifo = (path: string) => execFileSync('mkfifo', [path]);

function expectProblem(path: string, overwrite: boolean) {
	const result = openForWriting(path, {overwrite});
	if (result.ok) closeSync(result.fd);
	expect(result.ok).toBe(false);
	return result.ok ? undefined : result.problem;
}

describe('openForWriting: a new file, never through a symlink', () => {
	it('creates a new file with mode 0600 (whatever the umask allows more)', () => {
		const path = fresh('new.cast');
		const previous = process.umask(0o000);
		try {
			writeNewFile(path, 'hello', {});
		} finally {
			process.umask(previous);
		}

		expect(readFileSync(path, 'utf8')).toBe('hello');
		expect(statSync(path).mode & 0o777).toBe(0o600);
	});

	it('refuses an existing regular file without overwrite, leaving it as it was', () => {
		const path = fresh('important.txt');
		writeFileSync(path, 'keep me');
		const problem = expectProblem(path, false);
		expect(problem).toEqual({kind: 'exists'});
		expect(readFileSync(path, 'utf8')).toBe('keep me');
		expect(describeFileProblem(problem!)).toBe('it already exists (--overwrite replaces it)');
	});

	it('replaces an existing regular file with overwrite, and makes it 0600', () => {
		const path = fresh('old.cast');
		writeFileSync(path, 'a much longer old content', {mode: 0o644});
		writeNewFile(path, 'new', {overwrite: true});
		expect(readFileSync(path, 'utf8')).toBe('new');
		expect(statSync(path).mode & 0o777).toBe(0o600);
	});

	it.each([false, true])(
		'refuses a symlink to an existing file (overwrite %s); the target is untouched',
		(overwrite) => {
			const target = fresh('root-owned.conf');
			writeFileSync(target, 'secret config');
			const path = fresh('demo.cast');
			symlinkSync(target, path);
			expect(expectProblem(path, overwrite)).toEqual({kind: 'symlink'});
			expect(readFileSync(target, 'utf8')).toBe('secret config');
			expect(lstatSync(path).isSymbolicLink()).toBe(true);
		},
	);

	it.each([false, true])('refuses a dangling symlink (overwrite %s): no file appears where it points', (overwrite) => {
		const target = fresh('chosen-by-attacker');
		const path = fresh('slides.svg');
		symlinkSync(target, path);
		const problem = expectProblem(path, overwrite);
		expect(problem).toEqual({kind: 'symlink'});
		expect(() => lstatSync(target)).toThrow(/ENOENT/);
		expect(readlinkSync(path)).toBe(target);
		expect(describeFileProblem(problem!)).toBe('it is a symbolic link (refused even with --overwrite)');
	});

	it.each([false, true])('refuses a FIFO at once, never blocking on it (overwrite %s)', (overwrite) => {
		const path = fresh('pipe.cast');
		mkfifo(path);
		const problem = expectProblem(path, overwrite);
		expect(problem).toEqual({kind: 'not-regular', what: 'FIFO'});
		expect(describeFileProblem(problem!)).toBe('it is a FIFO, not a regular file');
	});

	it.each([false, true])('refuses a directory (overwrite %s)', (overwrite) => {
		const path = fresh('dir.cast');
		mkdirSync(path);
		expect(expectProblem(path, overwrite)).toEqual({kind: 'not-regular', what: 'directory'});
	});

	it('refuses a device even with overwrite', () => {
		expect(expectProblem('/dev/null', true)).toEqual({kind: 'not-regular', what: 'device'});
	});

	it('refuses, with overwrite, a file that has other hard links (it would change them too)', () => {
		const original = fresh('linked-original');
		writeFileSync(original, 'other content');
		const path = fresh('hardlink.cast');
		linkSync(original, path);
		expect(expectProblem(path, true)).toEqual({kind: 'hard-linked'});
		expect(readFileSync(original, 'utf8')).toBe('other content');
	});

	it('a missing directory is a system problem in plain words', () => {
		const problem = expectProblem(join(directory, 'no', 'such', 'file'), false);
		expect(problem).toMatchObject({kind: 'system', code: 'ENOENT'});
		expect(describeFileProblem(problem!)).toBe('no such directory');
	});

	it.skipIf(!isRoot)(
		'as root, refuses a symlink another user planted to a root-owned file, even with overwrite',
		() => {
			const target = fresh('root.conf');
			writeFileSync(target, 'root only', {mode: 0o600});
			const shared = fresh('shared');
			mkdirSync(shared, {mode: 0o777});
			const path = join(shared, 'demo.cast');
			symlinkSync(target, path);
			lchownSync(path, 65_534, 65_534);
			expect(lstatSync(path).uid).toBe(65_534);
			for (const overwrite of [false, true]) expect(expectProblem(path, overwrite)).toEqual({kind: 'symlink'});
			expect(readFileSync(target, 'utf8')).toBe('root only');
			expect(statSync(target).uid).toBe(0);
		},
	);
});
