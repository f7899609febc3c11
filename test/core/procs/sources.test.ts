import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {createProcessSource} from '../../../source/core/procs/create-source.js';
import {ProcSource} from '../../../source/core/procs/proc-source.js';
import {parsePsOutput, PsSource} from '../../../source/core/procs/ps-source.js';

describe('PsSource (the portable fallback)', () => {
	it('parses ps output, including a comma decimal and a state with modifiers', () => {
		expect(parsePsOutput('  123  12.5 R+\n 456 0,3 Ss\n\njunk\n')).toEqual(
			new Map([
				[123, {percentCpu: 12.5, state: 'R'}],
				[456, {percentCpu: 0.3, state: 'S'}],
			]),
		);
	});

	it('asks ps once for all PIDs and reports missing or zombie ones as gone', async () => {
		const calls: string[][] = [];
		const source = new PsSource(async (args) => {
			calls.push([...args]);
			return ' 10 50.0 R\n 11 0.0 Z\n';
		});
		expect(await source.read([10, 11, 12])).toEqual([
			{pid: 10, present: true, state: 'R', percentCpu: 50},
			{pid: 11, present: false},
			{pid: 12, present: false},
		]);
		expect(calls).toEqual([['-o', 'pid=,pcpu=,stat=', '-p', '10,11,12']]);
		expect(source.capabilities).toMatchObject({
			source: 'ps',
			runQueueWait: false,
			lastCpu: false,
			cpuPercentIsAverage: true,
		});
		expect(source.capabilities.notes).toEqual([{code: 'psOnly'}]);
	});

	it('never throws when ps itself is missing', async () => {
		const source = new PsSource(async () => {
			throw Object.assign(new Error('spawn ps ENOENT'), {code: 'ENOENT'});
		});
		const [reading] = await source.read([10]);
		expect(reading).toMatchObject({pid: 10, present: true, error: expect.stringMatching(/ps failed: spawn ps ENOENT/)});
	});
});

describe('createProcessSource', () => {
	it('falls back to ps when /proc is missing', () => {
		const empty = mkdtempSync(join(tmpdir(), 'socktui-noproc-'));
		try {
			expect(createProcessSource({procRoot: empty}).capabilities.source).toBe('ps');
			expect(createProcessSource({platform: 'darwin'}).capabilities.source).toBe('ps');
		} finally {
			rmSync(empty, {recursive: true});
		}
	});
});

describe.skipIf(!existsSync('/proc/self/stat'))('ProcSource on this machine', () => {
	it('reads a Chinese command name (UTF-8 in /proc/PID/comm) as Chinese, not latin1 (issue 24)', async () => {
		// The shell names itself through /proc/self/comm (at most 15 bytes: 中文进程 is 12), then reports.
		const child = spawn('sh', ['-c', 'printf "中文进程" > /proc/$$/comm && echo named && read line'], {
			stdio: ['pipe', 'pipe', 'ignore'],
		});
		try {
			await new Promise<void>((resolve, reject) => {
				child.stdout.once('data', () => resolve());
				child.once('exit', () => reject(new Error('the shell exited before naming itself')));
			});
			const source = new ProcSource();
			try {
				expect(source.commandName(child.pid!)).toBe('中文进程');
			} finally {
				source.close();
			}
		} finally {
			child.kill('SIGKILL');
		}
	});

	it('reads this process and reports a PID that does not exist as gone', () => {
		const source = new ProcSource();
		try {
			expect(source.capabilities.source).toBe('proc');
			const [self, missing] = source.read([process.pid, 2 ** 22 + 12_345]);
			expect(self).toMatchObject({pid: process.pid, present: true});
			expect(self!.state).toMatch(/^[RSD]$/);
			expect(self!.cpuTimeNs).toBeGreaterThan(0);
			expect(missing).toEqual({pid: 2 ** 22 + 12_345, present: false});
			if (source.capabilities.runQueueWait) expect(self!.runNs).toBeGreaterThan(0);
			expect(source.coreCount).toBeGreaterThan(0);
		} finally {
			source.close();
		}
	});

	it('reads memory as the kernel counts it: RSS, and PSS from smaps_rollup (shared pages divided among those who map them)', () => {
		const source = new ProcSource();
		try {
			const [self] = source.read([process.pid]);
			expect(self!.rssBytes).toBeGreaterThan(0);
			if (existsSync(`/proc/${process.pid}/smaps_rollup`)) {
				expect(self!.pssBytes).toBeGreaterThan(0);
				expect(self!.pssBytes!).toBeLessThanOrEqual(self!.rssBytes! * 1.05);
			} else {
				expect(self!.pssBytes).toBeUndefined();
				expect(self!.pssUnreadable).toBe(true);
			}
		} finally {
			source.close();
		}
	});
});
