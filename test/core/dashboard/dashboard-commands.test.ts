import {describe, expect, it, vi} from 'vitest';
import {quietModelStats} from '../../../source/core/echo/server-model.js';
import {createDashboardCommands} from '../../../source/core/dashboard/dashboard-commands.js';
import {DashboardStore} from '../../../source/core/dashboard/dashboard-store.js';
import type {ServerKnobs} from '../../../source/core/dashboard/snapshot.js';
import type {AutoMode} from '../../../source/core/sessions/types.js';
import {echoStats} from '../../helpers/echo-stats.js';

function setup() {
	const store = new DashboardStore({serverPid: 1});
	const endpoint = {address: '127.0.0.1', port: 8082};
	store.apply({type: 'server', event: {type: 'listening', protocol: 'tcp', local: endpoint}});
	store.apply({
		type: 'session',
		event: {type: 'session-started', sessionId: 1, pid: 11, protocol: 'tcp', remote: endpoint},
	});
	const calls: unknown[][] = [];
	let toggles = 0;
	let quits = 0;
	// As the real runtime does: one knob record, and what it applies goes to the store at once.
	const knobs: ServerKnobs = {model: 'event-loop', replyDelayMs: 0, handlerCpuMs: 0};
	const commands = createDashboardCommands({
		runtime: {
			openSession: (protocol) => calls.push(['openSession', protocol]),
			async closeSession(sessionId) {
				calls.push(['closeSession', sessionId]);
				store.apply({type: 'session-closing', sessionId});
			},
			send: (sessionId, text) => calls.push(['send', sessionId, text]),
			sendPair: (sessionId) => calls.push(['sendPair', sessionId]),
			setAuto(sessionId: number, auto: AutoMode) {
				calls.push(['setAuto', sessionId, auto]);
				store.apply({type: 'auto-set', sessionId, auto});
			},
			setReplyDelay(ms) {
				calls.push(['setReplyDelay', ms]);
				knobs.replyDelayMs = ms;
			},
			setModel(model) {
				calls.push(['setModel', model]);
				knobs.model = model;
			},
			setHandlerCpu(ms) {
				calls.push(['setHandlerCpu', ms]);
				knobs.handlerCpuMs = ms;
			},
			restartServer: async () => {
				calls.push(['restartServer']);
			},
			knobs: () => ({...knobs}),
		},
		store,
		oneCpu: {
			async toggle() {
				toggles++;
			},
		},
		toggleDashboardLane: () => calls.push(['toggleDashboardLane']),
		watchProcess: (pids) => calls.push(['watchProcess', pids]),
		quit: () => quits++,
	});
	return {store, commands, calls, counts: () => ({toggles, quits})};
}

describe('createDashboardCommands', () => {
	it('steps the auto knobs from the store at once, so keys in one read all count (] ] steps twice)', () => {
		const {commands, calls, store} = setup();
		const listener = vi.fn();
		store.subscribe(listener);
		// No notification reaches subscribers between these calls (as within one input chunk).
		commands.stepAutoInterval(1, 1);
		commands.stepAutoInterval(1, 1);
		expect(calls).toEqual([
			['setAuto', 1, {enabled: false, intervalMs: 2000, burstMs: 0}],
			['setAuto', 1, {enabled: false, intervalMs: 5000, burstMs: 0}],
		]);
		expect(listener).not.toHaveBeenCalled();
		expect(store.getSnapshot().sessions[0]!.auto.intervalMs).toBe(5000);
		commands.stepAutoInterval(1, -1);
		commands.stepAutoInterval(1, -1);
		calls.length = 0;
		commands.toggleAuto(1);
		commands.stepAutoInterval(1, 1);
		commands.stepAutoInterval(1, 1);
		commands.stepAutoBurst(1, 1);
		commands.stepAutoBurst(1, -1);
		expect(calls).toEqual([
			['setAuto', 1, {enabled: true, intervalMs: 1000, burstMs: 0}],
			['setAuto', 1, {enabled: true, intervalMs: 2000, burstMs: 0}],
			['setAuto', 1, {enabled: true, intervalMs: 5000, burstMs: 0}],
			['setAuto', 1, {enabled: true, intervalMs: 5000, burstMs: 10}],
			['setAuto', 1, {enabled: true, intervalMs: 5000, burstMs: 0}],
		]);
		// An unknown session: nothing to step.
		commands.toggleAuto(9);
		expect(calls).toHaveLength(5);
		store.dispose();
	});

	it('steps the reply delay within its steps, and passes the rest through', () => {
		const {commands, calls, store, counts} = setup();
		commands.stepReplyDelay(1);
		commands.stepReplyDelay(1);
		commands.stepReplyDelay(-1);
		commands.stepReplyDelay(-1);
		commands.stepReplyDelay(-1);
		expect(calls).toEqual([
			['setReplyDelay', 10],
			['setReplyDelay', 20],
			['setReplyDelay', 10],
			['setReplyDelay', 0],
			['setReplyDelay', 0],
		]);
		calls.length = 0;
		commands.openSession('udp');
		commands.send(1, 'hi');
		commands.sendPair(1);
		commands.closeSession(1);
		expect(calls).toEqual([
			['openSession', 'udp'],
			['send', 1, 'hi'],
			['sendPair', 1],
			['closeSession', 1],
		]);
		commands.toggleOneCpu();
		commands.quit();
		expect(counts()).toEqual({toggles: 1, quits: 1});
		commands.dismissSession(1);
		expect(store.getSnapshot().sessions).toEqual([]);
		store.dispose();
	});

	it('closing a session marks it closing in the store at once (a second x moves on)', () => {
		const {commands, store} = setup();
		commands.closeSession(1);
		expect(store.getSnapshot().sessions[0]!.closing).toBe(true);
		store.dispose();
	});

	it('m and < > step from the knobs as last asked for (the runtime record), so keys in one read all count', () => {
		const {commands, calls, store} = setup();
		commands.setModel('threads');
		commands.setHandlerCpu(10);
		// The server reports something else (an older request): the steps go from what was asked.
		store.apply({
			type: 'server-stats',
			stats: echoStats('tcp', {models: {...quietModelStats('iterative'), handlerCpuMs: 0}}),
		});
		calls.length = 0;
		commands.cycleModel();
		commands.cycleModel();
		commands.cycleModel();
		commands.stepHandlerCpu(1);
		commands.stepHandlerCpu(1);
		commands.stepHandlerCpu(-1);
		expect(calls).toEqual([
			['setModel', 'processes'],
			['setModel', 'event-loop'],
			['setModel', 'iterative'],
			['setHandlerCpu', 20],
			['setHandlerCpu', 50],
			['setHandlerCpu', 20],
		]);
		store.dispose();
	});
});
