import type net from 'node:net';
import type {HandlerKnobs} from '../server-model.js';
import type {CloseReason} from '../types.js';
import {runHandler} from './handler-work.js';
import {
	maxSampleBytes,
	maxSamplesPerReport,
	parseWorkerCommand,
	type WorkerCommand,
	type WorkerReport,
} from './worker-messages.js';

export interface WorkerChannel {
	send(report: WorkerReport): void;
	/** Raw messages (validated here); a `serve-tcp` one comes with the socket as its handle. */
	onMessage(listener: (message: unknown, handle?: unknown) => void): void;
	onDisconnect(listener: () => void): void;
}

export interface ServerWorkerOptions {
	/** A pooled worker serves one connection or datagram after another; otherwise it serves one and ends. */
	pooled: boolean;
	/** How often traffic is reported while a connection is served (never one message per chunk). */
	reportIntervalMs?: number;
}

interface Traffic {
	bytesIn: number;
	bytesOut: number;
	messagesIn: number;
	messagesOut: number;
	samples: Array<{direction: 'in' | 'out'; bytesBase64: string}>;
	inSamples: number;
	outSamples: number;
}

function newTraffic(): Traffic {
	return {bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0, samples: [], inSamples: 0, outSamples: 0};
}

function sample(traffic: Traffic, direction: 'in' | 'out', bytes: Uint8Array): void {
	const key = direction === 'in' ? 'inSamples' : 'outSamples';
	if (traffic[key] >= maxSamplesPerReport) return;
	traffic[key] += 1;
	traffic.samples.push({direction, bytesBase64: Buffer.from(bytes.subarray(0, maxSampleBytes)).toString('base64')});
}

/**
 * A `server-worker` process: the processes model's child (ForkingTCPServer / ForkingUDPServer). It owns
 * the TCP connection handed to it and runs the blocking handler on it (blocking only this process), or
 * answers one datagram; it reports traffic to the server in batches and ends when its work is done (a
 * pooled one waits for the next), when told to, and when the server is gone. Resolves to the exit code.
 */
export async function runServerWorker(channel: WorkerChannel, options: ServerWorkerOptions): Promise<number> {
	const reportIntervalMs = options.reportIntervalMs ?? 100;
	let knobs: HandlerKnobs = {replyDelayMs: 0, handlerCpuMs: 0};
	let socket: net.Socket | undefined;
	let resolveExit!: (code: number) => void;
	const exited = new Promise<number>((resolve) => {
		resolveExit = resolve;
	});
	let finished = false;
	const finish = () => {
		if (finished) return;
		finished = true;
		socket?.destroy();
		resolveExit(0);
	};

	const jobDone = () => {
		if (!options.pooled) finish();
	};

	const serveTcp = (command: Extract<WorkerCommand, {type: 'serve-tcp'}>, handle: net.Socket) => {
		knobs = command.knobs;
		socket = handle;
		let traffic = newTraffic();
		let reason: CloseReason | undefined;
		const report = () => {
			if (traffic.messagesIn === 0 && traffic.messagesOut === 0) return;
			const {bytesIn, bytesOut, messagesIn, messagesOut, samples} = traffic;
			channel.send({type: 'traffic', bytesIn, bytesOut, messagesIn, messagesOut, samples});
			traffic = newTraffic();
		};

		const timer = setInterval(report, reportIntervalMs);
		handle.setNoDelay(true);
		if (command.idleTimeoutMs > 0) {
			handle.setTimeout(command.idleTimeoutMs, () => {
				reason ??= 'idle';
				handle.destroy();
			});
		}

		handle.on('data', (chunk: Buffer) => {
			traffic.bytesIn += chunk.length;
			traffic.messagesIn += 1;
			sample(traffic, 'in', chunk);
			const reply = runHandler(chunk, knobs);
			handle.write(reply);
			traffic.bytesOut += reply.length;
			traffic.messagesOut += 1;
			sample(traffic, 'out', reply);
		});
		handle.on('error', (error: NodeJS.ErrnoException) => {
			reason ??= error.code === 'ECONNRESET' || error.code === 'EPIPE' ? 'reset' : 'error';
		});
		handle.on('close', () => {
			clearInterval(timer);
			report();
			channel.send({type: 'tcp-end', reason: reason ?? 'end'});
			socket = undefined;
			jobDone();
		});
	};

	const serveUdp = (command: Extract<WorkerCommand, {type: 'serve-udp'}>) => {
		knobs = command.knobs;
		const request = Buffer.from(command.bytesBase64, 'base64');
		const reply = runHandler(request, knobs);
		channel.send({type: 'udp-reply', id: command.id, bytesBase64: Buffer.from(reply).toString('base64')});
		jobDone();
	};

	channel.onDisconnect(finish);
	channel.onMessage((message, handle) => {
		const command = parseWorkerCommand(message);
		if (!command || finished) return;
		switch (command.type) {
			case 'shutdown': {
				finish();
				break;
			}

			case 'knobs': {
				knobs = command.knobs;
				break;
			}

			case 'serve-tcp': {
				if (socket === undefined && isSocket(handle)) serveTcp(command, handle);
				break;
			}

			case 'serve-udp': {
				serveUdp(command);
				break;
			}
		}
	});
	channel.send({type: 'ready'});
	return exited;
}

function isSocket(handle: unknown): handle is net.Socket {
	return typeof handle === 'object' && handle !== null && typeof (handle as net.Socket).write === 'function';
}
