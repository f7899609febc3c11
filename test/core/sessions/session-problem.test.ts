import {describe, expect, it} from 'vitest';
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
});
