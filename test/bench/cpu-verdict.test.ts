import {describe, expect, it} from 'vitest';
import {addRound, boundBy, cpuRatio, emptyTotals, rateRatio, type SideTotals} from '../../bench/echo/cpu-verdict.js';
import {parseLoadgenLine} from '../../bench/echo/native-loadgen.js';

/** Totals from rounds of [messages, server CPU seconds, load generator's fraction of its core], 1 s each. */
function side(rounds: Array<[number, number | undefined, number]>): SideTotals {
	const totals = emptyTotals();
	for (const [messages, cpu, loadgen] of rounds)
		addRound(totals, {messages, seconds: 1, lost: 0, p50Us: 0, p99Us: 0, loadgenCpu: loadgen, serverCpuSeconds: cpu});
	return totals;
}

describe('the echo bench verdict', () => {
	it('is the median of the paired rounds, with their range', () => {
		const bare = side([
			[100_000, 0.5, 0.5],
			[100_000, 0.5, 0.5],
			[100_000, 0.5, 0.5],
		]);
		// 1.02x, 1.04x and a 1.5x burst: the median ignores the burst.
		const socktui = side([
			[100_000, 0.51, 0.5],
			[100_000, 0.52, 0.5],
			[100_000, 0.75, 0.5],
		]);
		const verdict = cpuRatio(bare, socktui);
		expect('ratio' in verdict && verdict.ratio).toBeCloseTo(1.04);
		expect('ratio' in verdict && [verdict.low, verdict.high]).toEqual([expect.closeTo(1.02), expect.closeTo(1.5)]);
	});

	it('gives the quartiles of the paired rounds, and the same for throughput', () => {
		const bare = side([
			[100_000, 0.5, 0.5],
			[100_000, 0.5, 0.5],
			[100_000, 0.5, 0.5],
			[100_000, 0.5, 0.5],
			[100_000, 0.5, 0.5],
		]);
		// CPU per message 0.9x, 1.0x, 1.1x, 1.2x, 2.0x; throughput 0.8x, 0.9x, 1.0x, 1.1x, 1.2x.
		const socktui = side([
			[80_000, 0.36, 0.5],
			[90_000, 0.45, 0.5],
			[100_000, 0.55, 0.5],
			[110_000, 0.66, 0.5],
			[120_000, 1.2, 0.5],
		]);
		const cpu = cpuRatio(bare, socktui);
		expect(cpu).toEqual({
			ratio: expect.closeTo(1.1),
			q1: expect.closeTo(1),
			q3: expect.closeTo(1.2),
			low: expect.closeTo(0.9),
			high: expect.closeTo(2),
			rounds: 5,
		});
		expect(rateRatio(bare, socktui)).toEqual({
			ratio: expect.closeTo(1),
			q1: expect.closeTo(0.9),
			q3: expect.closeTo(1.1),
			low: expect.closeTo(0.8),
			high: expect.closeTo(1.2),
			rounds: 5,
		});
		// Between two rounds the quartile is interpolated.
		expect(
			rateRatio(
				side([
					[100, 1, 0.5],
					[100, 1, 0.5],
				]),
				side([
					[90, 1, 0.5],
					[110, 1, 0.5],
				]),
			),
		).toMatchObject({
			ratio: expect.closeTo(1),
			q1: expect.closeTo(0.95),
			q3: expect.closeTo(1.05),
		});
		expect(rateRatio(side([[100, 1, 0.95]]), side([[100, 1, 0.5]]))).toEqual({
			refused: 'no ratio: the load generator saturated (95% of its core against bare)',
		});
	});

	it('refuses a ratio when the load generator saturated on either side', () => {
		const fine = side([[100_000, 0.99, 0.5]]);
		const saturated = side([[100_000, 0.6, 0.97]]);
		expect(cpuRatio(fine, saturated)).toEqual({
			refused: 'no ratio: the load generator saturated (97% of its core against socktui)',
		});
		expect(cpuRatio(saturated, fine)).toEqual({
			refused: 'no ratio: the load generator saturated (97% of its core against bare)',
		});
		expect(boundBy(fine)).toBe('server');
		expect(boundBy(saturated)).toBe('loadgen');
		expect(boundBy(side([[10_000, 0.4, 0.3]]))).toBe('neither');
	});

	it('refuses a ratio when the server CPU was not measured', () => {
		expect(cpuRatio(side([[100, undefined, 0.1]]), side([[100, 0.1, 0.1]]))).toEqual({
			refused: 'no ratio: server CPU was not measured (no /proc, or no replies)',
		});
	});

	it("reads the load generator's line, and turns its error into an exception", () => {
		expect(
			parseLoadgenLine(
				'protocol=udp conns=16 size=64 seconds=1.0000 messages=200 rate=200 lost=1 late=0 p50_us=70 p99_us=90 loadgen_cpu=0.500 server_cpu_s=0.010\n',
			),
		).toEqual({messages: 200, seconds: 1, lost: 1, p50Us: 70, p99Us: 90, loadgenCpu: 0.5, serverCpuSeconds: 0.01});
		expect(() => parseLoadgenLine('protocol=tcp conns=1 messages=3 error=wrong-reply')).toThrow(
			/load generator: wrong-reply/,
		);
	});
});
