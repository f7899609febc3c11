import {describe, expect, it} from 'vitest';
import {
	chooseOneCpu,
	detect,
	parseCpuList,
	pinnedCommand,
	type PinningSupport,
} from '../../../source/core/procs/pinning.js';

describe('pinning', () => {
	const available: PinningSupport = {available: true, taskset: '/usr/bin/taskset', allowedCpus: [0, 1, 2, 3]};

	it('prefixes a command with taskset -c CPU', () => {
		expect(pinnedCommand(3, '/usr/bin/node', ['cli.js', 'session'], available)).toEqual({
			ok: true,
			command: '/usr/bin/taskset',
			args: ['-c', '3', '/usr/bin/node', 'cli.js', 'session'],
		});
		expect(chooseOneCpu(available)).toBe(3);
	});

	it('says why when it cannot pin', () => {
		expect(detect('darwin', '/usr/bin')).toEqual({
			available: false,
			reason: expect.stringMatching(/needs Linux taskset/),
			failure: {code: 'notLinux', platform: 'darwin'},
		});
		expect(detect('linux', '/nonexistent-dir')).toEqual({
			available: false,
			reason: expect.stringMatching(/taskset not found/),
			failure: {code: 'noTaskset'},
		});
		const noTaskset = {available: false, reason: 'no taskset', failure: {code: 'noTaskset'}} as const;
		const missing = pinnedCommand(0, 'node', [], noTaskset);
		expect(missing).toEqual({ok: false, reason: 'no taskset', failure: {code: 'noTaskset'}});
		expect(pinnedCommand(9, 'node', [], available)).toMatchObject({
			ok: false,
			reason: expect.stringMatching(/CPU 9/),
			failure: {code: 'cpuNotAllowed', cpu: 9},
		});
		expect(chooseOneCpu(noTaskset)).toBeUndefined();
	});

	it('parses CPU lists', () => {
		expect(parseCpuList('0-3,8,10-11\n')).toEqual([0, 1, 2, 3, 8, 10, 11]);
		expect(parseCpuList('1')).toEqual([1]);
		expect(parseCpuList('x,3-1')).toEqual([]);
	});
});
