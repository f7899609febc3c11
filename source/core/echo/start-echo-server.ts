import dgram from 'node:dgram';
import net from 'node:net';
import {defaults, type Protocol} from '../defaults.js';
import {fromSocketError} from '../errors.js';
import {literalLookup} from './literal-lookup.js';
import type {ModelOptions} from './model-options.js';
import {TcpEchoServer} from './tcp-echo-server.js';
import type {EchoServer, EchoServerOptions} from './types.js';
import {UdpEchoServer} from './udp-echo-server.js';

/**
 * Starts a TCP or UDP uppercase echo server and resolves once it is listening. Binding failures reject
 * with a SocktuiError (PortInUse, AddressUnavailable, ...) that names the protocol and port.
 */
export async function startEchoServer(protocol: Protocol, options: EchoServerOptions = {}): Promise<EchoServer> {
	const host = options.host ?? defaults.host;
	const port = options.port ?? defaults.port;
	const context = {protocol, host, port};
	return protocol === 'tcp' ? startTcp(host, port, options, context) : startUdp(host, port, options, context);
}

async function startTcp(
	host: string,
	port: number,
	options: EchoServerOptions,
	context: Parameters<typeof fromSocketError>[1],
): Promise<EchoServer> {
	const server = net.createServer({allowHalfOpen: true, pauseOnConnect: true});
	await new Promise<void>((resolve, reject) => {
		const onError = (error: Error) => reject(fromSocketError(error, context));
		server.once('error', onError);
		server.listen({host, port, exclusive: true}, () => {
			server.off('error', onError);
			resolve();
		});
	});
	const address = server.address() as net.AddressInfo;
	return new TcpEchoServer(
		server,
		{address: address.address, port: address.port},
		{
			maxConnections: options.maxTcpConnections ?? defaults.maxTcpConnections,
			replyDelayMs: options.replyDelayMs ?? 0,
			writeHighWaterBytes: defaults.tcpWriteHighWaterBytes,
			idleTimeoutMs: options.idleTimeoutMs ?? defaults.idleTimeoutMs,
			busyIdleTimeoutMs: options.busyIdleTimeoutMs ?? defaults.busyIdleTimeoutMs,
			busyFraction: defaults.busyConnectionsFraction,
			models: modelOptions(options),
		},
	);
}

async function startUdp(
	host: string,
	port: number,
	options: EchoServerOptions,
	context: Parameters<typeof fromSocketError>[1],
): Promise<EchoServer> {
	const type = net.isIPv6(host) ? 'udp6' : net.isIPv4(host) ? 'udp4' : await lookupType(host, context);
	const socket = dgram.createSocket({type, reuseAddr: false, lookup: literalLookup()});
	await new Promise<void>((resolve, reject) => {
		const onError = (error: Error) => {
			socket.close();
			reject(fromSocketError(error, context));
		};
		socket.once('error', onError);
		socket.bind({address: host, port, exclusive: true}, () => {
			socket.off('error', onError);
			resolve();
		});
	});
	const address = socket.address();
	return new UdpEchoServer(
		socket,
		{address: address.address, port: address.port},
		{
			replyDelayMs: options.replyDelayMs ?? 0,
			maxPendingReplies: defaults.udpMaxPendingReplies,
			maxTrackedPeers: defaults.udpMaxTrackedPeers,
			maxDatagramBytes: defaults.maxDatagramBytes,
			allowLowPorts: options.allowLowPorts ?? false,
			peerRate: options.udpPeerRate ?? defaults.udpPeerRate,
			loopGuard: options.loopGuard ?? true,
			loopMuteMs: options.loopMuteMs ?? defaults.loopMuteMs,
			loopWindowMs: defaults.loopWindowMs,
			loopMatches: defaults.loopMatches,
			loopWindows: defaults.loopWindows,
			models: modelOptions(options),
		},
	);
}

function modelOptions(options: EchoServerOptions): ModelOptions {
	return {
		model: options.model ?? 'event-loop',
		handlerCpuMs: options.handlerCpuMs ?? 0,
		pool: options.pool ?? 0,
		maxThreads: defaults.maxModelThreads,
		maxProcesses: defaults.maxModelProcesses,
		spawn: options.workerSpawn ?? {},
		...(options.failHandlerOn === undefined ? {} : {failOn: options.failHandlerOn}),
	};
}

async function lookupType(host: string, context: Parameters<typeof fromSocketError>[1]): Promise<'udp4' | 'udp6'> {
	const {lookup} = await import('node:dns/promises');
	try {
		const {family} = await lookup(host);
		return family === 6 ? 'udp6' : 'udp4';
	} catch (error: unknown) {
		throw fromSocketError(error, context);
	}
}
