import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {fixturesDir, readRecordedRuns, rightStrip} from '../fixtures/process-run/read-runs.js';

// shared-example-NN are the lead's recorded runs (shared/examples/process-run/NN), copied verbatim;
// the others were recorded from the reference for each rule of SIMULATOR.md (see the fixtures README).
describe('socktui sim reproduces recorded reference runs', () => {
	const runs = readRecordedRuns(fixturesDir);
	it('has the fixtures', () => {
		expect(runs.filter((run) => run.name.startsWith('shared-example-')).length).toBeGreaterThanOrEqual(9);
		expect(runs.length).toBeGreaterThanOrEqual(60);
	});
	it.concurrent.each(runs.map((run) => [run.name, run] as const))('%s', async (_name, run) => {
		const result = await runCli(['sim', ...run.args]);
		expect(result.stderr).toBe('');
		expect(rightStrip(result.stdout)).toBe(rightStrip(run.expected));
		expect(result.code).toBe(run.exitCode);
	});
});
