// Server models: each socktui model against its twin from the tutorial's socketserver module (event-loop
// against a bare Node echo), interleaved in one run so machine noise hits both alike. Ping-pong
// messages/s with p50/p99 round trips at 1 and 16 clients, short TCP connections per second, and with a
// 200 ms reply delay the mean round trip of 4 clients sending at once (queueing shows as about 4x).
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import type {ServerModel} from '../source/core/echo/server-model.js';
import {generateLoad} from './echo/load-generator.js';
import {LatencyHistogram} from './echo/latency-histogram.js';
import {startServerProcess, type ServerProcess} from './echo/server-process.js';
import {simultaneousRoundTrips} from './models/delay-probe.js';
import {shortConnections} from './models/short-connections.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const bare = fileURLToPath(new URL('echo/bare-server.mjs', import.meta.url));
const twinScript = fileURLToPath(new URL('models/python-twin.py', import.meta.url));

export interface ModelsBenchOptions {
	/** Measuring window per figure and side (ms). */
	measureMs: number;
	/** Alternating rounds per figure. */
	rounds: number;
	/** The reply delay of the queueing probe (ms). */
	delayMs: number;
	/** Clients of the queueing probe. */
	probeClients: number;
	/** Ping-pong and short-connection loads: this many clients at once (1 and 16 by default). */
	clientCounts?: number[];
}

const twins: Record<ServerModel, Record<'tcp' | 'udp', string>> = {
	'event-loop': {tcp: 'bare Node net', udp: 'bare Node dgram'},
	iterative: {tcp: 'TCPServer', udp: 'UDPServer'},
	threads: {tcp: 'ThreadingTCPServer', udp: 'ThreadingUDPServer'},
	processes: {tcp: 'ForkingTCPServer', udp: 'ForkingUDPServer'},
};
const models: ServerModel[] = ['event-loop', 'iterative', 'threads', 'processes'];

function havePython(): string | undefined {
	const probe = spawnSync('python3', ['-c', 'import socketserver'], {timeout: 10_000});
	return probe.status === 0 ? undefined : 'python3 with socketserver is not available: the Python twins are skipped';
}

async function startSocktui(model: ServerModel, protocol: 'tcp' | 'udp', delayMs = 0): Promise<ServerProcess> {
	return startServerProcess(`socktui ${model} ${protocol}`, process.execPath, [
		cli,
		'server',
		`--${protocol}`,
		'--port',
		'0',
		'--quiet',
		'--model',
		model,
		'--reply-delay',
		String(delayMs),
	]);
}

async function startTwin(model: ServerModel, protocol: 'tcp' | 'udp', delayMs = 0): Promise<ServerProcess | undefined> {
	if (model === 'event-loop')
		return delayMs > 0 ? undefined : startServerProcess(`bare ${protocol}`, process.execPath, [bare, protocol]);
	return startServerProcess(twins[model][protocol], 'python3', [
		twinScript,
		'--model',
		model,
		...(protocol === 'udp' ? ['--udp'] : []),
		'--reply-delay',
		String(delayMs),
	]);
}

interface PingPong {
	messages: number;
	seconds: number;
	latency: LatencyHistogram;
}

const perSecond = (figure: PingPong) => figure.messages / figure.seconds;
const ms = (microseconds: number) =>
	Number.isNaN(microseconds) ? '-' : microseconds >= 100_000 ? '>=100' : (microseconds / 1000).toFixed(2);
const ratio = (ours: number, theirs: number) => (theirs > 0 ? `${(ours / theirs).toFixed(2)}x` : '-');
const round = (value: number) => Math.round(value).toLocaleString('en-US');

/** Runs `measure` on both servers in alternating order, `rounds` times. */
async function interleaved<T>(
	servers: Array<ServerProcess | undefined>,
	rounds: number,
	measure: (server: ServerProcess) => Promise<T>,
): Promise<Array<T[]>> {
	const results: Array<T[]> = servers.map(() => []);
	for (let index = 0; index < rounds; index++) {
		const order = index % 2 === 0 ? [0, 1] : [1, 0];
		for (const side of order) {
			const server = servers[side];
			if (server) results[side]!.push(await measure(server));
		}
	}

	return results;
}

function merge(figures: PingPong[]): PingPong {
	const latency = new LatencyHistogram();
	for (const figure of figures) latency.merge(figure.latency);
	return {
		messages: figures.reduce((sum, figure) => sum + figure.messages, 0),
		seconds: figures.reduce((sum, figure) => sum + figure.seconds, 0),
		latency,
	};
}

