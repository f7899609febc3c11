import {readdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Unit tests are named after the file they test: test/core/echo/tcp-echo-server.test.ts tests
 * source/core/echo/tcp-echo-server.ts, and test/core/echo/tcp-echo-server.hostile.test.ts is one aspect of it.
 * These span several source files on purpose (each with why); anything else must name its source file.
 */
const spanning: Record<string, string> = {
	'test/core/procs/parsers.test.ts': 'the /proc parsers: cpu-stat, proc-stat, proc-status, schedstat, state-letters',
	'test/core/procs/sources.test.ts': 'proc-source, ps-source and create-source, which picks between them',
	'test/core/sessions/session-orphans.test.ts': 'session children left by a killed dashboard, through the built CLI',
	'test/core/tour/tour-step-state.test.ts': 'tour steps against the dashboard runtime and a real server process',
	'test/ui/panes/experiment/consistency.test.ts': 'one recorded run in every place it is shown (core and ui)',
	'test/ui/tour/tour-busy-machine.test.ts': 'the experiment, the live sampler and the narration under CPU hogs',
};

const unitFolders = ['test/core', 'test/ui', 'test/commands'];

function testFiles(folder: string): string[] {
	return readdirSync(path.join(root, folder)).flatMap((name) => {
		const relative = `${folder}/${name}`;
		if (statSync(path.join(root, relative)).isDirectory()) return testFiles(relative);
		return /\.test\.tsx?$/.test(name) ? [relative] : [];
	});
}

/** The source files a test's name may stand for: `name.test.ts` and `name.aspect.test.ts` both name `name`. */
function namedSources(test: string): string[] {
	const folder = path.posix.dirname(test).replace(/^test\//, 'source/');
	const base = path.posix.basename(test).replace(/\.test\.tsx?$/, '');
	const stem = base.split('.')[0]!;
	return [...new Set([base, stem])].flatMap((name) => [`${folder}/${name}.ts`, `${folder}/${name}.tsx`]);
}

function exists(file: string): boolean {
	try {
		return statSync(path.join(root, file)).isFile();
	} catch {
		return false;
	}
}

describe('test file names', () => {
	const tests = unitFolders.flatMap((folder) => testFiles(folder));

	it('finds the unit tests', () => {
		expect(tests.length).toBeGreaterThan(50);
	});

	it('names a source file for every unit test not allowed to span files', () => {
		const orphans = tests.filter((test) => !(test in spanning) && !namedSources(test).some(exists));
		expect(orphans).toEqual([]);
	});

	it('keeps the allow-list honest: every entry exists and names no single source file', () => {
		for (const test of Object.keys(spanning)) {
			expect(exists(test), test).toBe(true);
			expect(namedSources(test).some(exists), test).toBe(false);
		}
	});
});
