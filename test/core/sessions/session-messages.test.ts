import {describe, expect, it} from 'vitest';
import {defaults} from '../../../source/core/defaults.js';
import {clampAuto, parseSessionCommand, parseSessionReport} from '../../../source/core/sessions/session-messages.js';

describe('parseSessionReport', () => {
	it('accepts every well-formed report and copies only known fields', () => {
		const good = [
			{type: 'hello', pid: 42, protocol: 'tcp', remote: {address: '127.0.0.1', port: 8082}},
			{type: 'state', state: 'connected', local: {address: '127.0.0.1', port: 5000}, detail: 'ok'},
			{type: 'hello', pid: 43, protocol: 'udp', remote: {address: '127.0.0.1', port: 8082}, replyTimeoutMs: 2000},
			{type: 'state', state: 'closed'},
			{type: 'state', state: 'ready'},
			{type: 'state', state: 'no-reply'},
			{type: 'state', state: 'unreachable'},
			{type: 'phase', phase: 'computing', at: 1},
			{type: 'sent', id: 1, requestBase64: 'aGk=', at: 2},
			{type: 'reply', id: 1, replyBase64: 'SEk=', rttMs: 0.25, at: 3},
			{type: 'reply', id: 2, replyBase64: '', rttMs: 0, at: 3},
			{type: 'error', message: 'no reply'},
			{type: 'reads', id: 3, writes: 1, reads: 1, readSizes: [12], lines: 2},
			{type: 'reads', id: 4, writes: 2, reads: 2, readSizes: [5, 5], lines: 0},
		];
		for (const report of good) expect(parseSessionReport(report)).toEqual(report);
		expect(parseSessionReport({type: 'error', message: 'x', extra: 'dropped'})).toEqual({type: 'error', message: 'x'});
	});

	it('drops malformed reports instead of throwing', () => {
		const bad: unknown[] = [
			null,
			undefined,
			42,
			'hello',
			[],
			{},
			{type: 'nope'},
			{type: 'hello', pid: -1, protocol: 'tcp', remote: {address: 'h', port: 1}},
			{type: 'hello', pid: 0, protocol: 'tcp', remote: {address: 'h', port: 1}},
			{type: 'hello', pid: 1.5, protocol: 'tcp', remote: {address: 'h', port: 1}},
			{type: 'hello', pid: 1, protocol: 'sctp', remote: {address: 'h', port: 1}},
			{type: 'hello', pid: 1, protocol: 'udp', remote: {address: 'h', port: 70_000}},
			{type: 'hello', pid: 1, protocol: 'udp'},
			{type: 'hello', pid: 1, protocol: 'udp', remote: {address: 'h', port: 1}, replyTimeoutMs: 0},
			{type: 'hello', pid: 1, protocol: 'udp', remote: {address: 'h', port: 1}, replyTimeoutMs: '2s'},
			{type: 'state', state: 'exited'},
			{type: 'state', state: 'connected', local: 'x'},
			{type: 'state', state: 'connected', detail: 7},
			{type: 'state', state: 'connected', detail: 'x'.repeat(5000)},
			{type: 'phase', phase: 'sleeping', at: 1},
			{type: 'phase', phase: 'idle'},
			{type: 'phase', phase: 'idle', at: Number.NaN},
			{type: 'sent', id: 1, requestBase64: 'not base64!', at: 1},
			{type: 'sent', id: 1, requestBase64: 'abc', at: 1},
			{type: 'sent', id: '1', requestBase64: 'aGk=', at: 1},
			{type: 'sent', id: 1, requestBase64: 'A'.repeat(200_000), at: 1},
			{type: 'reply', id: 1, replyBase64: 'SEk=', rttMs: -1, at: 1},
			{type: 'reply', id: 1, replyBase64: 'SEk=', rttMs: Number.POSITIVE_INFINITY, at: 1},
			{type: 'error'},
			{type: 'error', message: {toString: () => 'x'}},
			{type: 'reads', id: 3, writes: 1, reads: 1, readSizes: [12]},
			{type: 'reads', id: 3, writes: 1, reads: 1, readSizes: [-1], lines: 0},
			{type: 'reads', id: 3, writes: 1, reads: 1, readSizes: 'x', lines: 0},
			{type: 'reads', id: 3, writes: 1, reads: 1, readSizes: Array.from({length: 100}, () => 1), lines: 0},
			{['__proto__']: {type: 'error'}, message: 'x'},
		];
		for (const report of bad) expect(parseSessionReport(report), JSON.stringify(report)).toBeUndefined();
	});
});

describe('parseSessionCommand', () => {
	it('accepts commands and clamps auto settings into bounds', () => {
		expect(parseSessionCommand({type: 'send', text: 'hi'})).toEqual({type: 'send', text: 'hi'});
		expect(parseSessionCommand({type: 'close'})).toEqual({type: 'close'});
		expect(parseSessionCommand({type: 'send-pair', first: 'hello', second: 'world'})).toEqual({
			type: 'send-pair',
			first: 'hello',
			second: 'world',
		});
		expect(parseSessionCommand({type: 'set-auto', auto: {enabled: true, intervalMs: 1, burstMs: 1e9}})).toEqual({
			type: 'set-auto',
			auto: {enabled: true, intervalMs: defaults.autoMinIntervalMs, burstMs: defaults.autoMaxBurstMs},
		});
	});

	it('drops malformed commands', () => {
		for (const command of [
			null,
			{type: 'send'},
			{type: 'send', text: 5},
			{type: 'set-auto'},
			{type: 'set-auto', auto: {enabled: 'yes', intervalMs: 1, burstMs: 1}},
			{type: 'exec'},
			{type: 'send-pair', first: 'hello'},
			{type: 'send-pair', first: 'a\nb', second: 'c'},
		]) {
			expect(parseSessionCommand(command), JSON.stringify(command)).toBeUndefined();
		}
	});

	it('clampAuto turns non-numbers into the floor', () => {
		expect(clampAuto({enabled: true, intervalMs: Number.NaN, burstMs: Number.NaN})).toEqual({
			enabled: true,
			intervalMs: defaults.autoMinIntervalMs,
			burstMs: 0,
		});
		expect(clampAuto({enabled: false, intervalMs: 250.4, burstMs: 100})).toEqual({
			enabled: false,
			intervalMs: 250,
			burstMs: 100,
		});
	});
});