export async function modelsBench(options: ModelsBenchOptions): Promise<string> {
	const noPython = havePython();
	const lines: string[] = [];
	if (noPython) lines.push(`note: ${noPython}`);
	lines.push(
		'| model | protocol | load | socktui msgs/s | twin | twin msgs/s | ratio | socktui p50/p99 ms | twin p50/p99 ms |',
		'|---|---|---|---|---|---|---|---|---|',
	);
	const delayRows: string[] = [];
	for (const model of models) {
		for (const protocol of ['tcp', 'udp'] as const) {
			const twinName = twins[model][protocol];
			const servers: Array<ServerProcess | undefined> = [await startSocktui(model, protocol)];
			servers.push(noPython && model !== 'event-loop' ? undefined : await startTwin(model, protocol));
			try {
				for (const connections of options.clientCounts ?? [1, 16]) {
					const [ours, theirs] = (
						await interleaved(servers, options.rounds, async (server) =>
							generateLoad({
								protocol,
								port: server.port,
								connections,
								durationMs: options.measureMs,
								lossTimeoutMs: 5000,
							}),
						)
					).map((figures) => merge(figures));
					const note =
						model === 'iterative' && protocol === 'tcp' && connections > 1 ? ' (served one after another)' : '';
					lines.push(
						`| ${model} | ${protocol} | ${connections} client${connections === 1 ? '' : 's'} ping-pong${note} | ${round(perSecond(ours!))} | ${twinName} | ${theirs!.messages > 0 ? round(perSecond(theirs!)) : '-'} | ${ratio(perSecond(ours!), theirs!.messages > 0 ? perSecond(theirs!) : 0)} | ${ms(ours!.latency.quantile(0.5))}/${ms(ours!.latency.quantile(0.99))} | ${ms(theirs!.latency.quantile(0.5))}/${ms(theirs!.latency.quantile(0.99))} |`,
					);
				}

				if (protocol === 'tcp') {
					for (const parallel of options.clientCounts ?? [1, 16]) {
						const [ours, theirs] = (
							await interleaved(servers, options.rounds, async (server) =>
								shortConnections(server.port, parallel, options.measureMs),
							)
						).map((rates) => (rates.length === 0 ? 0 : rates.reduce((sum, rate) => sum + rate, 0) / rates.length));
						lines.push(
							`| ${model} | tcp | short connections x${parallel} (conn/s) | ${round(ours!)} | ${twinName} | ${theirs! > 0 ? round(theirs!) : '-'} | ${ratio(ours!, theirs!)} | - | - |`,
						);
					}
				}
			} finally {
				await Promise.all(servers.map(async (server) => server?.stop()));
			}

			const delayed: Array<ServerProcess | undefined> = [await startSocktui(model, protocol, options.delayMs)];
			delayed.push(noPython ? undefined : await startTwin(model, protocol, options.delayMs));
			try {
				const [ours, theirs] = (
					await interleaved(delayed, 1, async (server) =>
						simultaneousRoundTrips(protocol, server.port, options.probeClients),
					)
				).map((trips) => trips.flat());
				const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
				const describe = (values: number[] | undefined) =>
					values === undefined || values.length === 0
						? '-'
						: `mean ${Math.round(mean(values))} ms, last ${Math.round(Math.max(...values))} ms (${(Math.max(...values) / options.delayMs).toFixed(1)}x the delay)`;
				delayRows.push(`| ${model} | ${protocol} | ${describe(ours)} | ${twinName} | ${describe(theirs)} |`);
			} finally {
				await Promise.all(delayed.map(async (server) => server?.stop()));
			}
		}
	}

	lines.push(
		'',
		`Reply delay ${options.delayMs} ms, ${options.probeClients} clients sending at once (round trips; one at a time, the last waits ${options.probeClients}x the delay):`,
		'',
		'| model | protocol | socktui | twin | twin |',
		'|---|---|---|---|---|',
		...delayRows,
	);
	return lines.join('\n');
}

export async function run(): Promise<void> {
	console.log(
		await modelsBench({
			measureMs: Number(process.env['BENCH_MODELS_MS'] ?? 600),
			rounds: 2,
			delayMs: 200,
			probeClients: 4,
		}),
	);
}
