import {describe, expect, it} from 'vitest';
import {NoReplyError} from '../../../source/core/echo/echo-client.js';
import {SocktuiError} from '../../../source/core/errors.js';
import {parseSessionReport} from '../../../source/core/sessions/session-messages.js';
import {parseSessionProblem, socketProblem} from '../../../source/core/sessions/session-problem.js';

const where = {protocol: 'TCP', host: '127.0.0.1', port: 8082};

describe('session problems cross the IPC as codes (issue 21)', () => {
	it.each([
		{code: 'tooLarge', bytes: 70_000, max: 65_507},
		{code: 'queueFull', max: 32},
		{code: 'serverClosed'},
		{code: 'closedByDashboard'},
		{code: 'processFailed', line: 'Error: boom'},
		{code: 'socket', kind: 'ConnectionRefused', ...where},
		{code: 'noReply', ...where, waitMs: 2000},
		{code: 'noReply', ...where, waitMs: 1500, partial: {bytes: 3, expectedBytes: 6, start: 'HEL'}},
		{code: 'noReply', ...where, waitMs: 1500, partial: {bytes: 5, start: 'HELLO'}},
	])('%o survives the JSON round trip of an error report and of a state report', (problem) => {
		const error = JSON.parse(JSON.stringify({type: 'error', message: 'x', problem})) as unknown;
		expect(parseSessionReport(error)).toEqual({type: 'error', message: 'x', problem});
		const state = JSON.parse(JSON.stringify({type: 'state', state: 'closed', detail: 'x', problem})) as unknown;
		expect(parseSessionReport(state)).toEqual({type: 'state', state: 'closed', detail: 'x', problem});
	});

	it('drops a malformed problem and keeps the report (its English text)', () => {
		for (const problem of [
			{code: 'nope'},
			{code: 'tooLarge', bytes: -1, max: 1},
			{code: 'socket', kind: 'Internal', ...where},
			{code: 'noReply', ...where, waitMs: '2 s'},
			{code: 'noReply', ...where, waitMs: 2000, partial: {bytes: 3, expectedBytes: 'six', start: 'HEL'}},
			{code: 'noReply', ...where, waitMs: 2000, partial: 'HEL'},
			7,
		])
			expect(parseSessionReport({type: 'error', message: 'x', problem})).toEqual({type: 'error', message: 'x'});
		expect(parseSessionProblem(undefined)).toBeUndefined();
	});

	it('a socket error becomes its kind and where; an error without a known kind has no code', () => {
		expect(socketProblem(new SocktuiError('ConnectionRefused', 'refused'), where)).toEqual({
			code: 'socket',
			kind: 'ConnectionRefused',
			...where,
		});
		expect(socketProblem(new SocktuiError('Internal', 'odd'), where)).toBeUndefined();
		expect(socketProblem(new Error('plain'), where)).toBeUndefined();
	});

	it('no reply becomes its wait and the part that came back, as numbers (no English to carry)', () => {
		const partial = {bytes: 3, expectedBytes: 6, start: 'HEL'};
		expect(socketProblem(new NoReplyError('incomplete reply', {waitMs: 1500, partial}), where)).toEqual({
			code: 'noReply',
			...where,
			waitMs: 1500,
			partial,
		});
		expect(socketProblem(new NoReplyError('no reply', {waitMs: 2000}), where)).toEqual({
			code: 'noReply',
			...where,
			waitMs: 2000,
		});
	});
});
