import {describe, expect, it} from 'vitest';
import {initialUiState, reconcileUiState, type SessionSummary} from '../../../source/ui/state/ui-state.js';

const session = (sessionId: number, exited = false): SessionSummary => ({sessionId, exited, closing: false});

describe('reconcileUiState', () => {
	it('focuses a session that appears after n, and a neighbour when the focused one is removed', () => {
		const asked = {...initialUiState('live', 1), focusNewest: true, knownMaxId: 2};
		expect(reconcileUiState(asked, [session(1), session(2), session(3)]).focus).toEqual({
			kind: 'session',
			sessionId: 3,
		});
		const typing = {...initialUiState('live', 2), typing: true, draft: 'abc', knownMaxId: 3};
		expect(reconcileUiState(typing, [session(1), session(3)])).toMatchObject({
			focus: {kind: 'session', sessionId: 3},
			typing: false,
			draft: '',
		});
	});
});
