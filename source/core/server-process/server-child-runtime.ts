import type {EchoServer} from '../echo/types.js';
import {isSocktuiError} from '../errors.js';
import type {SessionChannel} from '../sessions/session-channel.js';
import {bindEchoPair, type StartEchoServer} from './bind-echo-pair.js';
import {ServerBatcher} from './server-batcher.js';
import {parseServerChildCommand, type ServerChildMessage, type ServerChildOptions} from './server-messages.js';

export interface ServerChildDeps {
	/** `pending`: messages handed to the channel and not yet written (the dashboard may be slow to read). */
	channel: SessionChannel<ServerChildMessage> & {readonly pending: number};
	startEchoServer: StartEchoServer;
	pid: number;
	/** Events wait this long at most before they travel, together, in one message. */
	batchIntervalMs?: number;
	/** How often the totals are re-read when nothing happens (UDP peers "seen recently" change without events). */
	statsIntervalMs?: number;
	/** Batches not yet written beyond which the next one waits (and keeps counting) instead of queueing. */
	maxPendingSends?: number;
	/** Calls `stop` on SIGTERM and the like (wired by the command). */
	onStopSignal?(stop: () => void): void;
}

/** How the server child ends: 0 when asked to or when the dashboard is gone; 1 when it could not bind. */
export const serverChildExitCodes = {done: 0, bindFailed: 1} as const;

/**
 * The echo server process the dashboard runs: TCP and UDP on one port, everything it does reported over
 * IPC in batches (never one message per packet), knobs taken from the dashboard. It ends when asked, on
 * SIGTERM, and when the IPC channel drops (the dashboard exited or was killed: no server left behind).
 */
export async function runServerChild(options: ServerChildOptions, deps: ServerChildDeps): Promise<number> {
	const {channel} = deps;
	const batchIntervalMs = deps.batchIntervalMs ?? 100;
	const maxPendingSends = deps.maxPendingSends ?? 4;
	let finished = false;
	let servers: EchoServer[] = [];
	let resolveExit!: (code: number) => void;
	const exited = new Promise<number>((resolve) => {
		resolveExit = resolve;
	});
	const batcher = new ServerBatcher();
	let flushTimer: NodeJS.Timeout | undefined;
	let statsTimer: NodeJS.Timeout | undefined;
	let lastStats = '';
	let knobTurned = () => {};

	const finish = async (code: number) => {
		if (finished) return;
		finished = true;
		clearTimeout(flushTimer);
		clearInterval(statsTimer);
		await Promise.all(servers.map(async (server) => server.close()));
		await channel.close();
		resolveExit(code);
	};

	channel.onDisconnect(() => void finish(serverChildExitCodes.done));
	deps.onStopSignal?.(() => void finish(serverChildExitCodes.done));
	channel.onMessage((message) => {
		const command = parseServerChildCommand(message);
		if (!command || finished) return;
		switch (command.type) {
			case 'shutdown': {
				void finish(serverChildExitCodes.done);
				break;
			}

			case 'set-reply-delay': {
				for (const server of servers) server.setReplyDelay(command.ms);
				break;
			}

			case 'set-handler-cpu': {
				for (const server of servers) server.setHandlerCpu(command.ms);
				break;
			}

			case 'set-model': {
				for (const server of servers) server.setModel(command.model);
				break;
			}
		}

		// A knob turned: the pane shows it at once, not at the next traffic.
		knobTurned();
	});

	try {
		const pair = await bindEchoPair(options, deps.startEchoServer);
		servers = [pair.tcp, pair.udp];
		if (finished) {
			await Promise.all(servers.map(async (server) => server.close()));
			return await exited;
		}

		const {port} = pair.tcp.local;
		channel.send({
			type: 'ready',
			pid: deps.pid,
			port,
			local: {tcp: {...pair.tcp.local}, udp: {...pair.udp.local}},
			...(pair.fellBackFrom === undefined ? {} : {fellBackFrom: pair.fellBackFrom}),
		});
	} catch (error: unknown) {
		const kind = isSocktuiError(error) ? error.kind : 'Internal';
		const message = error instanceof Error ? error.message : String(error);
		channel.send({type: 'error', kind, message: message.split('\n')[0]!});
		await finish(serverChildExitCodes.bindFailed);
		return exited;
	}

	const flush = () => {
		flushTimer = undefined;
		if (finished) return;
		// The dashboard is not reading (stopped, busy): keep counting here rather than queue batch after batch.
		if (channel.pending >= maxPendingSends) {
			flushTimer = setTimeout(flush, batchIntervalMs);
			return;
		}

		const stats = servers.map((server) => server.stats());
		lastStats = JSON.stringify(stats);
		channel.send(batcher.take(stats));
	};

	const schedule = () => {
		flushTimer ??= setTimeout(flush, batchIntervalMs);
	};
	knobTurned = schedule;

	for (const server of servers) {
		server.subscribe((event) => {
			if (finished) return;
			batcher.add(event);
			schedule();
		});
	}

	statsTimer = setInterval(() => {
		if (flushTimer !== undefined || finished) return;
		if (JSON.stringify(servers.map((server) => server.stats())) !== lastStats) flush();
	}, deps.statsIntervalMs ?? 1000);
	flush();
	return exited;
}
