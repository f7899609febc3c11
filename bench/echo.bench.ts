// Uppercase echo, server CPU per message: socktui's server (the built CLI, every default guard on) against
// a bare Node net/dgram echo, and for UDP the tutorial's Python recvfrom/sendto loop, all separate
// processes driven by the project's native load generator (bench/echo/loadgen.c, several times cheaper per
// message than any of them), interleaved round by round so that machine noise hits each alike.
import {execFileSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {
	addRound,
	boundCell,
	cpuPerMessageUs,
	cpuRatio,
	defaultSaturation,
	emptyTotals,
	type PairedRatio,
	rate,
	rateRatio,
	type SideTotals,
} from './echo/cpu-verdict.js';
import {compileLoadgen, pinning, runLoadgen} from './echo/native-loadgen.js';
import {startServerProcess, type ServerProcess} from './echo/server-process.js';

export interface EchoCase {
	protocol: 'tcp' | 'udp';
	connections: number;
	/** Rounds for this case as a multiple of `rounds` (default 1): for a noisier case. */
	roundsFactor?: number;
}

export interface EchoBenchOptions {
	rounds: number;
	warmupSeconds: number;
	measureSeconds: number;
	cases: EchoCase[];
	/** A side using at least this fraction of its core is saturated (the ratio is refused for the load generator). */
	saturation: number;
	/** The budget for socktui/bare CPU per message. */
	budget: number;
	/** The budget for socktui/bare throughput (replies per second): at least this. */
	rateBudget: number;
}

export const defaultCases: EchoCase[] = [
	{protocol: 'tcp', connections: 1},
	{protocol: 'tcp', connections: 16},
	// Many connections on a busy machine: paired rounds spread about twice as wide as at 16 (measured,
	// docs/performance.md), so three times the rounds for the same resolution of the median.
	{protocol: 'tcp', connections: 128, roundsFactor: 3},
	{protocol: 'udp', connections: 1},
	{protocol: 'udp', connections: 16},
];

const defaultOptions: EchoBenchOptions = {
	// A second bare server against the first came out 0.94-1.04x over 7-15 rounds of 1 s and 0.99-1.01x
	// over 21-63 rounds: shorter rounds, more of them (the same time per server).
	rounds: Number(process.env['BENCH_ECHO_ROUNDS'] ?? 15),
	warmupSeconds: 0.3,
	measureSeconds: Number(process.env['BENCH_ECHO_SECONDS'] ?? 0.5),
	cases: defaultCases,
	saturation: defaultSaturation,
	budget: 1.05,
	rateBudget: 0.95,
};

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const bareScript = fileURLToPath(new URL('echo/bare-server.mjs', import.meta.url));
const pythonScript = fileURLToPath(new URL('echo/python-udp-server.py', import.meta.url));

/** `control` is a second bare server: its ratio to the first is the bench's own noise in that run (A/A). */
type Side = 'bare' | 'control' | 'socktui' | 'python';

function hasPython(): boolean {
	try {
		execFileSync('python3', ['-c', 'import socket'], {stdio: 'ignore', timeout: 10_000});
		return true;
	} catch {
		return false;
	}
}

const micros = (value: number | undefined) => (value === undefined ? '-' : `${value.toFixed(2)} µs`);
const perSecond = (totals: SideTotals | undefined) =>
	totals === undefined ? '-' : Math.round(rate(totals)).toLocaleString('en-US');

/** `1.012x [0.99-1.03] (0.95-1.10)`: the median, [its quartiles] and (its range) over the paired rounds. */
const ratioCell = (verdict: PairedRatio | {refused: string}) =>
	'ratio' in verdict
		? `${verdict.ratio.toFixed(3)}x [${verdict.q1.toFixed(2)}-${verdict.q3.toFixed(2)}] (${verdict.low.toFixed(2)}-${verdict.high.toFixed(2)})`
		: verdict.refused;

/** Runs the bench and returns its report (notes, the table and the budget line); undefined when skipped. */
export async function echoBench(overrides: Partial<EchoBenchOptions> = {}): Promise<string> {
	const options = {...defaultOptions, ...overrides};
	if (process.platform !== 'linux') return 'skipped: the echo bench reads server CPU from /proc (Linux only)';
	const loadgen = await compileLoadgen();
	if ('skipped' in loadgen) return `skipped: ${loadgen.skipped}`;
	const pin = pinning();
	const notes: string[] = [];
	if (pin.note !== undefined) notes.push(`note: ${pin.note}`);
	const udp = options.cases.some((candidate) => candidate.protocol === 'udp');
	const python = udp && hasPython();
	if (udp && !python) notes.push('note: python3 not found: no Python column');

	const rows: string[][] = [];
	const verdicts: Array<{
		name: string;
		ratio: number | undefined;
		noise: number | undefined;
		rate: number | undefined;
		rateNoise: number | undefined;
		rounds: number;
	}> = [];
	try {
		for (const protocol of ['tcp', 'udp'] as const) {
			const cases = options.cases.filter((candidate) => candidate.protocol === protocol);
			if (cases.length === 0) continue;
			const servers = new Map<Side, ServerProcess>();
			const start = async (side: Side, command: string, args: string[]) => {
				const [first, ...rest] = [...pin.server, command, ...args];
				servers.set(side, await startServerProcess(`${side} ${protocol}`, first!, rest));
			};

			try {
				await start('bare', process.execPath, [bareScript, protocol]);
				await start('control', process.execPath, [bareScript, protocol]);
				await start('socktui', process.execPath, [cli, 'server', `--${protocol}`, '--port', '0', '--quiet']);
				if (protocol === 'udp' && python) await start('python', 'python3', [pythonScript]);
				const sides = [...servers.keys()];
				for (const {connections, roundsFactor = 1} of cases) {
					const totals = new Map(sides.map((side) => [side, emptyTotals()]));
					const rounds = Math.max(1, Math.round(options.rounds * roundsFactor));
					for (let round = 0; round < rounds; round++) {
						// Each round starts with the next server, so no side always goes first.
						for (let index = 0; index < sides.length; index++) {
							const side = sides[(round + index) % sides.length]!;
							const server = servers.get(side)!;
							const result = await runLoadgen(loadgen.binary, pin.loadgen, {
								protocol,
								port: server.port,
								connections,
								warmupSeconds: options.warmupSeconds,
								measureSeconds: options.measureSeconds,
								serverPid: server.pid,
							});
							addRound(totals.get(side)!, result);
						}
					}

					const bare = totals.get('bare')!;
					const socktui = totals.get('socktui')!;
					const py = totals.get('python');
					const verdict = cpuRatio(bare, socktui, options.saturation);
					const control = totals.get('control')!;
					const noise = cpuRatio(bare, control, options.saturation, ['bare', 'the second bare']);
					const rateVerdict = rateRatio(bare, socktui, options.saturation);
					const rateNoise = rateRatio(bare, control, options.saturation, ['bare', 'the second bare']);
					const name = `${protocol} x${connections}`;
					verdicts.push({
						name,
						ratio: 'ratio' in verdict ? verdict.ratio : undefined,
						noise: 'ratio' in noise ? noise.ratio : undefined,
						rate: 'ratio' in rateVerdict ? rateVerdict.ratio : undefined,
						rateNoise: 'ratio' in rateNoise ? rateNoise.ratio : undefined,
						rounds,
					});
					rows.push([
						name,
						perSecond(bare),
						perSecond(socktui),
						perSecond(py),
						micros(cpuPerMessageUs(bare)),
						micros(cpuPerMessageUs(socktui)),
						py === undefined ? '-' : micros(cpuPerMessageUs(py)),
						String(rounds),
						ratioCell(verdict),
						ratioCell(noise),
						ratioCell(rateVerdict),
						ratioCell(rateNoise),
						`${boundCell(bare, options.saturation)}; ${boundCell(socktui, options.saturation)}${py === undefined ? '' : `; ${boundCell(py, options.saturation)}`}`,
						protocol === 'udp'
							? [bare, socktui, ...(py === undefined ? [] : [py])].map((side) => side.lost).join(' / ')
							: '-',
					]);
				}
			} finally {
				await Promise.all([...servers.values()].map(async (server) => server.stop()));
			}
		}
	} finally {
		loadgen.dispose();
	}

	const header = [
		'case',
		'bare msgs/s',
		'socktui msgs/s',
		'python msgs/s',
		'bare CPU/msg',
		'socktui CPU/msg',
		'python CPU/msg',
		'rounds',
		'socktui/bare CPU/msg',
		'bare/bare A/A CPU/msg',
		'socktui/bare msgs/s',
		'bare/bare A/A msgs/s',
		'bound by, server % / loadgen % (bare; socktui; python)',
		'udp lost',
	];
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
	const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
	const over = verdicts.filter((verdict) => verdict.ratio !== undefined && verdict.ratio > options.budget);
	const slow = verdicts.filter((verdict) => verdict.rate !== undefined && verdict.rate < options.rateBudget);
	const refused = verdicts.filter((verdict) => verdict.ratio === undefined);
	const budget = [
		`budget: socktui/bare server CPU per message <= ${options.budget}x and throughput >= ${options.rateBudget}x in every column, every default guard on:`,
		over.length === 0 && slow.length === 0 && refused.length === 0
			? 'met'
			: [
					over.length > 0
						? `over in ${over
								.map(
									(verdict) =>
										`${verdict.name} (${verdict.ratio!.toFixed(3)}x; A/A ${verdict.noise === undefined ? '-' : `${verdict.noise.toFixed(3)}x`})`,
								)
								.join(', ')}`
						: '',
					slow.length > 0
						? `throughput under in ${slow
								.map(
									(verdict) =>
										`${verdict.name} (${verdict.rate!.toFixed(3)}x; A/A ${verdict.rateNoise === undefined ? '-' : `${verdict.rateNoise.toFixed(3)}x`})`,
								)
								.join(', ')}`
						: '',
					refused.length > 0 ? `not measured in ${refused.map((verdict) => verdict.name).join(', ')}` : '',
				]
					.filter(Boolean)
					.join('; '),
	].join(' ');
	return [
		...notes,
		`${options.rounds} interleaved rounds (more where the rounds column says) x ${options.measureSeconds} s per server and case (after ${options.warmupSeconds} s warm-up), 64-byte ping-pong, every reply verified; a ratio is the median of the rounds' paired ratios, [quartiles] (range); A/A is a second bare server against the first, the run's own noise; loadgen ${pin.loadgen.length > 0 ? 'on CPU 0, servers on CPU 1' : 'and servers unpinned'}; "bound by" names a side at >= ${Math.round(options.saturation * 100)}% of its core`,
		'',
		line(header),
		`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
		...rows.map(line),
		'',
		budget,
	].join('\n');
}

export async function run(): Promise<void> {
	console.log(await echoBench());
}
