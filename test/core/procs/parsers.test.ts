import {describe, expect, it} from 'vitest';
import {parseCpuStat} from '../../../source/core/procs/cpu-stat.js';
import {decodeComm, parseProcStat} from '../../../source/core/procs/proc-stat.js';
import {parseContextSwitches, parseSmapsRollup} from '../../../source/core/procs/proc-status.js';
import {parseSchedstat} from '../../../source/core/procs/schedstat.js';
import {isGoneState, stateMeaning} from '../../../source/core/procs/state-letters.js';

// Recorded on Linux 6.18 (x86_64): node, /bin/sleep copied to a file named `a b) R (c`, and cat (its
// utime/stime and processor edited).
const nodeStat =
	'21104 (node) R 21101 21101 2457 0 -1 4194304 2792 0 0 0 21 3 0 0 20 0 7 0 287097 1015459840 11619 18446744073709551615 11988992 39846385 140733449868192 0 0 0 0 16781312 17922 0 0 0 17 1 0 0 0 0 0 90418888 90555584 726147072 140733449869738 140733449869871 140733449869871 140733449871338 0\n';
const trickyStat =
	'20248 (a b) R (c) S 20247 20239 2457 0 -1 4194304 131 0 0 0 0 0 0 0 20 0 1 0 284670 2990080 406 18446744073709551615 94106654613504 94106654631433 140736946348144 0 0 0 0 6 0 1 0 0 17 1 0 0 0 0 0 94106654645520 94106654646784 94107666186240 140736946354713 140736946354730 140736946354730 140736946356201 0\n';
const catStat =
	'16916 (cat) R 16914 16914 2457 0 -1 4194304 99 0 0 0 5 7 0 0 20 0 1 0 232504 3133440 413 18446744073709551615 94335551401984 94335551421865 140735992088272 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0 94335551437872 94335551439488 94335673917440 140735992093213 140735992093233 140735992093233 140735992094699 0\n';

describe('parseProcStat', () => {
	it('reads state, CPU times, threads, start time and last CPU from a recorded line', () => {
		expect(parseProcStat(nodeStat)).toEqual({
			pid: 21104,
			comm: 'node',
			state: 'R',
			utimeTicks: 21,
			stimeTicks: 3,
			numThreads: 7,
			startTimeTicks: 287097,
			processor: 1,
		});
		expect(parseProcStat(catStat)).toMatchObject({utimeTicks: 5, stimeTicks: 7, processor: 0, state: 'R'});
	});

	it('keeps a comm with spaces and parentheses whole: it parses up to the LAST )', () => {
		expect(parseProcStat(trickyStat)).toEqual({
			pid: 20248,
			comm: 'a b) R (c',
			state: 'S',
			utimeTicks: 0,
			stimeTicks: 0,
			numThreads: 1,
			startTimeTicks: 284670,
			processor: 1,
		});
	});

	it('a UTF-8 comm (read as latin1, byte for byte) decodes to its Chinese name, keeping the a) R (b rule', () => {
		const line = Buffer.from(trickyStat.replace('(a b) R (c)', '(中文) R (进)'), 'utf8').toString('latin1');
		const parsed = parseProcStat(line)!;
		expect(parsed).toMatchObject({pid: 20248, state: 'S', startTimeTicks: 284670});
		expect(decodeComm(parsed.comm)).toBe('中文) R (进');
	});

	it('decodeComm drops a character the kernel cut at 15 bytes and keeps anything else invalid visible', () => {
		const latin1 = (bytes: Buffer) => bytes.toString('latin1');
		// 进程名字一 is 15 bytes; with "ab" before it the kernel keeps 15 bytes: the last character is cut.
		expect(decodeComm(latin1(Buffer.from('ab进程名字一', 'utf8').subarray(0, 15)))).toBe('ab进程名字');
		expect(decodeComm(latin1(Buffer.from('服务端进程', 'utf8')))).toBe('服务端进程');
		expect(decodeComm('plain')).toBe('plain');
		expect(decodeComm(latin1(Buffer.from([0x61, 0xff, 0x62])))).toBe('a\ufffdb');
	});

	it('handles a comm that is only ")" and one with a newline-free ") (" pair', () => {
		const line = nodeStat.replace('(node)', '()) ())');
		expect(parseProcStat(line)).toMatchObject({comm: ')) ()', state: 'R', utimeTicks: 21});
	});

	it('reports a missing processor field as -1 (very old kernels) and rejects junk', () => {
		const short = nodeStat.split(' ').slice(0, 30).join(' ');
		expect(parseProcStat(short)).toMatchObject({processor: -1, utimeTicks: 21});
		expect(parseProcStat('')).toBeUndefined();
		expect(parseProcStat('hello world')).toBeUndefined();
		expect(parseProcStat('12 (x) RS 1 2 3')).toBeUndefined();
		expect(parseProcStat('12 (x) R 1 2 3')).toBeUndefined();
	});
});

