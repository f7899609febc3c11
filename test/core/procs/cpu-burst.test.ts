import {describe, expect, it} from 'vitest';
import {burnCpu, burnCpuTime, CpuBurner} from '../../../source/core/procs/cpu-burst.js';

/** The shortest slice of work, in rounds. */
const short = 256;

/** A clock that only the fake work advances: `roundsPerMs` of it per millisecond. */
function fakeCpu(roundsPerMs: number) {
	const cpu = {
		ms: 0,
		roundsPerMs,
		calls: [] as number[],
		burner: undefined as unknown as CpuBurner,
	};
	cpu.burner = new CpuBurner(
		() => cpu.ms,
		(rounds) => {
			cpu.calls.push(rounds);
			cpu.ms += rounds / cpu.roundsPerMs;
		},
	);
	return cpu;
}

describe('CpuBurner (a fake clock)', () => {
	it('works until the clock has advanced by the time asked, and returns the rounds it did', () => {
		const cpu = fakeCpu(5000);
		const rounds = cpu.burner.burn(10);
		expect(rounds).toBe(cpu.calls.reduce((sum, chunk) => sum + chunk, 0));
		expect(cpu.ms).toBeGreaterThanOrEqual(10);
		// Never more than one short slice late.
		expect(cpu.ms).toBeLessThanOrEqual(10 + short / 5000);
		expect(cpu.burner.burn(0)).toBe(0);
		expect(cpu.burner.burn(-5)).toBe(0);
		expect(cpu.burner.burn(Number.NaN)).toBe(0);
	});

	it('does a burst in a few slices, each half the time left at the rate just measured', () => {
		const cpu = fakeCpu(5000);
		cpu.burner.burn(10);
		cpu.calls.length = 0;
		const began = cpu.ms;
		cpu.burner.burn(10);
		expect(Math.abs(cpu.calls[0]! - 25_000)).toBeLessThanOrEqual(1);
		expect(Math.abs(cpu.calls[1]! - 12_500)).toBeLessThanOrEqual(1);
		expect(cpu.calls.length).toBeLessThanOrEqual(12);
		expect(cpu.ms - began).toBeLessThanOrEqual(10 + short / 5000);
	});

	it('scales the work with the time', () => {
		const cpu = fakeCpu(5000);
		cpu.burner.burn(10);
		const tenMs = cpu.burner.burn(10);
		const hundredMs = cpu.burner.burn(100);
		// Each burst may end one short slice late.
		expect(Math.abs(hundredMs - 10 * tenMs)).toBeLessThanOrEqual(11 * short);
	});

	it('is still at most one short slice late when the CPU became twice slower, and adapts', () => {
		const cpu = fakeCpu(5000);
		cpu.burner.burn(10);
		cpu.roundsPerMs = 2500;
		const began = cpu.ms;
		cpu.burner.burn(10);
		expect(cpu.ms - began).toBeGreaterThanOrEqual(10);
		expect(cpu.ms - began).toBeLessThanOrEqual(10 + short / 2500);
		cpu.calls.length = 0;
		cpu.burner.burn(10);
		expect(Math.abs(cpu.calls[0]! - 12_500)).toBeLessThanOrEqual(1);
	});

	it('keeps every slice below 2^28 rounds, however fast the CPU', () => {
		const cpu = fakeCpu(1e9);
		cpu.burner.burn(10);
		cpu.burner.burn(1000);
		expect(Math.max(...cpu.calls)).toBe(2 ** 28);
		expect(cpu.ms).toBeGreaterThanOrEqual(1010);
	});
});

describe('burnCpu and burnCpuTime (real work)', () => {
	it('burnCpu computes until the wall-clock deadline has passed, using CPU time', () => {
		const before = process.cpuUsage();
		const start = performance.now();
		const rounds = burnCpu(60);
		const elapsed = performance.now() - start;
		const used = process.cpuUsage(before);
		expect(rounds).toBeGreaterThan(0);
		expect(Number.isSafeInteger(rounds)).toBe(true);
		expect(elapsed).toBeGreaterThanOrEqual(60); // it never returns early (a guarantee, not a speed limit)
		expect(used.user + used.system).toBeGreaterThan(0);
		expect(burnCpu(0)).toBe(0);
	});

	it('burnCpuTime computes until this process has used that much CPU time', () => {
		const before = process.cpuUsage();
		const rounds = burnCpuTime(60);
		const used = process.cpuUsage(before);
		expect(rounds).toBeGreaterThan(0);
		expect(used.user + used.system).toBeGreaterThanOrEqual(60_000);
		expect(burnCpuTime(0)).toBe(0);
		expect(burnCpuTime(-1)).toBe(0);
	});

	it('does more work in more CPU time', () => {
		burnCpuTime(10); // the rate is learnt on the first burst
		const short = burnCpuTime(20);
		const long = burnCpuTime(200);
		expect(long).toBeGreaterThan(2 * short);
	});
});
