import {describe, expect, it} from 'vitest';
import {compareLabels, formatCompare} from '../../../../source/core/ostep/process-run/compare-format.js';
import {referenceConfig} from '../../../../source/core/ostep/process-run/types.js';

const stats = (totalTime: number, ioBusy = 0) => ({totalTime, cpuBusy: 12, ioBusy, switchTicks: 0, preemptions: 0});

describe('sim --compare labels name the policy actually simulated (issue 20, item 9)', () => {
	it('seen: -P c6:c6 --quantum 1 --compare is round robin, not "Multiprogrammed (SWITCH_ON_IO)"', () => {
		const labels = compareLabels({...referenceConfig, quantum: 1});
		expect(labels.multiprogrammed.title).toBe('Round robin (SWITCH_ON_IO, quantum 1)');
		const lines = formatCompare(stats(12), stats(12), {withSwitch: false, quantum: 1});
		expect(lines[0]).toBe(`${''.padEnd(12)}${'Serial'.padStart(18)}${'Round robin'.padStart(18)}`);
		expect(lines[1]).toBe(`${''.padEnd(12)}${'SWITCH_ON_END'.padStart(18)}${'RR, quantum 1'.padStart(18)}`);
		expect(lines.join('\n')).not.toContain('Multiprogramming');
		expect(lines).toContain('Both finish at the same tick (no IO to overlap).');
	});

	it('without --quantum the labels stay the reference ones', () => {
		expect(compareLabels(referenceConfig).multiprogrammed.title).toBe('Multiprogrammed (SWITCH_ON_IO)');
		expect(compareLabels(referenceConfig).serial.title).toBe('Serial (SWITCH_ON_END)');
		const lines = formatCompare(stats(16), stats(12, 5), {withSwitch: false});
		expect(lines).toContain('Multiprogramming finishes 4 ticks sooner (speedup 1.33x).');
	});

	it('the same total with IO does not claim there was no IO', () => {
		const lines = formatCompare(stats(12, 5), stats(12, 5), {withSwitch: false});
		expect(lines.join('\n')).not.toContain('no IO');
	});
});