describe('parseSchedstat', () => {
	it('reads run ns, wait ns and timeslices from recorded lines', () => {
		expect(parseSchedstat('7592132 50818581 5\n')).toEqual({runNs: 7_592_132, waitNs: 50_818_581, timeslices: 5});
		expect(parseSchedstat('250263823 143485891 78\n')).toEqual({
			runNs: 250_263_823,
			waitNs: 143_485_891,
			timeslices: 78,
		});
	});

	it('rejects short or non-numeric text', () => {
		expect(parseSchedstat('')).toBeUndefined();
		expect(parseSchedstat('1 2')).toBeUndefined();
		expect(parseSchedstat('a b c')).toBeUndefined();
	});
});

describe('parseContextSwitches', () => {
	const status = [
		'Name:\tnode',
		'Umask:\t0022',
		'State:\tS (sleeping)',
		'Tgid:\t26914',
		'Cpus_allowed_list:\t0-1',
		'voluntary_ctxt_switches:\t152',
		'nonvoluntary_ctxt_switches:\t37',
		'',
	].join('\n');

	it('reads both counters from a recorded status file', () => {
		expect(parseContextSwitches(status)).toEqual({voluntary: 152, involuntary: 37});
	});

	it('does not mistake nonvoluntary for voluntary, whatever the order', () => {
		const swapped = 'Name:\tx\nnonvoluntary_ctxt_switches:\t9\nvoluntary_ctxt_switches:\t4\n';
		expect(parseContextSwitches(swapped)).toEqual({voluntary: 4, involuntary: 9});
		expect(parseContextSwitches('Name:\tx\nnonvoluntary_ctxt_switches:\t9\n')).toBeUndefined();
	});
});

describe('parseCpuStat', () => {
	it('reads per-core busy and total ticks, skipping the aggregate line', () => {
		const text =
			'cpu  63475 0 43912 460631 159 0 322 0 0 0\ncpu0 30678 0 21788 231570 14 0 154 0 0 0\ncpu1 32796 0 22123 229061 145 0 168 0 0 0\nintr 1 2 3\n';
		expect(parseCpuStat(text)).toEqual([
			{cpu: 0, busyTicks: 30678 + 21788 + 154, totalTicks: 30678 + 21788 + 154 + 231570 + 14},
			{cpu: 1, busyTicks: 32796 + 22123 + 168, totalTicks: 32796 + 22123 + 168 + 229061 + 145},
		]);
	});

	it('ignores a truncated last line', () => {
		expect(parseCpuStat('cpu  1 2 3 4\ncpu0 1 0 1 8 0 0 0 0\ncpu1 5 0 5')).toEqual([
			{cpu: 0, busyTicks: 2, totalTicks: 10},
		]);
	});
});

describe('state letters', () => {
	it('has words for each letter and knows which mean gone', () => {
		expect(stateMeaning('D')).toMatch(/uninterruptible/);
		expect(stateMeaning('R')).toBe('running or runnable');
		expect(stateMeaning('?')).toBe('unknown state');
		expect(['Z', 'X'].every(isGoneState)).toBe(true);
		expect(['R', 'S', 'D', 'T', 't', 'I'].some(isGoneState)).toBe(false);
	});
});

describe('parseSmapsRollup', () => {
	it('reads Rss and Pss (kB) from /proc/<pid>/smaps_rollup', () => {
		const text = [
			'55d1c0a00000-7ffc5b9f1000 ---p 00000000 00:00 0                          [rollup]',
			'Rss:               52340 kB',
			'Pss:               21577 kB',
			'Pss_Anon:          14208 kB',
			'Shared_Clean:      36012 kB',
			'',
		].join('\n');
		expect(parseSmapsRollup(text)).toEqual({rssBytes: 52_340 * 1024, pssBytes: 21_577 * 1024});
	});

	it('is undefined for an empty rollup (a kernel thread) or garbage', () => {
		expect(parseSmapsRollup('')).toBeUndefined();
		expect(parseSmapsRollup('Rss: x kB\n')).toBeUndefined();
	});
});
