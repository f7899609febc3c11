import {connect, type Socket} from 'node:net';
import {setImmediate as nextTurn} from 'node:timers/promises';
import type {Instruction} from '../sched/types.js';
import type {SessionChannel} from '../sessions/session-channel.js';
import {parseJobCommand, type JobCommand, type JobMessage} from './job-messages.js';
import type {IoKind} from './types.js';

export interface JobChildOptions {
	code: readonly Instruction[];
	tickMs: number;
	ioMs: number;
	ioKind: IoKind;
	host: string;
	port: number;
}

export interface JobChildDeps {
	channel: SessionChannel<JobMessage>;
	pid: number;
	/** Real CPU work for `ms` milliseconds (blocks). */
	burn(ms: number): void;
}

const connectTimeoutMs = 10_000;
const request = Buffer.from('io\n');

async function openSocket(host: string, port: number): Promise<Socket> {
	return new Promise((resolve, reject) => {
		const socket = connect({host, port});
		const timer = setTimeout(() => {
			socket.destroy();
			reject(new Error(`no connection to ${host}:${port} within ${connectTimeoutMs / 1000} s`));
		}, connectTimeoutMs);
		socket.once('connect', () => {
			clearTimeout(timer);
			socket.setNoDelay(true);
			resolve(socket);
		});
		socket.once('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
	});
}

/** One IO on the echo server: a short request whose reply the server holds for the IO length. */
async function echoIo(socket: Socket): Promise<void> {
	return new Promise((resolve, reject) => {
		let got = 0;
		const onData = (chunk: Buffer) => {
			got += chunk.length;
			if (got < request.length) return;
			cleanup();
			resolve();
		};
		const onEnd = () => {
			cleanup();
			reject(new Error('the echo server closed the connection'));
		};
		const cleanup = () => {
			socket.off('data', onData);
			socket.off('close', onEnd);
			socket.off('error', onEnd);
		};
		socket.on('data', onData);
		socket.on('close', onEnd);
		socket.on('error', onEnd);
		socket.write(request);
	});
}

/**
 * The job's side: connect (for echo IOs), say ready, wait for `go`, run the program (`c` = one tick of
 * CPU; `i` = one tick to start the IO, the IO, one tick when it is done, as `sim` counts them), say done,
 * then wait for `exit` so the experiment can read this process's /proc figures before it ends. If the
 * experiment goes away (its end of the channel closes), the job stops at the next instruction.
 */
export async function runJobChild(options: JobChildOptions, deps: JobChildDeps): Promise<number> {
	const {channel} = deps;
	let gone = false;
	let waiting: ((command: JobCommand | undefined) => void) | undefined;
	channel.onDisconnect(() => {
		gone = true;
		waiting?.(undefined);
	});
	channel.onMessage((value) => {
		const command = parseJobCommand(value);
		if (command) waiting?.(command);
	});
	const next = async (type: JobCommand['type']): Promise<boolean> =>
		new Promise((resolve) => {
			if (gone) {
				resolve(false);
				return;
			}

			waiting = (command) => {
				if (command !== undefined && command.type !== type) return;
				waiting = undefined;
				resolve(command !== undefined);
			};
		});

	let socket: Socket | undefined;
	try {
		if (options.ioKind === 'echo' && options.code.includes('io')) socket = await openSocket(options.host, options.port);
		channel.send({type: 'ready', pid: deps.pid});
		if (!(await next('go'))) return 1;
		for (const instruction of options.code) {
			deps.burn(options.tickMs);
			if (instruction === 'io') {
				if (socket) await echoIo(socket);
				else await new Promise((resolve) => setTimeout(resolve, options.ioMs));
			} else {
				// Let a closed channel be noticed between ticks of pure CPU work.
				await nextTurn();
			}

			if (gone) return 1;
		}

		channel.send({type: 'done'});
		await next('exit');
		return 0;
	} catch (error: unknown) {
		channel.send({type: 'failed', message: (error instanceof Error ? error.message : String(error)).split('\n')[0]!});
		return 1;
	} finally {
		socket?.destroy();
		await channel.close();
	}
}
