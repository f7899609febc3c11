import process from 'node:process';
import {defaults, type Protocol} from '../defaults.js';
import type {EchoExchange, Endpoint} from '../echo/types.js';
import {fromSocketError, isSocktuiError} from '../errors.js';
import {socketProblem, type SessionProblem} from './session-problem.js';
import type {SessionChannel} from './session-channel.js';
import {parseSessionCommand} from './session-messages.js';
import {type AutoMode, maxReportedReads, type SessionPhase, type SessionReport, sessionExitCodes} from './types.js';

/** The part of the echo client a session uses (source/core/echo/echo-client.ts provides it). */
export interface SessionClient {
	readonly local: Endpoint;
	exchange(payload: Uint8Array): Promise<EchoExchange>;
	/** UDP: every datagram sent before any reply is awaited (source/core/echo/echo-client.ts). */
	exchangeAll?(payloads: readonly Uint8Array[]): Promise<EchoExchange[]>;
	onClose(listener: (...args: unknown[]) => void): unknown;
	close(): unknown;
}

export interface SessionChildOptions {
	protocol: Protocol;
	host: string;
	port: number;
	replyTimeoutMs: number;
}

export interface SessionChildDeps {
	channel: SessionChannel;
	openClient(options: SessionChildOptions): Promise<SessionClient>;
	/** A real busy computation for `ms` milliseconds (source/core/procs/cpu-burst.ts). */
	burnCpu(ms: number): unknown;
}

interface Outgoing {
	/** What the user sent, without the TCP line terminator. */
	text: Uint8Array;
	/** `send-pair`: the second line, sent in the same go. */
	second?: Uint8Array;
}

function countNewlines(bytes: Uint8Array): number {
	let count = 0;
	for (let index = bytes.indexOf(0x0a); index !== -1; index = bytes.indexOf(0x0a, index + 1)) count++;
	return count;
}

const encoder = new TextEncoder();

