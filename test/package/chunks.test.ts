import {existsSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

const dist = fileURLToPath(new URL('../../dist', import.meta.url));

/** Every file a built file loads, statically or dynamically (`dynamic`), by relative path inside dist/. */
function imports(file: string, dynamic: boolean): string[] {
	const text = readFileSync(path.join(dist, file), 'utf8');
	const pattern = dynamic ? /(?:from|import)\s*\(?"(\.\.?\/[^"]+)"/g : /(?:from|import)\s*"(\.\.?\/[^"]+)"/g;
	return [...text.matchAll(pattern)].map(([, imported]) => path.join(path.dirname(file), imported!));
}

/** The files a process loads once it imports `file`: its static imports, transitively. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
	if (seen.has(file)) return seen;
	seen.add(file);
	for (const imported of imports(file, false)) staticClosure(imported, seen);
	return seen;
}

function chunk(prefix: string): string {
	const name = readdirSync(path.join(dist, 'chunks')).find((file) => file.startsWith(`${prefix}-`));
	if (!name) throw new Error(`no dist/chunks/${prefix}-*.js: run 'npm run build' first`);
	return path.join('chunks', name);
}

describe('the built CLI is split so that each process loads only what it runs', () => {
	if (!existsSync(path.join(dist, 'cli.js'))) throw new Error("dist/cli.js is missing: run 'npm run build' first");
	const full = chunk('cli-main');
	const ui = chunk('mount-dashboard');

	it('the entry point is small and loads neither the full CLI nor the UI until asked', () => {
		expect(readFileSync(path.join(dist, 'cli.js')).length).toBeLessThan(4096);
		const loaded = staticClosure('cli.js');
		expect(loaded).not.toContain(full);
		expect(loaded).not.toContain(ui);
		expect(imports('cli.js', true)).toEqual(expect.arrayContaining([full, chunk('child-main')]));
	});

	it('a session process loads neither meow (the full CLI) nor the UI, nor node:crypto', () => {
		const loaded = staticClosure(chunk('child-main'));
		for (const file of staticClosure(chunk('session'))) loaded.add(file);
		expect(loaded).not.toContain(full);
		expect(loaded).not.toContain(ui);
		for (const file of loaded) {
			const text = readFileSync(path.join(dist, file), 'utf8');
			expect(text, file).not.toMatch(/yargs|Symbol\.for\("react|"node:crypto"/);
		}
	});

	it('the UI is a chunk of its own that only the full CLI loads', () => {
		expect(staticClosure(full)).not.toContain(ui);
		expect(imports(full, true)).toContain(ui);
	});
});
