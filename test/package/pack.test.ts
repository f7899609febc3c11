import {spawn} from 'node:child_process';
import {mkdtemp, mkdir, readFile, rm, copyFile, readdir} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const packageJson = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {version: string};

/** Our environment without npm's per-run variables (npm test sets dozens), plus an isolated npm cache. */
function cleanEnv(cache: string): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
	return {
		...env,
		npm_config_cache: cache,
		npm_config_update_notifier: 'false',
		npm_config_audit: 'false',
		npm_config_fund: 'false',
	};
}

async function run(
	command: string,
	args: string[],
	cwd: string,
	env: NodeJS.ProcessEnv,
	timeoutMs = 90_000,
): Promise<{code: number | null; stdout: string; stderr: string}> {
	const child = spawn(command, args, {cwd, env, stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`${command} ${args.join(' ')} took over ${timeoutMs} ms; stderr: ${stderr}`));
		}, timeoutMs);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({code, stdout, stderr});
		});
	});
}

describe('the published package', () => {
	let work: string;
	let tarball: string;
	let env: NodeJS.ProcessEnv;

	beforeAll(async () => {
		work = await mkdtemp(path.join(tmpdir(), 'socktui-pack-'));
		env = cleanEnv(path.join(work, 'npm-cache'));
		const packed = await run('npm', ['pack', '--pack-destination', work, '--json'], root, env);
		expect(packed.code, packed.stderr).toBe(0);
		const [info] = JSON.parse(packed.stdout) as Array<{filename: string; files: Array<{path: string}>}>;
		tarball = path.join(work, info!.filename);
	}, 120_000);

	afterAll(async () => {
		if (work) await rm(work, {recursive: true, force: true});
	});

	it('is a bundled entry point and its chunks: no dependencies, no install scripts', async () => {
		const extracted = path.join(work, 'extracted');
		await mkdir(extracted);
		const untar = await run('tar', ['-xzf', tarball, '-C', extracted], work, env);
		expect(untar.code, untar.stderr).toBe(0);
		const files = (await readdir(path.join(extracted, 'package'), {recursive: true})).map(String).sort();
		expect(files).toContain(path.join('dist', 'cli.js'));
		const manifest = JSON.parse(await readFile(path.join(extracted, 'package', 'package.json'), 'utf8')) as Record<
			string,
			unknown
		> & {scripts?: Record<string, string>};
		expect(path.basename(tarball)).toBe(`socktui-${packageJson.version}.tgz`);
		expect(manifest['dependencies'] ?? {}).toEqual({});
		expect(manifest['optionalDependencies'] ?? {}).toEqual({});
		expect(manifest['peerDependencies'] ?? {}).toEqual({});
		for (const hook of ['preinstall', 'install', 'postinstall', 'prepare'])
			expect(manifest['scripts']?.[hook]).toBeUndefined();
		expect(manifest['bin']).toEqual({socktui: 'dist/cli.js'});
		const cli = await readFile(path.join(extracted, 'package', 'dist', 'cli.js'), 'utf8');
		expect(cli.startsWith('#!/usr/bin/env node')).toBe(true);
		// Only the entry point and this build's chunks (no dev build), and every chunk one imports is shipped.
		const shipped = files.filter((file) => file.startsWith(`dist${path.sep}`) && file.endsWith('.js'));
		expect(shipped.filter((file) => file !== path.join('dist', 'cli.js'))).not.toHaveLength(0);
		for (const file of shipped) {
			expect(file === path.join('dist', 'cli.js') || file.startsWith(path.join('dist', 'chunks') + path.sep)).toBe(
				true,
			);
			const text = await readFile(path.join(extracted, 'package', file), 'utf8');
			for (const [, imported] of text.matchAll(/(?:from|import)\s*\(?"(\.\.?\/[^"]+)"/g))
				expect(files, `${file} imports ${imported!}`).toContain(path.join(path.dirname(file), imported!));
		}
	});

	it('runs with npx from an empty folder: --version prints the version', async () => {
		const empty = path.join(work, 'empty');
		await mkdir(empty);
		await copyFile(tarball, path.join(empty, path.basename(tarball)));
		const result = await run('npx', ['--yes', `./${path.basename(tarball)}`, '--version'], empty, env, 110_000);
		expect(result.code, result.stderr).toBe(0);
		expect(result.stdout.trim()).toBe(packageJson.version);
	}, 120_000);

	it('runs a command from the full CLI chunk with npx: the simulator prints its trace', async () => {
		const empty = path.join(work, 'empty-sim');
		await mkdir(empty);
		await copyFile(tarball, path.join(empty, path.basename(tarball)));
		const result = await run(
			'npx',
			['--yes', `./${path.basename(tarball)}`, 'sim', '-l', '2:100', '-c', '-p'],
			empty,
			env,
			110_000,
		);
		expect(result.code, result.stderr).toBe(0);
		expect(result.stdout).toMatch(/Stats: Total Time 2\b/);
	}, 120_000);
});
