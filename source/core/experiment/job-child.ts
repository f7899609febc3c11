import {connect, type Socket} from 'node:net';
import {setImmediate as nextTurn} from 'node:timers/promises';
import type {Instruction} from '../ostep/process-run/types.js';
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
/** An IO's reply may come this much later than the IO length before the job gives up on the server. */
const replySlackMs = 10_000;
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
async function echoIo(socket: Socket, ioMs: number): Promise<void> {
	return new Promise((resolve, reject) => {
		let got = 0;
		const timer = setTimeout(() => {
			cleanup();
			reject(new Error(`no reply from the echo server within ${Math.round((ioMs + replySlackMs) / 1000)} s`));
		}, ioMs + replySlackMs);
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
			clearTimeout(timer);
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
	const received = new Set<JobCommand['type']>();
	let wake: (() => void) | undefined;
	channel.onDisconnect(() => {
		gone = true;
		wake?.();
	});
	channel.onMessage((value) => {
		const command = parseJobCommand(value);
		if (!command) return;
		received.add(command.type);
		wake?.();
	});
	// True once `type` has arrived (kept if it came early); false when the experiment went away.
	const next = async (type: JobCommand['type']): Promise<boolean> => {
		while (!received.has(type) && !gone) await new Promise<void>((resolve) => (wake = resolve));
		wake = undefined;
		return received.has(type);
	};

	let socket: Socket | undefined;
	try {
		if (options.ioKind === 'echo' && options.code.includes('io')) socket = await openSocket(options.host, options.port);
		channel.send({type: 'ready', pid: deps.pid});
		if (!(await next('go'))) return 1;
		for (const instruction of options.code) {
			deps.burn(options.tickMs);
			if (instruction === 'io') {
				if (socket) await echoIo(socket, options.ioMs);
				else await new Promise((resolve) => setTimeout(resolve, options.ioMs));
			} else {
				// Let a closed channel be noticed between ticks of pure CPU work.
				await nextTurn();
			}

			// The experiment went away, or gave up on this run (another job failed): stop here.
			if (gone || received.has('exit')) return 1;
		}

		channel.send({type: 'done'});
		// Told to exit: done. The experiment gone before it could read our figures: not a clean end.
		return (await next('exit')) ? 0 : 1;
	} catch (error: unknown) {
		channel.send({type: 'failed', message: (error instanceof Error ? error.message : String(error)).split('\n')[0]!});
		return 1;
	} finally {
		socket?.destroy();
		await channel.close();
	}
}