function toBase64(bytes: Uint8Array): string {
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** One line for a pane; raw socket errors get the same wording as everywhere else in socktui. */
function errorMessage(error: unknown, options: SessionChildOptions): string {
	const readable =
		isSocktuiError(error) || typeof (error as NodeJS.ErrnoException | undefined)?.code !== 'string'
			? error
			: fromSocketError(error, {protocol: options.protocol, host: options.host, port: options.port});
	const message = readable instanceof Error ? readable.message : String(readable);
	return message.split('\n')[0]!;
}

/** The error as a code the UI words (a socket error's kind and where), when it has one. */
function problemOf(error: unknown, options: SessionChildOptions): SessionProblem | undefined {
	const where = {protocol: options.protocol.toUpperCase(), host: options.host, port: options.port};
	const readable =
		isSocktuiError(error) || typeof (error as NodeJS.ErrnoException | undefined)?.code !== 'string'
			? error
			: fromSocketError(error, where);
	return socketProblem(readable, where);
}

function withProblem(error: unknown, options: SessionChildOptions): {problem?: SessionProblem} {
	const problem = problemOf(error, options);
	return problem ? {problem} : {};
}

/** What a failed UDP exchange leaves the session in. */
function udpFailureState(error: unknown): 'no-reply' | 'unreachable' | 'ready' {
	if (!isSocktuiError(error)) return 'ready';
	if (error.kind === 'PortUnreachable') return 'unreachable';
	return error.kind === 'NoReply' ? 'no-reply' : 'ready';
}

function withoutNewline(bytes: Uint8Array): Uint8Array {
	return bytes.at(-1) === 0x0a ? bytes.subarray(0, -1) : bytes;
}

/**
 * The session child process: one echo client connection driven by commands from the dashboard over IPC,
 * reporting everything it does. It never writes to stdout or stderr (the dashboard owns the terminal).
 *
 * Ends (resolving to the exit code, see `sessionExitCodes`) when the dashboard asks it to close, when the
 * IPC channel disconnects (the dashboard died: no orphans), when the TCP server closes the connection
 * (the pane then shows "exited 3" with the reason, like the tutorial's client ending), or when the
 * connection cannot be made.
 */
export async function runSessionChild(options: SessionChildOptions, deps: SessionChildDeps): Promise<number> {
	const {channel} = deps;
	const report = (message: SessionReport) => {
		if (!finished) channel.send(message);
	};

	const phase = (value: SessionPhase) => report({type: 'phase', phase: value, at: Date.now()});
	// UDP has no connection: an open UDP socket is only ready to send.
	const idleState = options.protocol === 'udp' ? 'ready' : 'connected';

	let finished = false;
	let client: SessionClient | undefined;
	let busy = false;
	let nextId = 1;
	let autoCount = 0;
	let autoTimer: NodeJS.Timeout | undefined;
	let auto: AutoMode = {enabled: false, intervalMs: 1000, burstMs: 0};
	const queue: Outgoing[] = [];
	let resolveExit!: (code: number) => void;
	const exited = new Promise<number>((resolve) => {
		resolveExit = resolve;
	});

	const finish = async (code: number, last?: SessionReport) => {
		if (finished) return;
		if (last) channel.send(last);
		finished = true;
		clearInterval(autoTimer);
		queue.length = 0;
		try {
			await client?.close();
		} catch {
			// The connection is already broken: closing it is all that was asked.
		}

		await channel.close();
		resolveExit(code);
	};

	/** Sends one message (TCP: `text` and a newline); the exchange, or undefined when it failed (reported). */
	const exchange = async (item: Outgoing): Promise<EchoExchange | undefined> => {
		const payload = options.protocol === 'tcp' ? Buffer.concat([item.text, encoder.encode('\n')]) : item.text;
		if (options.protocol === 'udp' && payload.byteLength > defaults.maxDatagramBytes) {
			report({
				type: 'error',
				message: `message too large for one UDP datagram (${payload.byteLength} bytes, at most ${defaults.maxDatagramBytes})`,
				problem: {code: 'tooLarge', bytes: payload.byteLength, max: defaults.maxDatagramBytes},
			});
			return undefined;
		}

		const id = nextId++;
		report({type: 'sent', id, requestBase64: toBase64(item.text), at: Date.now()});
		report({type: 'state', state: 'waiting'});
		phase('waiting-reply');
		let result: EchoExchange | undefined;
		try {
			result = await client!.exchange(payload);
			const reply = options.protocol === 'tcp' ? withoutNewline(result.reply) : result.reply;
			report({type: 'reply', id, replyBase64: toBase64(reply), rttMs: result.rttMs, at: Date.now()});
			if (finished) return result;
			report({type: 'state', state: idleState});
		} catch (error: unknown) {
			// A UDP reply timeout or port unreachable lands here; the session stays usable. A TCP failure also
			// closes the connection, which onClose reports.
			report({type: 'error', message: errorMessage(error, options), ...withProblem(error, options)});
			if (finished) return undefined;
			report({type: 'state', state: options.protocol === 'udp' ? udpFailureState(error) : idleState});
		}

		if (!finished) phase('idle');
		return result;
	};

	/**
	 * Two lines in one go. TCP: one write of both lines, one exchange awaiting both newlines; UDP: two
	 * datagrams, each its own exchange. Then how the replies came back: in how many reads, of what size.
	 */
	const exchangePair = async (item: Outgoing & {second: Uint8Array}) => {
		if (options.protocol === 'tcp') {
			const result = await exchange({text: Buffer.concat([item.text, encoder.encode('\n'), item.second])});
			if (!result || finished) return;
			const sizes = result.readSizes ?? [result.reply.byteLength];
			report({
				type: 'reads',
				id: nextId - 1,
				writes: 1,
				reads: sizes.length,
				readSizes: sizes.slice(0, maxReportedReads),
				lines: countNewlines(result.reply),
			});
			return;
		}

		const results = await exchangeDatagrams([item.text, item.second]);
		if (!results || finished) return;
		report({
			type: 'reads',
			id: nextId - 1,
			writes: results.length,
			reads: results.length,
			readSizes: results.map((result) => result.reply.byteLength),
			lines: 0,
		});
	};

	/** UDP: the datagrams sent back to back, then their replies (each its own message); undefined when it failed. */
	const exchangeDatagrams = async (texts: Uint8Array[]): Promise<EchoExchange[] | undefined> => {
		if (!client!.exchangeAll) {
			const results: EchoExchange[] = [];
			for (const text of texts) {
				const result = await exchange({text});
				if (!result || finished) return undefined;
				results.push(result);
			}

			return results;
		}

		const ids = texts.map((text) => {
			const id = nextId++;
			report({type: 'sent', id, requestBase64: toBase64(text), at: Date.now()});
			return id;
		});
		report({type: 'state', state: 'waiting'});
		phase('waiting-reply');
		try {
			const results = await client!.exchangeAll(texts);
			for (const [index, result] of results.entries())
				report({
					type: 'reply',
					id: ids[index]!,
					replyBase64: toBase64(result.reply),
					rttMs: result.rttMs,
					at: Date.now(),
				});
			if (finished) return results;
			report({type: 'state', state: idleState});
			phase('idle');
			return results;
		} catch (error: unknown) {
			report({type: 'error', message: errorMessage(error, options), ...withProblem(error, options)});
			if (finished) return undefined;
			report({type: 'state', state: udpFailureState(error)});
			phase('idle');
			return undefined;
		}
	};

	/** One exchange at a time: a message typed while another waits for its reply queues behind it. */
	const pump = async () => {
		if (busy || finished || !client) return;
		const item = queue.shift();
		if (!item) return;
		busy = true;
		try {
			await (item.second === undefined ? exchange(item) : exchangePair({...item, second: item.second}));
		} finally {
			busy = false;
		}

		void pump();
	};

	const autoTick = async () => {
		// Never overlap exchanges: when the last reply is late (or typed messages wait), skip this tick.
		if (busy || finished || !client || queue.length > 0) return;
		busy = true;
		try {
			if (auto.burstMs > 0) {
				phase('computing');
				await deps.burnCpu(auto.burstMs);
				if (finished) return;
			}

			autoCount++;
			await exchange({text: encoder.encode(`auto ${autoCount}`)});
		} finally {
			busy = false;
		}

		void pump();
	};

	const setAuto = (next: AutoMode) => {
		auto = next;
		clearInterval(autoTimer);
		autoTimer = undefined;
		if (next.enabled && !finished) autoTimer = setInterval(() => void autoTick(), next.intervalMs);
	};

	channel.onDisconnect(() => void finish(sessionExitCodes.closed));
	channel.onMessage((message) => {
		const command = parseSessionCommand(message);
		if (!command || finished) return;
		switch (command.type) {
			case 'send':
				if (queue.length >= defaults.sessionSendQueue) {
					report({
						type: 'error',
						message: `too many messages waiting (${defaults.sessionSendQueue}); this one was not sent`,
						problem: {code: 'queueFull', max: defaults.sessionSendQueue},
					});
					return;
				}

				queue.push({text: encoder.encode(command.text)});
				void pump();
				return;
			case 'send-pair':
				if (queue.length >= defaults.sessionSendQueue) return;
				queue.push({text: encoder.encode(command.first), second: encoder.encode(command.second)});
				void pump();
				return;
			case 'set-auto':
				setAuto(command.auto);
				return;
			case 'close':
				void finish(sessionExitCodes.closed, {
					type: 'state',
					state: 'closed',
					detail: 'closed by the dashboard',
					problem: {code: 'closedByDashboard'},
				});
		}
	});

	report({
		type: 'hello',
		pid: process.pid,
		protocol: options.protocol,
		remote: {address: options.host, port: options.port},
		// The UDP pane names the real wait in "no reply after 2 s".
		...(options.protocol === 'udp' ? {replyTimeoutMs: options.replyTimeoutMs} : {}),
	});
	report({type: 'state', state: 'connecting'});
	try {
		// Closing (or losing the dashboard) while the connect hangs must not wait for the OS to give up on it.
		const connecting = deps.openClient(options);
		const opened = await Promise.race([connecting, exited.then(() => undefined)]);
		if (opened === undefined || finished) {
			connecting.then((late) => late.close()).catch(() => {});
			return await exited;
		}

		client = opened;
	} catch (error: unknown) {
		const message = errorMessage(error, options);
		const problem = problemOf(error, options);
		report({type: 'error', message, ...(problem ? {problem} : {})});
		void finish(sessionExitCodes.connectFailed, {
			type: 'state',
			state: 'closed',
			detail: message,
			...(problem ? {problem} : {}),
		});
		return exited;
	}

	client.onClose((reason?: unknown) => {
		if (finished) return;
		const detail = reason instanceof Error ? errorMessage(reason, options) : 'the server closed the connection';
		const problem: SessionProblem | undefined =
			reason instanceof Error ? problemOf(reason, options) : {code: 'serverClosed'};
		void finish(sessionExitCodes.peerClosed, {
			type: 'state',
			state: 'closed',
			detail,
			...(problem ? {problem} : {}),
		});
	});
	report({type: 'state', state: idleState, local: client.local});
	phase('idle');
	void pump();
	return exited;
}
