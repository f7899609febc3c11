// Uppercase echo throughput: socktui's server (the built CLI, with its events and counters) against a
// bare Node net/dgram echo server, both separate processes, measured in the same run by the same load
// generator, alternating so that machine noise hits both alike.
import {fileURLToPath} from 'node:url';
import {generateLoad, type LoadResult} from './echo/load-generator.js';
import {LatencyHistogram} from './echo/latency-histogram.js';
import {cpuSeconds, startServerProcess, type ServerProcess} from './echo/server-process.js';

const cases: Array<{protocol: 'tcp' | 'udp'; connections: number}> = [
	{protocol: 'tcp', connections: 1},
	{protocol: 'tcp', connections: 16},
	{protocol: 'tcp', connections: 128},
	{protocol: 'udp', connections: 1},
	{protocol: 'udp', connections: 16},
];
// Short alternating rounds: on a shared 2-core machine noise comes in bursts, and alternation spreads it.
const rounds = 8;
const measureMs = Number(process.env['BENCH_ECHO_MS'] ?? 700);
const warmupMs = 200;

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const bare = fileURLToPath(new URL('echo/bare-server.mjs', import.meta.url));

interface Totals {
	/** Server CPU seconds while measuring (undefined off Linux). */
	cpu: number | undefined;
	messages: number;
	seconds: number;
	lost: number;
	latency: LatencyHistogram;
}

function add(totals: Totals, result: LoadResult): void {
	totals.messages += result.messages;
	totals.seconds += result.seconds;
	totals.lost += result.lost;
	totals.latency.merge(result.latency);
}

const empty = (): Totals => ({cpu: 0, messages: 0, seconds: 0, lost: 0, latency: new LatencyHistogram()});
const rate = (totals: Totals) => totals.messages / totals.seconds;
const cpuPerMessage = (totals: Totals) =>
	totals.cpu === undefined ? '-' : `${((totals.cpu / totals.messages) * 1e6).toFixed(1)}µs`;
const micros = (value: number) => (value >= 100_000 ? '>=100ms' : `${value}µs`);

export async function run(): Promise<void> {
	const rows: string[][] = [];
	for (const protocol of ['tcp', 'udp'] as const) {
		const servers: ServerProcess[] = [
			await startServerProcess(`bare ${protocol}`, process.execPath, [bare, protocol]),
			await startServerProcess(`socktui ${protocol}`, process.execPath, [
				cli,
				'server',
				`--${protocol}`,
				'--port',
				'0',
				'--quiet',
			]),
		];
		try {
			for (const {connections} of cases.filter((candidate) => candidate.protocol === protocol)) {
				const [bareTotals, socktuiTotals] = [empty(), empty()];
				for (let round = 0; round < rounds; round++) {
					// Alternate the order each round (bare first, then socktui first).
					const order = round % 2 === 0 ? [0, 1] : [1, 0];
					for (const index of order) {
						const server = servers[index]!;
						await generateLoad({protocol, port: server.port, connections, durationMs: warmupMs});
						const totals = index === 0 ? bareTotals : socktuiTotals;
						const cpuBefore = cpuSeconds(server.pid);
						add(totals, await generateLoad({protocol, port: server.port, connections, durationMs: measureMs}));
						const cpuAfter = cpuSeconds(server.pid);
						totals.cpu =
							cpuBefore === undefined || cpuAfter === undefined || totals.cpu === undefined
								? undefined
								: totals.cpu + cpuAfter - cpuBefore;
					}
				}

				const ratio = rate(socktuiTotals) / rate(bareTotals);
				rows.push([
					`${protocol} x${connections}`,
					Math.round(rate(bareTotals)).toLocaleString('en-US'),
					Math.round(rate(socktuiTotals)).toLocaleString('en-US'),
					`${ratio.toFixed(2)}x`,
					`${micros(bareTotals.latency.quantile(0.5))} / ${micros(bareTotals.latency.quantile(0.99))}`,
					`${micros(socktuiTotals.latency.quantile(0.5))} / ${micros(socktuiTotals.latency.quantile(0.99))}`,
					`${cpuPerMessage(bareTotals)} / ${cpuPerMessage(socktuiTotals)}`,
					protocol === 'udp' ? `${bareTotals.lost} / ${socktuiTotals.lost}` : '-',
				]);
				console.log(`  measured ${protocol} x${connections}: ratio ${ratio.toFixed(2)}x`);
			}
		} finally {
			await Promise.all(servers.map(async (server) => server.stop()));
		}
	}

	const header = [
		'case',
		'bare msgs/s',
		'socktui msgs/s',
		'socktui/bare',
		'bare p50 / p99',
		'socktui p50 / p99',
		'server CPU per msg (bare / socktui)',
		'udp lost (bare / socktui)',
	];
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
	const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
	console.log(
		`\n${rounds} rounds x ${measureMs} ms per server and case, strict ping-pong, ${Buffer.byteLength('the quick brown fox jumps over the lazy dog 0123456789\n')}-byte requests, every reply verified\n`,
	);
	console.log(line(header));
	console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
	for (const row of rows) console.log(line(row));
}
