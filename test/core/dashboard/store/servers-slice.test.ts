import {describe, expect, it} from 'vitest';
import {quietModelStats} from '../../../../source/core/echo/server-model.js';
import {emptyServer, ServersSlice} from '../../../../source/core/dashboard/store/servers-slice.js';
import type {ServerKnobs} from '../../../../source/core/dashboard/snapshot.js';
import {echoStats} from '../../../helpers/echo-stats.js';

const peer = {address: '127.0.0.1', port: 40_000};
const local = {address: '127.0.0.1', port: 8082};
const knobs = (patch: Partial<ServerKnobs> = {}): ServerKnobs => ({
	model: 'event-loop',
	replyDelayMs: 0,
	handlerCpuMs: 0,
	...patch,
});

/** A slice with TCP and UDP servers started with the default knobs, as the runtime starts one. */
function started(): ServersSlice {
	const slice = new ServersSlice({serverPid: 7});
	slice.fold({type: 'server-starting', protocol: 'tcp'});
	slice.fold({type: 'server-starting', protocol: 'udp'});
	slice.fold({type: 'knobs-asked', knobs: knobs(), inForce: true});
	return slice;
}

describe('ServersSlice', () => {
	it('counts events, lets the server totals win, and keeps the part until something changes', () => {
		const slice = new ServersSlice({serverPid: 7});
		slice.fold({type: 'server', event: {type: 'listening', protocol: 'tcp', local}});
		for (let index = 0; index < 3; index++)
			slice.fold({
				type: 'server',
				event: {type: 'message-in', protocol: 'tcp', connectionId: 'c', peer, bytes: Buffer.from('hey')},
			});
		const part = slice.part();
		expect(part.servers[0]).toMatchObject({state: 'listening', messagesIn: 3, bytesIn: 9});
		expect(slice.part()).toBe(part);
		expect(Object.isFrozen(part.servers[0])).toBe(true);
		slice.fold({type: 'server-stats', stats: echoStats('tcp', {messagesIn: 10, bytesIn: 30})});
		expect(slice.part().servers[0]).toMatchObject({messagesIn: 10, bytesIn: 30});
		// The same stats again change nothing.
		const after = slice.part();
		expect(slice.fold({type: 'server-stats', stats: echoStats('tcp', {messagesIn: 10, bytesIn: 30})})).toBe(false);
		expect(slice.part()).toBe(after);
	});

	it('computes per-second rates from the counters when sampled', () => {
		const slice = new ServersSlice({serverPid: 7});
		slice.fold({type: 'server', event: {type: 'listening', protocol: 'udp', local}});
		expect(slice.sampleRates(1000)).toBe(false);
		for (let index = 0; index < 30; index++)
			slice.fold({
				type: 'server',
				event: {type: 'message-out', protocol: 'udp', connectionId: 'u', peer, bytes: Buffer.from('AB')},
			});
		expect(slice.sampleRates(2000)).toBe(true);
		expect(slice.part().servers[0]!.rates).toEqual({
			messagesInPerSec: 0,
			messagesOutPerSec: 30,
			bytesInPerSec: 0,
			bytesOutPerSec: 60,
		});
	});

	it('records the server process, its PID, and the remote servers', () => {
		const slice = new ServersSlice({serverPid: 7});
		slice.fold({type: 'server-process', process: {pid: 99, state: 'running'}});
		slice.fold({type: 'remote', protocol: 'udp', remote: {address: '10.0.0.1', port: 8080}});
		expect(slice.part()).toMatchObject({
			serverPid: 99,
			serverProcess: {pid: 99, state: 'running'},
			remotes: {udp: {address: '10.0.0.1', port: 8080}},
		});
		expect(slice.part().knobs).toBeUndefined();
		// Asked for with no server of ours (--connect): nothing to confirm them, nothing shown as pending.
		slice.fold({type: 'knobs-asked', knobs: knobs({handlerCpuMs: 5})});
		expect(slice.part().knobs).toBeUndefined();
	});

	it('knobs: the ones the server started with are in force; one asked for is pending until its stats report it', () => {
		const slice = started();
		expect(slice.part().knobs).toEqual({
			asked: knobs(),
			pending: {model: false, replyDelayMs: false, handlerCpuMs: false},
		});
		slice.fold({type: 'knobs-asked', knobs: knobs({replyDelayMs: 200})});
		expect(slice.part().knobs).toEqual({
			asked: knobs({replyDelayMs: 200}),
			pending: {model: false, replyDelayMs: true, handlerCpuMs: false},
		});
		// The server view keeps what the server reports: not yet the new delay.
		expect(slice.part().servers.map((server) => server.replyDelayMs)).toEqual([0, 0]);
		slice.fold({type: 'server-stats', stats: echoStats('tcp', {replyDelayMs: 200})});
		// UDP has not reported it yet.
		expect(slice.part().knobs?.pending.replyDelayMs).toBe(true);
		slice.fold({type: 'server-stats', stats: echoStats('udp', {replyDelayMs: 200})});
		expect(slice.part().knobs?.pending.replyDelayMs).toBe(false);
		expect(slice.part().servers.map((server) => server.replyDelayMs)).toEqual([200, 200]);
	});

	it('knobs: the model and handler CPU are confirmed by the TCP server model stats', () => {
		const slice = started();
		slice.fold({type: 'knobs-asked', knobs: knobs({model: 'threads', handlerCpuMs: 20})});
		expect(slice.part().knobs?.pending).toEqual({model: true, replyDelayMs: false, handlerCpuMs: true});
		slice.fold({type: 'server-stats', stats: echoStats('tcp', {models: quietModelStats('threads')})});
		expect(slice.part().knobs?.pending).toEqual({model: false, replyDelayMs: false, handlerCpuMs: true});
		slice.fold({
			type: 'server-stats',
			stats: echoStats('tcp', {models: {...quietModelStats('threads'), handlerCpuMs: 20}}),
		});
		const part = slice.part();
		expect(part.knobs?.pending).toEqual({model: false, replyDelayMs: false, handlerCpuMs: false});
		// Nothing pending changed: the same knobs object.
		slice.fold({
			type: 'server-stats',
			stats: echoStats('tcp', {models: {...quietModelStats('threads'), handlerCpuMs: 20}, messagesIn: 1}),
		});
		expect(slice.part().knobs).toBe(part.knobs);
	});

	it('knobs: a restarted server starts with the knobs as asked, and the old process reports no longer count', () => {
		const slice = started();
		slice.fold({type: 'server-stats', stats: echoStats('tcp', {replyDelayMs: 0})});
		slice.fold({type: 'knobs-asked', knobs: knobs({replyDelayMs: 50})});
		expect(slice.part().knobs?.pending.replyDelayMs).toBe(true);
		slice.fold({type: 'server-starting', protocol: 'tcp'});
		slice.fold({type: 'server-starting', protocol: 'udp'});
		slice.fold({type: 'knobs-asked', knobs: knobs({replyDelayMs: 50}), inForce: true});
		expect(slice.part().knobs?.pending.replyDelayMs).toBe(false);
	});

	it('a new server view starts empty', () => {
		expect(emptyServer('udp')).toMatchObject({protocol: 'udp', state: 'starting', messagesIn: 0, replyDelayMs: 0});
	});
});
