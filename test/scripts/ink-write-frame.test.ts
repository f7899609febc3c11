import process from 'node:process';
import {EventEmitter} from 'node:events';
import {join} from 'node:path';
import type {Plugin} from 'esbuild';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ModuleBundler, root} from './helpers/bundle-module.js';
import {upstreamPlugin} from './helpers/patches.js';

/** What the bundle exports: Ink's render and the React it renders with. */
interface InkBundle {
	render: (
		node: unknown,
		options: Record<string, unknown>,
	) => {rerender(node: unknown): void; unmount(): void; clear(): void};
	createElement: (type: unknown, props: unknown, ...children: unknown[]) => unknown;
	Box: unknown;
	Text: unknown;
}

/** Ink's devtools are never bundled (scripts/build.mjs leaves them out the same way). */
const noDevtools: Plugin = {
	name: 'no-ink-devtools',
	setup(context) {
		const empty = join(root, 'scripts/empty-module.mjs');
		context.onResolve({filter: /^(?:\.\/devtools\.js|react-devtools-core)$/}, () => ({path: empty}));
	},
};

const bundler = new ModuleBundler();
let patched: InkBundle;
let upstream: InkBundle;
/** Ink loaded where CI=true (is-in-ci reads the environment once, as Ink's module loads). */
let patchedInCi: InkBundle;

async function bundle(name: string, plugins: Plugin[]): Promise<InkBundle> {
	const entry = [
		`export {render, Box, Text} from ${JSON.stringify(join(root, 'node_modules/ink/build/index.js'))};`,
		`export {createElement} from ${JSON.stringify(join(root, 'node_modules/react/index.js'))};`,
	].join('\n');
	return bundler.bundle<InkBundle>(name, entry, [noDevtools, ...plugins]);
}

beforeAll(async () => {
	patched = await bundle('ink-patched', []);
	upstream = await bundle('ink-upstream', [upstreamPlugin()]);
	const ci = process.env.CI;
	process.env.CI = 'true';
	try {
		patchedInCi = await bundle('ink-patched-ci', []);
	} finally {
		if (ci === undefined) delete process.env.CI;
		else process.env.CI = ci;
	}
}, 60_000);

afterAll(() => {
	bundler.dispose();
});

/** A terminal-sized stdout that records what Ink writes to it. */
class Stdout extends EventEmitter {
	readonly isTTY = true;
	columns = 30;
	rows = 10;
	written: string[] = [];
	write(data: string, callback?: () => void): boolean {
		this.written.push(data);
		callback?.();
		return true;
	}
}

function mount(ink: InkBundle, lines: string[], writeFrame?: (frame?: string) => void) {
	const stdout = new Stdout();
	const tree = (rows: string[]) =>
		ink.createElement(ink.Box, {flexDirection: 'column'}, ...rows.map((row) => ink.createElement(ink.Text, {}, row)));
	const instance = ink.render(tree(lines), {
		stdout,
		stdin: new EventEmitter(),
		patchConsole: false,
		exitOnCtrlC: false,
		// Every render reaches the hook at once (no throttle window to wait out).
		maxFps: 0,
		...(writeFrame ? {writeFrame} : {}),
	});
	return {stdout, instance, rerender: (rows: string[]) => instance.rerender(tree(rows))};
}

describe("Ink's writeFrame render option (patches/ink+6.8.0.patch)", () => {
	it('hands the frame its lines as Ink computed them, and writes none of it to stdout', () => {
		const frames: Array<string | undefined> = [];
		const {stdout, instance, rerender} = mount(patched, ['alpha', 'beta'], (frame) => frames.push(frame));
		rerender(['alpha', 'BETA', 'gamma']);
		rerender(['alpha', 'BETA', 'gamma']);
		instance.unmount();
		expect(frames).toEqual(['alpha\nbeta', 'alpha\nBETA\ngamma']);
		// Only the cursor's hide and show (log-update's and Ink's App's): no erase, no synchronized-output markers,
		// no frame text.
		expect(stdout.written.join('')).toMatch(/^\u001B\[\?25l(?:\u001B\[\?25h)+$/);
	});

	it('hands every frame with CI=true in the environment too (the hook owns the screen: no print-at-exit CI mode)', () => {
		const frames: Array<string | undefined> = [];
		const {stdout, instance, rerender} = mount(patchedInCi, ['alpha'], (frame) => frames.push(frame));
		rerender(['alpha', 'beta']);
		instance.unmount();
		expect(frames).toEqual(['alpha', 'alpha\nbeta']);
		expect(stdout.written.join('')).not.toContain('alpha');
	});

	it('tells the hook when Ink erases its frame (clear, a narrower terminal), then hands the frame again', () => {
		const frames: Array<string | undefined> = [];
		const {stdout, instance} = mount(patched, ['one'], (frame) => frames.push(frame));
		instance.clear();
		stdout.columns = 20;
		stdout.emit('resize');
		instance.unmount();
		expect(frames).toEqual(['one', undefined, undefined, 'one']);
	});

	it('hands a frame as tall as the terminal like any other (no clear-terminal repaint)', () => {
		const frames: Array<string | undefined> = [];
		const tall = Array.from({length: 12}, (_, index) => `row ${index}`);
		const {stdout, instance, rerender} = mount(patched, tall, (frame) => frames.push(frame));
		rerender(tall.map((row, index) => (index === 3 ? 'changed' : row)));
		instance.unmount();
		expect(frames).toHaveLength(2);
		expect(frames[1]!.split('\n')).toEqual(tall.map((row, index) => (index === 3 ? 'changed' : row)));
		expect(stdout.written.join('')).not.toContain('\u001B[2J');
	});

	it('is our patch that does it: upstream Ink 6.8 ignores the option and writes escapes to stdout', () => {
		const frames: Array<string | undefined> = [];
		const {stdout, instance} = mount(upstream, ['alpha', 'beta'], (frame) => frames.push(frame));
		instance.unmount();
		expect(frames).toEqual([]);
		expect(stdout.written.join('')).toContain('alpha\nbeta\n');
	});
});
