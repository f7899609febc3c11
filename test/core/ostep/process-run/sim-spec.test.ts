import {describe, expect, it} from 'vitest';
import {isSocktuiError} from '../../../../source/core/errors.js';
import {parseSimSpec} from '../../../../source/core/ostep/process-run/sim-spec.js';

describe('parseSimSpec (socktui --sim "...")', () => {
	it('parses the sim options into a workload and policies', () => {
		const spec = parseSimSpec('  -l 5:100,5:100 -S SWITCH_ON_END  ');
		expect(spec.workload.processes).toEqual([
			Array.from({length: 5}, () => 'cpu'),
			Array.from({length: 5}, () => 'cpu'),
		]);
		expect(spec.config).toMatchObject({
			switchPolicy: 'SWITCH_ON_END',
			ioDonePolicy: 'IO_RUN_LATER',
			ioLength: 5,
			quantum: 0,
			switchCost: 0,
		});
		expect(spec.compare).toBe(false);
		expect(spec.source).toBe('-l 5:100,5:100 -S SWITCH_ON_END');
		expect(parseSimSpec('-P c6:c6 --quantum 1 --switch-cost 1 --compare')).toMatchObject({
			compare: true,
			config: {quantum: 1, switchCost: 1},
		});
	});

	it('turns every failure, the reference messages included, into one-line usage errors', () => {
		for (const [text, message] of [
			['', 'sim: Bad description (): Must be number <x:y>'],
			['-P c1,x', 'sim: bad opcode x (should be c or i)'],
			['-S NOPE -l 1:1', "-S must be SWITCH_ON_IO or SWITCH_ON_END, not 'NOPE'"],
			['--help', '--help is not a workload'],
		] as const) {
			try {
				parseSimSpec(text);
				expect.unreachable(text);
			} catch (error: unknown) {
				expect(isSocktuiError(error) && error.kind).toBe('BadUsage');
				expect((error as Error).message).toContain(message);
				expect((error as Error).message).not.toContain('\n');
			}
		}
	});
});
