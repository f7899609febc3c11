import {execFileSync} from 'node:child_process';
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {formatKeys} from '../../source/ui/keymap/dashboard-bindings.js';
import {helpBindings, keyTable, withKeyTable} from '../../scripts/readme-keys.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

describe('README key table (scripts/readme-keys.ts)', () => {
	it('is the table generated from the key bindings (run npm run docs:keys when this fails)', () => {
		expect(withKeyTable(readme)).toBe(readme);
	});

	it('has one row per binding the help overlay shows', () => {
		const table = keyTable();
		expect(table.split('\n')).toHaveLength(helpBindings.length + 2);
		for (const binding of helpBindings) expect(table).toContain(formatKeys(binding.keys).split('/')[0]!);
	});

	it('changes when a binding changes', () => {
		const [first, ...rest] = helpBindings;
		const renamed = [{...first!, keys: ['N']}, ...rest];
		expect(withKeyTable(readme, keyTable(renamed))).not.toBe(readme);
	});
});

describe('README picture (scripts/make-readme-picture.mjs)', () => {
	it('is what socktui export-svg draws now from the committed recording (run npm run docs:picture when this fails)', () => {
		expect(() =>
			execFileSync(process.execPath, [path.join(root, 'scripts/make-readme-picture.mjs'), '--check'], {
				stdio: 'pipe',
			}),
		).not.toThrow();
	});

	it('is linked from the README: the whole dashboard, recorded and drawn by socktui', () => {
		expect(readme).toContain('](docs/images/dashboard.svg)');
		const svg = readFileSync(path.join(root, 'docs/images/dashboard.svg'), 'utf8');
		// Small enough to show at once on GitHub, and the whole dashboard: server, timeline, a TCP and a UDP session.
		expect(svg.length).toBeLessThan(60_000);
		for (const text of ['Server (pid', 'Timeline: live processes', '#1 TCP pid', '#2 UDP pid', '&gt;&gt;&gt; hello'])
			expect(svg).toContain(text);
	});
});

describe('README quick start', () => {
	it('keeps the two copy-paste lines, each alone in its own code block', () => {
		expect(readme).toContain('\n```\nnpm ci && npm start\n```\n');
		expect(readme).toContain('\n```\nnpm ci && npm test\n```\n');
	});
});

describe('README and docs/ links', () => {
	it('point at files that exist', () => {
		const pages = [
			'README.md',
			...readdirSync(path.join(root, 'docs'), {recursive: true, encoding: 'utf8'})
				.filter((name) => name.endsWith('.md'))
				.map((name) => path.join('docs', name)),
		];
		const broken: string[] = [];
		for (const page of pages) {
			const text = readFileSync(path.join(root, page), 'utf8');
			for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
				if (/^[a-z]+:/.test(target!)) continue;
				if (!existsSync(path.join(root, path.dirname(page), target!))) broken.push(`${page}: ${target}`);
			}
		}

		expect(broken).toEqual([]);
	});
});
