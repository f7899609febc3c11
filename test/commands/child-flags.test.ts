import {describe, expect, it} from 'vitest';
import {parseChildFlags} from '../../source/commands/child-flags.js';
import type {FlagMap} from '../../source/commands/command.js';

const flags = {
	protocol: {type: 'string', default: 'tcp'},
	port: {type: 'string'},
	replyTimeout: {type: 'string', default: '2000'},
	pooled: {type: 'boolean', default: false},
} satisfies FlagMap;

describe('parseChildFlags: the arguments a parent writes for its child', () => {
	it('takes --kebab-name=value and bare booleans, and fills in the defaults', () => {
		expect(parseChildFlags(['--port=8082', '--reply-timeout=500', '--pooled'], flags)).toEqual({
			protocol: 'tcp',
			port: '8082',
			replyTimeout: '500',
			pooled: true,
		});
		expect(parseChildFlags([], flags)).toEqual({protocol: 'tcp', replyTimeout: '2000', pooled: false});
	});

	it('keeps a value verbatim: JSON with = signs, spaces and newlines, or empty', () => {
		const json = '{"program":"c2,i","a":"x=y z\\n"}';
		expect(parseChildFlags([`--protocol=${json}`], flags)?.['protocol']).toBe(json);
		expect(parseChildFlags(['--port='], flags)?.['port']).toBe('');
	});

	it.each([
		[['--port', '8082']],
		[['--help']],
		[['--version']],
		[['--bogus=1']],
		[['extra']],
		[['-p']],
		[['--pooled=true']],
		[['--no-pooled']],
		[['--reply_timeout=1']],
		[['--replyTimeout=1']],
	])('%j is not what a parent writes: undefined (the full CLI takes over)', (argv) => {
		expect(parseChildFlags(argv, flags)).toBeUndefined();
	});
});
